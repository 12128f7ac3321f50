"""Download, verify, install and remove natural (Piper) voices.

A voice becomes visible only whole and verified: its files are streamed into
a hidden folder ``<voices>/.partial-<id>-<random>/`` inside
:func:`~lismoi.core.paths.user_voices_dir`, each one checked against the
catalog's size and checksums (MD5 as in Piper's catalog, SHA-256 where we
have it), then the folder is renamed into place with ``os.replace``. Any
failure, a cancel or Ctrl-C removes the hidden folder; a process killed
outright leaves it behind, and the next install, removal or listing removes
it (a lock held by the owner tells a live download from a dead one).

Every failure is an :class:`InstallError` with one plain sentence.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import httpx

from lismoi import __version__
from lismoi.core.atomic import fsync_folder
from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.load.speed import SpeedCheck
from lismoi.core.paths import user_voices_dir
from lismoi.core.voices.catalog import CatalogFile, CatalogVoice, file_url, find_voice

try:  # POSIX: a lock tells a live download from a killed one
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PARTIAL_PREFIX = ".partial-"
LOCK_NAME = ".lock"
INFO_NAME = "voice.json"
DISK_MARGIN = 20 * 1024 * 1024  # the disk is never filled to the last byte
MAX_CONFIG = 1024 * 1024  # a config whose size is not published
STALE_WITHOUT_LOCK = 24 * 3600.0  # where locks do not exist, a day-old partial is dead
LOW_SPEED_BYTES = 1024  # bytes per second...
LOW_SPEED_SECONDS = 30.0  # ...over this long, or the download stops

Progress = Callable[[int, int], None]  # (bytes done, bytes expected in all)


class InstallError(LismoiError):
    """A voice could not be installed or removed; nothing was half done."""


class InstallCancelled(InstallError):
    """The listener cancelled the download."""


class DamagedDownload(InstallError):
    """A file's size or checksum did not match the catalog."""


class NotEnoughSpace(InstallError):
    """The disk is too full for the voice."""


@dataclass(frozen=True)
class InstalledFolder:
    """A voice folder in the user's voices folder."""

    id: str
    path: Path
    size: int
    info: dict | None  # its voice.json (catalog entry), when the manager wrote one


def _mb(n: int) -> str:
    return f"{max(n, 0) / 1_000_000:.0f}" if n >= 10_000_000 else f"{max(n, 0) / 1_000_000:.1f}"


def _check_id(voice_id: str) -> None:
    if not voice_id or voice_id.startswith(".") or "/" in voice_id or "\\" in voice_id:
        raise InstallError(_("“{id}” is not a voice name.").format(id=voice_id))


def _catalog_voice(voice_id: str) -> CatalogVoice:
    _check_id(voice_id)
    voice = find_voice(voice_id)
    if voice is None:
        raise InstallError(
            _(
                "There is no voice called “{id}” in the catalog "
                "(`lismoi voices --available` lists them)."
            ).format(id=voice_id)
        )
    return voice


# -- what is installed -------------------------------------------------------


def downloaded_voices(root: Path | None = None) -> list[InstalledFolder]:
    """The complete voice folders (both files present), sorted by id.

    Leftovers of a killed download are removed on the way.
    """
    root = root or user_voices_dir()
    clean_partials(root)
    found: list[InstalledFolder] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    for folder in entries:
        name = folder.name
        if name.startswith(".") or not folder.is_dir():
            continue
        model, config = folder / f"{name}.onnx", folder / f"{name}.onnx.json"
        if not (model.is_file() and config.is_file()):
            continue
        info = None
        with contextlib.suppress(OSError, ValueError):
            info = json.loads((folder / INFO_NAME).read_text(encoding="utf-8"))
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        found.append(InstalledFolder(name, folder, size, info if isinstance(info, dict) else None))
    return found


def clean_partials(root: Path | None = None) -> list[Path]:
    """Remove ``.partial-*`` folders left by a killed process; returns them."""
    root = root or user_voices_dir()
    removed: list[Path] = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for folder in entries:
        if not folder.name.startswith(PARTIAL_PREFIX) or not folder.is_dir():
            continue
        if _owner_alive(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def _owner_alive(folder: Path) -> bool:
    lock = folder / LOCK_NAME
    if fcntl is None:
        try:
            return time.time() - folder.stat().st_mtime < STALE_WITHOUT_LOCK
        except OSError:
            return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False  # no lock file: the owner died before even taking it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True  # someone holds it: a download in progress
    finally:
        os.close(fd)  # closing drops our own lock, if we got it
    return False


@contextlib.contextmanager
def _partial_folder(root: Path, voice_id: str) -> Iterator[Path]:
    """A hidden, locked work folder; removed on leaving unless renamed away."""
    folder = root / f"{PARTIAL_PREFIX}{voice_id}-{secrets.token_hex(4)}"
    folder.mkdir()
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)


# -- install -----------------------------------------------------------------


def install(
    voice_id: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    client: httpx.Client | None = None,
    timeout: float | None = 30.0,
    low_speed: tuple[int, float] = (LOW_SPEED_BYTES, LOW_SPEED_SECONDS),
) -> Path:
    """Download ``voice_id`` from the mirror, verify it and install it; its folder.

    Raises :class:`InstallError` (or a subclass) with a plain message; then
    nothing of this download is left on the disk.
    """
    voice = _catalog_voice(voice_id)
    root = user_voices_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstallError(
            _("The voices folder {path} cannot be created: {error}.").format(
                path=root, error=exc.strerror or exc
            )
        ) from exc
    clean_partials(root)
    _check_space(root, voice.size)
    own_client = client is None
    if client is None:
        client = httpx.Client(
            follow_redirects=True,  # Hugging Face answers with a redirect to its CDN
            timeout=httpx.Timeout(timeout, connect=15.0 if timeout is None else min(timeout, 15.0)),
            headers={
                "User-Agent": f"Lis-moi/{__version__} (voice download)",
                # The checksums are of the files as published, not of a compressed copy.
                "Accept-Encoding": "identity",
            },
            trust_env=False,
        )
    try:
        with _partial_folder(root, voice.id) as work:
            done = [0]

            def step(n: int) -> None:
                done[0] += n
                if progress is not None:
                    # A config whose size is not published adds a few kB unforeseen.
                    progress(done[0], max(voice.size, done[0]))

            for file in voice.files:
                _download(client, file, work, step, cancel, low_speed, timeout, voice)
            _write_info(work / INFO_NAME, voice)
            return _move_into_place(work, root / voice.id)
    except OSError as exc:
        raise _disk_error(exc, voice.size, root) from exc
    finally:
        if own_client:
            client.close()


def _check_space(root: Path, needed: int) -> None:
    try:
        free = shutil.disk_usage(root).free
    except OSError:
        return  # cannot tell: the write itself will say if the disk fills up
    if free < needed + DISK_MARGIN:
        raise NotEnoughSpace(
            _("Not enough disk space: {need} MB needed, {free} MB free in {path}.").format(
                need=_mb(needed + DISK_MARGIN), free=_mb(free), path=root
            )
        )


def _disk_error(exc: OSError, needed: int, root: Path) -> InstallError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return NotEnoughSpace(
            _(
                "Not enough disk space: {need} MB needed in {path}; the download was removed."
            ).format(need=_mb(needed), path=root)
        )
    return InstallError(
        _("The voice could not be written to {path}: {error}.").format(
            path=root, error=exc.strerror or exc
        )
    )


def _download(
    client: httpx.Client,
    file: CatalogFile,
    work: Path,
    step: Callable[[int], None],
    cancel: threading.Event | None,
    low_speed: tuple[int, float],
    timeout: float | None,
    voice: CatalogVoice,
) -> None:
    url = file_url(file)
    host = urlsplit(url).hostname or url
    target = work / file.name
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    cap = file.size if file.size is not None else MAX_CONFIG
    received = 0
    try:
        with client.stream("GET", url) as resp, _cut_on_cancel(resp, cancel):
            if resp.status_code >= 400:
                raise _status_error(resp.status_code, host, file.name)
            length = resp.headers.get("content-length")
            if file.size is not None and length and length.isdigit() and int(length) != file.size:
                raise _damaged(file.name)
            min_bytes, window = low_speed
            speed = SpeedCheck(min_bytes, window)
            with open(target, "wb") as out:
                for chunk in resp.iter_bytes():  # each network read: cancel is seen at once
                    if cancel is not None and cancel.is_set():
                        raise _cancelled()
                    received += len(chunk)
                    if received > cap:
                        raise _damaged(file.name)
                    out.write(chunk)
                    md5.update(chunk)
                    sha256.update(chunk)
                    step(len(chunk))
                    if speed.too_slow(received) is not None:
                        raise InstallError(
                            _(
                                "{host} is too slow (under {kb} kB/s for {s:g} s); "
                                "the download was stopped. Try again later."
                            ).format(host=host, kb=max(min_bytes // 1000, 1), s=window)
                        )
                out.flush()
                os.fsync(out.fileno())  # durable before the folder is renamed into place
    except httpx.HTTPError:
        if cancel is not None and cancel.is_set():
            raise _cancelled() from None  # Cancel cut the connection (see _cut_on_cancel)
        _network_error(host, file, timeout)
    _verify(file, target, received, md5, sha256, voice)


def _network_error(host: str, file: CatalogFile, timeout: float | None) -> NoReturn:
    """Raise the plain message for the httpx error being handled."""
    try:
        raise
    except httpx.TimeoutException:
        raise InstallError(
            _("{host} stopped sending the voice (nothing for {s:g} s). Try again later.").format(
                host=host, s=timeout
            )
        ) from None
    except httpx.ConnectError:
        raise InstallError(
            _("Could not reach {host}: you may be offline, or the server is down.").format(
                host=host
            )
        ) from None
    except (httpx.RemoteProtocolError, httpx.ReadError):
        raise InstallError(
            _(
                "The connection to {host} was cut before {file} was complete; "
                "nothing was installed. Try again."
            ).format(host=host, file=file.name)
        ) from None
    except httpx.HTTPError as exc:
        raise InstallError(
            _("Could not download the voice from {host} ({error}).").format(
                host=host, error=type(exc).__name__
            )
        ) from None


def _verify(
    file: CatalogFile, target: Path, received: int, md5, sha256, voice: CatalogVoice
) -> None:
    """Size, MD5, SHA-256 as the catalog has them; else the config read as such."""
    if file.size is not None and received != file.size:
        raise _damaged(file.name)
    if file.md5 is not None and md5.hexdigest() != file.md5.lower():
        raise _damaged(file.name)
    if file.sha256 is not None and sha256.hexdigest() != file.sha256.lower():
        raise _damaged(file.name)
    if file.md5 is None and file.sha256 is None:
        _check_config(target, voice)


def _cancelled() -> InstallCancelled:
    return InstallCancelled(_("The download was cancelled; nothing was installed."))


@contextlib.contextmanager
def _cut_on_cancel(resp: httpx.Response, cancel: threading.Event | None) -> Iterator[None]:
    """While the body streams, Cancel shuts the socket down: a mirror that has
    stalled (sends nothing) would otherwise keep Cancel waiting for the read timeout."""
    if cancel is None:
        yield
        return
    stream = resp.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if cancel.is_set():
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                return

    watcher = threading.Thread(target=watch, name="voice-download-cancel", daemon=True)
    if sock is not None:
        watcher.start()
    try:
        yield
    finally:
        done.set()
        if watcher.is_alive():
            watcher.join()


def _check_config(path: Path, voice: CatalogVoice) -> None:
    """A config whose checksum is not published: it must be this voice's Piper config."""
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
        ok = (
            isinstance(config.get("phoneme_id_map"), dict)
            and int(config["audio"]["sample_rate"]) > 0
            and config.get("language", {}).get("code", voice.language) == voice.language
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise _damaged(path.name)


def _damaged(name: str) -> DamagedDownload:
    return DamagedDownload(
        _(
            "The download was damaged ({file} is not the published file); "
            "nothing was installed. Try again."
        ).format(file=name)
    )


def _status_error(status: int, host: str, name: str) -> InstallError:
    if status in (404, 410):
        msg = _("{file} was not found on {host} (error {status}).")
    elif status in (401, 403):
        msg = _("{host} refused to send {file} (error {status}).")
    elif status == 429:
        msg = _("{host} is receiving too many requests (error {status}). Try again in a minute.")
    elif status >= 500:
        msg = _("{host} has a problem of its own (error {status}). Try again later.")
    else:
        msg = _("{host} answered with error {status} for {file}.")
    return InstallError(msg.format(host=host, status=status, file=name))


def _write_info(path: Path, voice: CatalogVoice) -> None:
    info = voice.to_json() | {"installed_from": file_url(voice.files[0]).rsplit("/", 1)[0]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(info, f, ensure_ascii=False, indent=2)
        f.flush()
        os.fsync(f.fileno())


def _move_into_place(work: Path, target: Path) -> Path:
    old = None
    if target.exists():  # a reinstall: the old folder steps aside first
        old = target.with_name(f"{PARTIAL_PREFIX}old-{target.name}-{secrets.token_hex(4)}")
        os.replace(target, old)
    os.replace(work, target)
    # The lock moved along (still held, so no cleaner took the folder meanwhile).
    (target / LOCK_NAME).unlink(missing_ok=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    fsync_folder(target.parent)
    return target


# -- remove ------------------------------------------------------------------


def remove(voice_id: str) -> None:
    """Delete an installed voice (its folder disappears at once, then is emptied)."""
    _check_id(voice_id)
    root = user_voices_dir()
    target = root / voice_id
    if not target.is_dir():
        raise InstallError(_("The voice “{id}” is not installed.").format(id=voice_id))
    gone = root / f"{PARTIAL_PREFIX}removed-{voice_id}-{secrets.token_hex(4)}"
    try:
        os.replace(target, gone)
    except OSError as exc:
        raise InstallError(
            _("The voice “{id}” could not be removed: {error}.").format(
                id=voice_id, error=exc.strerror or exc
            )
        ) from exc
    shutil.rmtree(gone, ignore_errors=True)
    clean_partials(root)
