"""A real PulseAudio null sink to play into and record from (tests and benches).

:func:`pulse_null_sink` starts a PulseAudio server when none answers
(``pulseaudio --start`` works as root, with a warning) and stops it at the end
if it started it. Whatever server it finds, it loads its own null sink, so
what is played can be recorded from that sink's monitor with ``parec`` and
nothing comes out of a real loudspeaker; when it started the server, the sink
is also made the default one (for code that plays through the default device).

One server for the whole test session (``tests/conftest.py``): Qt's
PulseAudio backend connects once per process and never reconnects, so a
server stopped and started again between two tests leaves Qt listing the
devices of the dead one (CI failed so: a module fixture of the hardening tests
stopped the server the Qt tests then started anew).

Why a silent "keep-alive" stream: an idle PulseAudio null sink sleeps with a
2 s latency and only notices a new stream when it wakes, so the first sound
came 0-2 s late (measured: 0.5, 1.1, 1.4 s). A sound card does not do this.
A silent low-latency stream (``pacat`` from /dev/zero) keeps the null sink
awake like a real device; it adds zeros, which change nothing in a recording.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

RATE = 22050  # espeak-ng's rate; the test sink uses it so recordings need no resampling
SERVER_START_TIMEOUT = 20.0


def _run(*args: str, timeout: float = 10.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout, check=False
    )


def _server_answers() -> bool:
    try:
        return _run("pactl", "info", timeout=5).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _wait_for_server() -> bool:
    # An external daemon has no signal to wait on: poll briefly.
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if _server_answers():
            return True
        time.sleep(0.1)
    return False


def _start_server() -> str | None:
    """Start a PulseAudio daemon; None when it answers, else what went wrong."""
    attempts = [
        ["pulseaudio", "--start", "--exit-idle-time=-1"],
        # Without the system's default.pa (a machine with an unusual configuration).
        [
            "pulseaudio", "--daemonize=yes", "-n", "--exit-idle-time=-1",
            "--load=module-native-protocol-unix", "--load=module-null-sink",
        ],
    ]  # fmt: skip
    errors = []
    for command in attempts:
        try:
            done = _run(*command, timeout=SERVER_START_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            errors.append(f"{' '.join(command)}: {exc}")
            continue
        if _wait_for_server():
            return None
        errors.append(f"{' '.join(command)} -> {done.returncode}: {done.stderr.strip()}")
    return "; ".join(errors)


def _other_clients() -> int:
    """Clients of the server other than this test process and pactl itself."""
    out = _run("pactl", "list", "clients").stdout
    count = 0
    for block in out.split("Client #")[1:]:
        if f'application.process.id = "{os.getpid()}"' in block:
            continue
        if 'application.name = "pactl"' in block or "pacat" in block:
            continue
        count += 1
    return count


@dataclass
class PulseSink:
    """A null sink of the test session: play into ``name``, record ``monitor``."""

    name: str
    monitor: str
    started_server: bool
    module: str = ""
    keepalive: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def qt_device(self, timeout_s: float = 10.0):  # -> QAudioDevice
        """The Qt audio output that is this sink.

        Qt learns of a sink loaded after it connected through an event of the
        server, handled on Qt's own PulseAudio thread: wait for Qt's
        ``audioOutputsChanged`` (with a short poll as a backstop) until it shows.
        """
        from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
        from PySide6.QtMultimedia import QMediaDevices

        def outputs() -> dict[str, object]:
            return {
                bytes(d.id().data()).decode(errors="replace"): d
                for d in QMediaDevices.audioOutputs()
            }

        devices = QMediaDevices()
        loop = QEventLoop()
        devices.audioOutputsChanged.connect(loop.quit)
        deadline = QDeadlineTimer(int(timeout_s * 1000))
        while (device := outputs().get(self.name)) is None:
            if deadline.hasExpired():
                raise AssertionError(
                    f"Qt does not list the sink {self.name}; it lists {list(outputs())}"
                )
            QTimer.singleShot(min(200, max(1, deadline.remainingTime())), loop.quit)
            loop.exec()
        return device

    def record(self) -> Recording:
        return Recording(self.monitor)


class Recording:
    """``parec`` on a monitor source, read by a thread; use as a context manager.

    ``samples()`` is the s16 mono signal at RATE; ``times`` holds, for each
    chunk read, (monotonic time, samples so far), to place events in it.
    """

    CHUNK = 441 * 2  # 20 ms of 16-bit mono
    TAIL_S = 0.2

    def __init__(self, source: str) -> None:
        self.source = source
        self._chunks: list[bytes] = []
        self.times: list[tuple[float, int]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._count = 0
        self._arrived = threading.Condition()

    def __enter__(self) -> Recording:
        self._process = subprocess.Popen(
            [
                "parec", "-d", self.source, "--raw", "--format=s16le", f"--rate={RATE}",
                "--channels=1", "--latency-msec=10",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        while True:
            data = stream.read1(self.CHUNK) if hasattr(stream, "read1") else stream.read(self.CHUNK)
            if not data:
                return
            with self._arrived:
                self._chunks.append(data)
                self._count += len(data) // 2
                self.times.append((time.monotonic(), self._count))
                self._arrived.notify_all()

    def __exit__(self, *exc: object) -> None:
        # What was just played is still in the sink and parec's buffers: take TAIL_S more.
        with self._arrived:
            target = self._count + int(self.TAIL_S * RATE)
            self._arrived.wait_for(lambda: self._count >= target, timeout=5)
        if self._process is not None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
        if self._thread is not None:
            self._thread.join(timeout=5)
        # parec's stdout pipe: closed here, not left to the garbage collector
        # (an unclosed pipe is a ResourceWarning, which fails the test).
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()

    def samples(self) -> np.ndarray:
        data = b"".join(self._chunks)
        return np.frombuffer(data[: len(data) - len(data) % 2], dtype="<i2")

    def match(
        self, synthesised: np.ndarray, **kwargs: float
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
        """:func:`match_nonzero` of this recording and ``synthesised``."""
        return match_nonzero(self.samples(), synthesised, **kwargs)  # type: ignore[arg-type]

    def sample_at(self, when: float) -> int:
        """The sample that was recorded at monotonic time ``when``.

        parec records without a break at RATE, so sample ``i`` was captured at
        ``start + i / RATE``; a chunk is read at best right after its last
        sample was captured, so the least late chunk gives ``start``.
        """
        return max(0, int((when - self._start()) * RATE))

    def time_of(self, sample: int) -> float:
        """The monotonic time at which ``sample`` was recorded (inverse of sample_at)."""
        return self._start() + sample / RATE

    def _start(self) -> float:
        return min(t - count / RATE for t, count in self.times)


def match_nonzero(
    recorded: np.ndarray, synthesised: np.ndarray, *, slack_s: float = 0.01, max_glitches: int = 8
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """Pair the non-zero samples of a recording with those of the synthesised PCM.

    The null sink passes samples through untouched, so apart from zeros
    (silence, pauses, underruns) the two are the same sequence. Where
    PulseAudio rewinds a stream (a pause corks it; a client starved of CPU
    underruns) the monitor may record up to a few ms of sound twice or not at
    all: such a *glitch* of up to ``slack_s`` is stepped over and listed as
    (synthesised sample index, samples: > 0 repeated, < 0 dropped).
    Returns the index arrays of the paired non-zero samples and the glitches;
    the caller checks ``recorded[r] == synthesised[s]``.
    """
    nz_r, nz_s = np.flatnonzero(recorded), np.flatnonzero(synthesised)
    glitches: list[tuple[int, int]] = []
    slack = int(slack_s * RATE)
    while len(glitches) < max_glitches:
        heard, said = recorded[nz_r], synthesised[nz_s]
        n = min(len(heard), len(said))
        diverge = np.flatnonzero(heard[:n] != said[:n])
        if not len(diverge):
            break
        i = int(diverge[0])
        for k in range(1, slack):
            w = min(2000, len(heard) - i - k, len(said) - i)
            if w > 20 and np.array_equal(heard[i + k : i + k + w], said[i : i + w]):
                glitches.append((int(nz_s[i]), k))
                nz_r = np.delete(nz_r, slice(i, i + k))
                break
            w = min(2000, len(heard) - i, len(said) - i - k)
            if w > 20 and np.array_equal(heard[i : i + w], said[i + k : i + k + w]):
                glitches.append((int(nz_s[i]), -k))
                nz_s = np.delete(nz_s, slice(i, i + k))
                break
        else:
            break
    return nz_r, nz_s, glitches


class PulseUnavailable(Exception):
    """No PulseAudio null sink could be set up (the message says why)."""


@contextlib.contextmanager
def pulse_null_sink() -> Iterator[PulseSink]:
    """A PulseAudio server with a null sink of our own, for as long as the block runs.

    Used by the test session and by ``bench/playback.py``.
    """
    missing = [tool for tool in ("pulseaudio", "pactl", "pacat", "parec") if not shutil.which(tool)]
    if missing:
        raise PulseUnavailable(
            f"missing {', '.join(missing)} (apt install pulseaudio pulseaudio-utils)"
        )
    started = False
    if not _server_answers():
        error = _start_server()
        if error is not None:
            raise PulseUnavailable(f"PulseAudio did not start: {error}")
        started = True
    name = f"lismoi_test_{os.getpid()}"
    loaded = _run(
        "pactl", "load-module", "module-null-sink", f"sink_name={name}",
        f"rate={RATE}", "channels=1", "format=s16le",
        f"sink_properties=device.description=Lis-moi-test-{os.getpid()}",
    )  # fmt: skip
    if loaded.returncode != 0:
        raise PulseUnavailable(f"could not load a null sink: {loaded.stderr.strip()}")
    sink = PulseSink(name, f"{name}.monitor", started, loaded.stdout.strip())
    previous_default = _run("pactl", "get-default-sink").stdout.strip()
    if started:
        _run("pactl", "set-default-sink", name)
    with open("/dev/zero", "rb") as zeros:
        sink.keepalive = subprocess.Popen(
            [
                "pacat", "-d", name, "--raw", "--format=s16le", f"--rate={RATE}",
                "--channels=1", "--latency-msec=20",
            ],
            stdin=zeros, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        yield sink
    finally:
        sink.keepalive.kill()
        sink.keepalive.wait()
        if started and previous_default:
            _run("pactl", "set-default-sink", previous_default)
        _run("pactl", "unload-module", sink.module)
        if started and _other_clients() == 0:
            _run("pulseaudio", "--kill")
