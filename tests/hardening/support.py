"""Running a case in a child process with a wall-time bound and its peak memory measured.

A case that could hang or eat the machine (100,000 nested elements, a 50 MB
page, the CLI on a dripping server) runs in its own Python process. The
parent polls it, kills it at the deadline, and reports what happened; the
test then asserts on the outcome, never on speed.

Peak memory is the child's ``VmHWM`` read from ``/proc`` while it runs, once
its command line shows the exec has happened. Not ``ru_maxrss``: Linux carries
the *parent's* high-water mark into a child's ``ru_maxrss`` at exec, so a
late test in a big pytest process would measure pytest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout (holds the 'app' package)
PEAK_RSS_LIMIT_MB = 1536  # 1.5 GB: far above what a reader needs, far below a runaway


@dataclass
class Run:
    returncode: int | None  # None: killed at the deadline
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child: the checkout importable, no stray Qt display."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def _high_water_kib(pid: int, argv: list[str]) -> int:
    """The child's VmHWM in KiB, or 0 before its exec (or after its exit)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if f.read().split(b"\0")[: len(argv)] != [os.fsencode(a) for a in argv]:
                return 0  # still the forked copy of this process
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_process(
    argv: list[str], *, timeout: float, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Run:
    """Run ``argv``; kill it (and its process group) after ``timeout`` seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            argv,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env or child_env(),
            cwd=cwd,
            start_new_session=True,  # so a timeout kills the child's own children too
        )
        deadline = start + timeout
        status = None
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, _high_water_kib(proc.pid, argv))
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                status = None
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = -1 if status is None else os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            returncode=None if status is None else proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_rss_mb=peak_kib / 1024,
        )


def run_python(code: str, *, timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run a Python snippet in a fresh interpreter (see :func:`run_process`)."""
    return run_process([sys.executable, "-c", code], timeout=timeout, env=env)


def run_cli(*args: str, timeout: float = 60.0, env: dict[str, str] | None = None) -> Run:
    """The real ``lismoi`` command: ``python -m app ARGS``."""
    return run_process([sys.executable, "-m", "lismoi", *args], timeout=timeout, env=env)
