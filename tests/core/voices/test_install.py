"""Installing a Piper voice from a real mirror on 127.0.0.1, and every way it fails.

The mirror serves the real en_US-joe-medium files (the test extra) at Piper's
paths and the bundled catalog is used as it is, so a passing install also
proves the catalog's size and MD5 are the real ones. After each failure the
voices folder must hold nothing: no voice, no hidden partial folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lismoi.core.paths import user_voices_dir
from lismoi.core.voices import install as install_mod
from lismoi.core.voices.catalog import find_voice
from lismoi.core.voices.install import (
    DamagedDownload,
    InstallCancelled,
    InstallError,
    NotEnoughSpace,
    clean_partials,
    downloaded_voices,
    install,
    remove,
)
from tests.support.voice_mirror import JOE, catalog_with, joe_files, mirror


@pytest.fixture
def voices_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "voices"


@pytest.fixture
def joe_mirror(http_server, monkeypatch, voices_home):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    return http_server


def _left_over(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_install_downloads_with_progress_and_verifies(joe_mirror, voices_home):
    seen: list[tuple[int, int]] = []
    folder = install(JOE, progress=lambda done, total: seen.append((done, total)))

    voice = find_voice(JOE)
    assert folder == user_voices_dir() / JOE
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{JOE}.onnx",
        f"{JOE}.onnx.json",
        "voice.json",
    ]
    model, config = joe_files()
    assert hashlib.md5((folder / f"{JOE}.onnx").read_bytes()).hexdigest() == voice.files[0].md5
    assert (folder / f"{JOE}.onnx.json").read_bytes() == config
    info = json.loads((folder / "voice.json").read_text(encoding="utf-8"))
    assert (info["id"], info["gender"], info["licence"]) == (JOE, "male", "CC0")
    # progress: many steps, never backwards, ending at the voice's full size
    assert len(seen) > 10
    assert all(b[0] >= a[0] for a, b in zip(seen, seen[1:], strict=False))
    assert seen[-1] == (voice.size, voice.size) == (len(model) + len(config),) * 2
    assert [v.id for v in downloaded_voices()] == [JOE]
    assert _left_over(voices_home) == [JOE]
    assert joe_mirror.requests == [
        f"/en/en_US/joe/medium/{JOE}.onnx",
        f"/en/en_US/joe/medium/{JOE}.onnx.json",
    ]


def test_cancel_midway_leaves_nothing(joe_mirror, voices_home):
    cancel = threading.Event()
    partial_seen: list[list[str]] = []

    def progress(done: int, total: int) -> None:
        if done > 5_000_000 and not cancel.is_set():
            partial_seen.append(_left_over(voices_home))
            cancel.set()

    with pytest.raises(InstallCancelled, match="cancelled; nothing was installed"):
        install(JOE, progress=progress, cancel=cancel)
    # while it ran, the voice lived only in a hidden partial folder
    assert len(partial_seen) == 1 and partial_seen[0][0].startswith(".partial-en_US-joe-medium-")
    assert _left_over(voices_home) == []


def test_cancel_while_the_mirror_sends_nothing(http_server, monkeypatch, voices_home):
    """Cancel is not kept waiting by a stalled mirror: with no read timeout at
    all, only Cancel cutting the connection can end this download."""
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, stall_after=1_000_000))
    cancel = threading.Event()
    stalled = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 1_000_000:  # all the mirror will send: from now on it is silent
            stalled.set()

    canceller = threading.Thread(target=lambda: stalled.wait(60) and cancel.set())
    canceller.start()
    try:
        with pytest.raises(InstallCancelled, match="cancelled; nothing was installed"):
            install(JOE, progress=progress, cancel=cancel, timeout=None)
    finally:
        canceller.join()
    assert cancel.is_set() and _left_over(voices_home) == []


def test_corrupted_file_is_rejected_by_its_checksum(http_server, monkeypatch, voices_home):
    model, _config = joe_files()
    damaged = bytearray(model)
    damaged[len(damaged) // 2] ^= 0xFF  # same size, one byte wrong
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, model=bytes(damaged)))
    with pytest.raises(DamagedDownload, match=r"download was damaged \(en_US-joe-medium.onnx"):
        install(JOE)
    assert _left_over(voices_home) == []


def test_server_dying_mid_file(http_server, monkeypatch, voices_home):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, cut_after=10_000_000))
    with pytest.raises(InstallError, match="connection to 127.0.0.1 was cut before"):
        install(JOE)
    assert _left_over(voices_home) == []


def test_network_down(monkeypatch, voices_home):
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("LISMOI_VOICES_URL", f"http://127.0.0.1:{port}/")
    with pytest.raises(InstallError, match="Could not reach 127.0.0.1: you may be offline"):
        install(JOE)
    assert _left_over(voices_home) == []


def test_server_error(http_server, monkeypatch, voices_home):
    http_server.page(f"/en/en_US/joe/medium/{JOE}.onnx", b"busy", status=503)
    monkeypatch.setenv("LISMOI_VOICES_URL", http_server.url("/"))
    with pytest.raises(InstallError, match=r"has a problem of its own \(error 503\)"):
        install(JOE)
    assert _left_over(voices_home) == []


def test_missing_file_on_the_mirror(http_server, monkeypatch, voices_home):
    monkeypatch.setenv("LISMOI_VOICES_URL", http_server.url("/"))  # nothing registered
    with pytest.raises(InstallError, match=r"en_US-joe-medium.onnx was not found .*\(error 404\)"):
        install(JOE)


def test_a_crawling_mirror_is_stopped(http_server, monkeypatch, voices_home):
    base = mirror(http_server, every=0.05, piece=100)  # 2 kB/s
    monkeypatch.setenv("LISMOI_VOICES_URL", base)
    with pytest.raises(InstallError, match="too slow"):
        install(JOE, low_speed=(20_000, 0.5))
    assert _left_over(voices_home) == []


@contextlib.contextmanager
def _tmpfs(where: Path, size: str):
    """A real small tmpfs (root only); None when it cannot be mounted here."""
    where.mkdir(parents=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def test_full_disk_refused_before_downloading(joe_mirror, tmp_path, monkeypatch):
    with _tmpfs(tmp_path / "small", "30m") as small:
        if small is None:
            # FAKE (only where no tmpfs can be mounted): a disk with 30 MB free.
            monkeypatch.setattr(
                install_mod.shutil,
                "disk_usage",
                lambda _p: type("U", (), {"free": 30_000_000})(),
            )
            small = tmp_path / "small"
        monkeypatch.setenv("LISMOI_DATA_DIR", str(small))
        with pytest.raises(NotEnoughSpace, match=r"Not enough disk space: 8\d MB needed"):
            install(JOE)
        assert joe_mirror.requests == []  # refused before a single byte
        assert _left_over(small / "voices") == []


class _FakeFullDisk:
    """FAKE full disk (used only where no tmpfs can be mounted): writes fail
    with ENOSPC once ``room`` bytes are written."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.real_open = open

    def __call__(self, path, mode="r", *args, **kwargs):
        f = self.real_open(path, mode, *args, **kwargs)
        if "b" not in mode:
            return f
        fake = self

        class Writer:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                f.close()

            def write(self, data):
                fake.room -= len(data)
                if fake.room < 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return f.write(data)

            def __getattr__(self, name):
                return getattr(f, name)

        return Writer()


def test_disk_filling_up_during_the_download(joe_mirror, tmp_path, monkeypatch):
    with _tmpfs(tmp_path / "small", "100m") as small:
        filler: list[Path] = []
        if small is None:
            small = tmp_path / "small"
            monkeypatch.setattr(install_mod, "open", _FakeFullDisk(40_000_000), raising=False)
        monkeypatch.setenv("LISMOI_DATA_DIR", str(small))

        def progress(done: int, total: int) -> None:
            # Another program fills the disk once the download has started.
            if not filler and small is not None and os.path.ismount(small):
                filler.append(small / "other-program.bin")
                with open(filler[0], "wb") as f:
                    f.write(b"\0" * 60_000_000)

        with pytest.raises(NotEnoughSpace, match="Not enough disk space: .* download was removed"):
            install(JOE, progress=progress)
        assert _left_over(small / "voices") == []


def test_remove(joe_mirror, voices_home):
    install(JOE)
    remove(JOE)
    assert _left_over(voices_home) == []
    assert downloaded_voices() == []
    with pytest.raises(InstallError, match="“en_US-joe-medium” is not installed"):
        remove(JOE)


def test_reinstall_replaces_the_voice(joe_mirror, voices_home):
    install(JOE)
    (voices_home / JOE / "stray.txt").write_text("old")
    install(JOE)
    assert sorted(p.name for p in (voices_home / JOE).iterdir()) == [
        f"{JOE}.onnx",
        f"{JOE}.onnx.json",
        "voice.json",
    ]
    assert _left_over(voices_home) == [JOE]


def test_names_that_are_not_voices(voices_home):
    with pytest.raises(InstallError, match="no voice called “xx_XX-nobody-low” in the catalog"):
        install("xx_XX-nobody-low")
    for bad in ("../evil", ".partial-x", ""):
        with pytest.raises(InstallError, match="is not a voice name"):
            remove(bad)


def test_config_without_published_checksum_is_checked_by_reading(
    http_server, monkeypatch, voices_home, tmp_path
):
    catalog = catalog_with(tmp_path, size=None, md5=None, sha256=None)
    monkeypatch.setenv("LISMOI_VOICES_CATALOG", str(catalog))
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    install(JOE)  # the real config passes the structural check
    remove(JOE)
    http_server.page(f"/en/en_US/joe/medium/{JOE}.onnx.json", b'{"not": "a piper config"}')
    with pytest.raises(DamagedDownload, match="en_US-joe-medium.onnx.json is not the published"):
        install(JOE)
    assert _left_over(voices_home) == []


def test_leftover_of_a_killed_download_is_cleaned(http_server, monkeypatch, voices_home):
    """A real child process downloading from a slow mirror is killed with
    SIGKILL: its hidden folder stays (nothing can run at a SIGKILL), no voice
    appears, and the next listing removes the leftover."""
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, every=0.01))
    child = subprocess.Popen(
        [sys.executable, "-c", f"from lismoi.core.voices.install import install; install({JOE!r})"],
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 60
        partial: list[Path] = []
        while time.monotonic() < deadline and not partial:
            partial = [
                p
                for p in (voices_home.iterdir() if voices_home.exists() else [])
                if (p / f"{JOE}.onnx").exists() and (p / f"{JOE}.onnx").stat().st_size > 200_000
            ]
            time.sleep(0.05)
        assert partial, "the child never started downloading"
        # alive: its lock is held, so a cleaner leaves the folder alone
        assert clean_partials() == []
    finally:
        child.kill()
        child.wait()
    assert _left_over(voices_home) == [partial[0].name]
    assert downloaded_voices() == []  # the listing cleans it up
    assert _left_over(voices_home) == []
