"""Starting the window: a session without a display gets a sentence, not a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

from lismoi.core.paths import SAMPLES_DIR
from lismoi.qt.main import display_problem


def test_display_problem_only_on_linux_without_any_display() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None


def test_the_window_command_without_a_display_says_so_and_exits_1() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "lismoi", str(SAMPLES_DIR / "prison-telephones.html")],
        capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs a graphical desktop" in lines[0]
    assert "lismoi extract" in lines[0]  # what still works
