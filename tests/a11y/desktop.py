"""A desktop of its own for the screen-reader check: X server, buses, sound, Orca.

:class:`Desktop` starts, in a temporary folder and with no state from the
machine's session, everything a blind listener's desktop has and a CI box has
not: Xvfb (no window manager, as in CI), a D-Bus session bus, the AT-SPI bus
(``at-spi-bus-launcher``, with the registry daemon it starts), a PulseAudio
server with a null sink (Lis-moi plays into it), Lis-moi itself on the xcb
platform with Qt's accessibility on, and the real Orca with its debug log.
Everything it started is stopped at the end, in reverse order, by process id.

Orca is told to use no speech synthesiser (``speechServerFactory`` empty):
it decides what to say exactly as with one, and writes each utterance to its
debug log as ``SPEECH OUTPUT: '...'`` (orca/speech.py), which is what the
check reads. A synthesiser would only add sound nobody hears here, and a
speech-dispatcher that blocks on its audio made Orca stall for 30 s.

Keys are typed with ``xdotool`` (XTEST): they reach Orca through the AT-SPI
registry exactly like a keyboard's.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.a11y.orca_log import OrcaLog

NEEDED = ("Xvfb", "dbus-daemon", "orca", "xdotool", "pulseaudio", "pactl")
AT_SPI_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
STARTUP_TIMEOUT = 60.0


class DesktopUnavailable(RuntimeError):
    """A program the check needs is missing (``make a11y`` installs them)."""


def missing_programs() -> list[str]:
    missing = [p for p in NEEDED if shutil.which(p) is None]
    if not AT_SPI_LAUNCHER.exists():
        missing.append(str(AT_SPI_LAUNCHER))
    return missing


def _wait_for(predicate, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")


@dataclass
class Desktop:
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    orca: OrcaLog | None = None
    app_log: Path | None = None

    # -- starting -------------------------------------------------------------------
    def _start(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:  # noqa: ANN003
        log = open(self.root / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, env=self.env,
                                start_new_session=True, **kwargs)
        log.close()  # the child has its own copy
        self.processes.append((name, proc))
        return proc

    def start(self) -> Desktop:
        missing = missing_programs()
        if missing:
            raise DesktopUnavailable("missing: " + ", ".join(missing))
        home = self.root / "home"
        runtime = self.root / "runtime"
        for d in (home, runtime):
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "LANG": "C.UTF-8", "LANGUAGE": "en", "NO_AT_BRIDGE": "0",
        }
        self._start_x()
        self._start_bus()
        self._start_pulse()
        return self

    def _start_x(self) -> None:
        read, write = os.pipe()
        self._start("xvfb", ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as f:
            display = f.readline().strip()
        if not display:
            raise DesktopUnavailable("Xvfb did not start (see xvfb.log)")
        self.env["DISPLAY"] = f":{display}"

    def _start_bus(self) -> None:
        read, write = os.pipe()
        self._start("dbus", ["dbus-daemon", "--session", "--nofork", "--nopidfile",
                             f"--print-address={write}"], pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as f:
            address = f.readline().strip()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        self._start("atspi", [str(AT_SPI_LAUNCHER), "--launch-immediately"])
        _wait_for(lambda: self._dbus_send("org.a11y.Bus", "/org/a11y/bus",
                                          "org.a11y.Bus.GetAddress"), STARTUP_TIMEOUT,
                  "the AT-SPI bus")
        # What a desktop's accessibility switch does: Qt and Orca both read it.
        self._dbus_send("org.a11y.Bus", "/org/a11y/bus", "org.freedesktop.DBus.Properties.Set",
                        "string:org.a11y.Status", "string:IsEnabled", "variant:boolean:true")

    def _dbus_send(self, dest: str, path: str, method: str, *args: str) -> bool:
        done = subprocess.run(["dbus-send", "--session", "--print-reply", f"--dest={dest}",
                               path, method, *args], env=self.env, capture_output=True,
                              timeout=10, check=False)
        return done.returncode == 0

    def _start_pulse(self) -> None:
        self._start("pulse", ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                              "--disallow-exit", "--load=module-native-protocol-unix",
                              "--load=module-null-sink sink_name=a11y_null",
                              "--load=module-always-sink"])
        _wait_for(lambda: subprocess.run(["pactl", "info"], env=self.env, capture_output=True,
                                         timeout=10, check=False).returncode == 0,
                  STARTUP_TIMEOUT, "PulseAudio")

    def start_app(self, source: Path, config: Path) -> None:
        """Lis-moi on ``source``, on the X server, its accessibility on."""
        env = dict(self.env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   LISMOI_CONFIG_DIR=str(config), LISMOI_CACHE_DIR=str(self.root / "cache"))
        self.app_log = self.root / "app.log"
        saved, self.env = self.env, env
        try:
            self._start("app", [sys.executable, "-c",
                                "import sys; from lismoi.cli import main; sys.exit(main())",
                                str(source)])
        finally:
            self.env = saved
        _wait_for(lambda: bool(self.window_id()), STARTUP_TIMEOUT, "Lis-moi's window")

    def start_orca(self) -> OrcaLog:
        prefs = self.root / "orca-prefs"
        prefs.mkdir(exist_ok=True)
        general = {"speechServerFactory": "", "enableSpeech": True, "keyboardLayout": 1,
                   "enableEchoByWord": False, "profile": ["Default", "default"]}
        (prefs / "user-settings.conf").write_text(json.dumps({
            "general": general, "profiles": {"default": dict(general)},
            "pronunciations": {}, "keybindings": {}}))
        log = self.root / "orca-debug.log"
        # Debian's python3 (Orca's), with the debug log line-buffered (run_orca.py).
        self._start("orca", ["/usr/bin/python3", str(Path(__file__).with_name("run_orca.py")),
                             str(log), "-u", str(prefs)])
        self.orca = OrcaLog(log)
        self.orca.wait_for("Screen reader on", timeout=STARTUP_TIMEOUT)
        return self.orca

    # -- acting ------------------------------------------------------------------------
    def window_id(self) -> str:
        done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Lis-moi"],
                              env=self.env, capture_output=True, text=True, timeout=10,
                              check=False)
        ids = done.stdout.split()
        return ids[0] if ids else ""

    def focus_window(self) -> None:
        # No window manager: give the window the X input focus directly.
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window_id()], env=self.env,
                       capture_output=True, timeout=10, check=False)

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "60", *keys], env=self.env,
                       capture_output=True, timeout=10, check=True)

    def chord(self, modifier: str, key: str, hold: float = 0.8) -> None:
        """``modifier`` held while ``key`` is pressed, and a moment after, as fingers do.

        Orca judges a caret move by the modifiers of the last key event it has
        seen when the move reaches it (orca/script_utilities.py,
        ``lastKeyAndModifiers``): a chord typed in 12 ms (xdotool's ``key
        ctrl+Right``) had its Ctrl released by then, and Orca took the word
        move for a character move.
        """
        for args, pause in ((["keydown", modifier], 0.15), (["key", key], hold),
                            (["keyup", modifier], 0.15)):
            subprocess.run(["xdotool", *args], env=self.env, capture_output=True, timeout=10,
                           check=True)
            time.sleep(pause)

    # -- stopping --------------------------------------------------------------------------
    def stop_app(self) -> None:
        """End Lis-moi (the X server, the buses and Orca go on), to start it on another file."""
        for name, proc in [p for p in self.processes if p[0] == "app"]:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            self.processes.remove((name, proc))
        _wait_for(lambda: not self.window_id(), STARTUP_TIMEOUT, "Lis-moi's window to close")

    def stop(self) -> None:
        for _name, proc in reversed(self.processes):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
        self.processes.clear()

    def app_stderr(self) -> str:
        return self.app_log.read_text(errors="replace") if self.app_log else ""
