"""``lismoi voices --available | --install ID | --remove ID`` against the local mirror.

--install runs the real ``lismoi`` program in a child process: once with its
stderr on a pseudo-terminal (a progress bar is drawn), once on a pipe (none),
and once interrupted with SIGINT as Ctrl-C does (nothing is left).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from lismoi.cli import main
from tests.support.voice_mirror import JOE, joe_files, mirror

LISMOI = [sys.executable, "-m", "lismoi"]


@pytest.fixture
def voices_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "voices"


def test_available_lists_the_catalog(capsys, voices_home):
    assert main(["voices", "--available"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Voice",
        "Language",
        "Quality",
        "Gender",
        "Size",
        "Licence",
        "Installed",
    ]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert {"fr_FR-siwis-medium", "fr_FR-tom-medium", "fr_FR-upmc-medium", JOE} <= set(rows)
    assert rows["fr_FR-upmc-medium"].split()[1:6] == [
        "fr-FR",
        "medium",
        "2",
        "speakers",
        "77",
    ]
    # joe is not in the user's folder, but the test extra's package ships it: it speaks.
    assert "CC0" in rows[JOE] and rows[JOE].rstrip().endswith("yes (Python package)")
    assert rows["fr_FR-siwis-medium"].rstrip().endswith("no")


def test_available_json_says_what_is_installed(capsys, voices_home, http_server, monkeypatch):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    assert main(["voices", "--install", JOE]) == 0
    assert "size and checksum verified" in capsys.readouterr().out
    assert main(["voices", "--available", "--format", "json"]) == 0
    records = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert records[JOE]["installed"] is True and records[JOE]["from"] == "user"
    assert records[JOE]["size"] == 63_201_294 + 4_794
    assert records["fr_FR-siwis-medium"]["installed"] is False


def test_install_then_remove(capsys, voices_home, http_server, monkeypatch):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    assert main(["voices", "--install", JOE]) == 0
    assert (voices_home / JOE / f"{JOE}.onnx").is_file()
    capsys.readouterr()
    assert main(["voices", "--remove", JOE]) == 0
    assert capsys.readouterr().out == f"Removed {JOE}.\n"
    assert not (voices_home / JOE).exists()
    assert main(["voices", "--remove", JOE]) == 1
    assert "is not installed" in capsys.readouterr().err


def test_install_failure_is_one_plain_line(capsys, voices_home, http_server, monkeypatch):
    model = bytearray(joe_files()[0])
    model[1000] ^= 1
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, model=bytes(model)))
    assert main(["voices", "--install", JOE]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lismoi: The download was damaged") and err.count("\n") == 1
    assert not voices_home.exists() or list(voices_home.iterdir()) == []
    assert main(["voices", "--install", "xx_XX-nobody-low"]) == 1
    assert "no voice called “xx_XX-nobody-low”" in capsys.readouterr().err


def test_progress_bar_on_a_terminal_only(voices_home, http_server, monkeypatch):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    master, slave = pty.openpty()
    # a terminal of 100 columns (a fresh pty has none, and tqdm draws to the width)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    drawn = bytearray()

    def drain() -> None:  # read while it runs: a full terminal buffer would block the child
        while True:
            try:
                piece = os.read(master, 65536)
            except OSError:  # EIO: the child side is closed
                return
            if not piece:
                return
            drawn.extend(piece)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        child = subprocess.Popen(
            [*LISMOI, "voices", "--install", JOE],
            stdout=subprocess.DEVNULL,
            stderr=slave,
            env=os.environ.copy(),
        )
        os.close(slave)
        returncode = child.wait(timeout=120)
        reader.join(timeout=30)
    finally:
        os.close(master)
    assert returncode == 0
    # tqdm drew a bar named for the voice, sized to its 63.2 MB, then cleared it
    assert drawn.startswith(f"\r{JOE}:   0%|".encode())
    assert b"/63.2M [" in drawn and b"B/s]" in drawn
    # on a pipe: no bar at all
    piped = subprocess.run(
        [*LISMOI, "voices", "--install", JOE],
        capture_output=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )
    assert piped.returncode == 0 and piped.stderr == b""


def test_ctrl_c_cancels_cleanly(voices_home, http_server, monkeypatch):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, every=0.01))  # slow
    child = subprocess.Popen(
        [*LISMOI, "voices", "--install", JOE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            parts = list(voices_home.glob(f".partial-*/{JOE}.onnx")) if voices_home.exists() else []
            if parts and parts[0].stat().st_size > 100_000:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the download never started")
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 130
    assert err.decode().strip() == "lismoi: cancelled; nothing was installed."
    assert list(voices_home.iterdir()) == []


def test_a_damaged_catalog_is_one_plain_line(capsys, voices_home, tmp_path, monkeypatch):
    bad = tmp_path / "catalog.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("LISMOI_VOICES_CATALOG", str(bad))
    for argv in (["--available"], ["--install", JOE]):
        assert main(["voices", *argv]) == 1
        err = capsys.readouterr().err
        assert err.startswith("lismoi: The voice catalog ") and "is damaged" in err
        assert err.count("\n") == 1
