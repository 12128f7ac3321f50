"""Engine faults and hostile text through the real speech worker (pyttsx3 + espeak-ng).

The speech helper's tests kill or stop the worker once each; here faults are
injected many times at random moments during synthesis, hostile text (control
characters, emoji, right-to-left scripts, 10,000 characters without
punctuation) goes through the same path the Player uses, and espeak-ng is
made absent for a whole app process (a SIMULATION: see ``ABSENT_ESPEAK``).
"""

from __future__ import annotations

import os
import random
import signal
import sys
import threading

import pytest

from lismoi.core.errors import SpeechError
from lismoi.core.speech.sentences import split_sentences
from lismoi.core.speech.worker import SpeechWorker, Synthesis
from lismoi.core.voices import resolve
from tests.hardening.support import child_env, run_process

pytestmark = pytest.mark.engine  # the speech worker and its faults

SENTENCE = "Les élèves ont présenté leur projet de jardin partagé devant le conseil municipal."


@pytest.fixture(scope="module")
def worker():
    with SpeechWorker() as w:
        w.start()
        yield w


HOSTILE = {
    "control characters": "Bonjour\x00\x01\x07\x08\x0b\x0c\x1b[31m\x7f\x85 le monde.",
    "emoji only": "😀👩‍👩‍👧🇫🇷🏳️‍🌈",
    "emoji in a sentence": "Le gâteau 🎂 était délicieux 😋, merci 🙏 !",
    "arabic": "مرحبا بالعالم، هذا نص عربي للقراءة.",
    "hebrew with bidi controls": "\u202eשלום עולם\u202c, \u2067זה טקסט\u2069 בעברית.",
    "mixed scripts": "Paris Москва 東京 القاهرة ירושלים Αθήνα.",
    "lone combining marks": "\u0301\u0301\u0301 e\u0301\u0302\u0303\u0304 a\u20dd",
    "private use and noncharacters": "\ue000\uf8ff\ufdd0\ufffe\U0010fffe texte",
    "ssml-looking": '<speak><break time="60s"/><audio src="file:///etc/passwd"/></speak>',
    "espeak phoneme escapes": "[[h@l'oU]] [[a:]] \\x01 ` {{ }}",
    "only punctuation": "... ?!?! ;;; ,,, --- ***",
    "very long word": "a" * 2000,
    "numbers": "1 000 000 000 000 000 000 € 3,141592653589793238462643383279 10e308",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_spoken_or_refused_in_words(worker, tally, name):
    voice = resolve("fr-FR-female")
    text = HOSTILE[name]
    with tally.trial("speech:hostile-text"):
        for start, end in split_sentences(text, "fr") or [(0, len(text))]:
            try:
                result = worker.synthesize(text[start:end], voice, timeout=30)
            except SpeechError as err:
                assert str(err).strip() and "\n" not in str(err).strip()
                continue
            assert isinstance(result, Synthesis)
            assert len(result.pcm) % 2 == 0
            for word in result.words:
                assert 0 <= word.start <= word.end <= end - start
    # The worker is still fine afterwards.
    assert worker.synthesize(SENTENCE, voice).duration_ms > 0


def test_ten_thousand_characters_without_punctuation_as_the_player_reads_them(worker, tally):
    text = " ".join(["bonjour", "maison", "soleil", "voiture", "montagne"] * 400)[:10_000]
    voice = resolve("fr-FR-male")
    with tally.trial("speech:hostile-text"):
        spans = split_sentences(text, "fr")
        assert len(spans) > 10  # cut in pieces a listener can follow
        total = 0.0
        for start, end in spans:
            total += worker.synthesize(text[start:end], voice, rate=3.0, timeout=60).duration_ms
        assert total > 60_000  # ~1,700 words at 3x speed: well over a minute of audio


def test_killed_and_stopped_at_random_moments_the_next_request_works(worker, tally):
    """Six faults: SIGKILL or SIGSTOP while a sentence is being synthesised."""
    rng = random.Random(5)
    voice = resolve("fr-FR-female")
    long_text = " ".join([SENTENCE] * 40)  # ~0.4 s of work when the machine is idle
    for n in range(6):
        how = signal.SIGKILL if n % 2 == 0 else signal.SIGSTOP
        outcome: list[object] = []

        def speak(outcome=outcome) -> None:
            try:
                # A short timeout: a stopped process is noticed after 3 s.
                outcome.append(worker.synthesize(long_text, voice, timeout=3))
            except SpeechError as err:
                outcome.append(err)

        with tally.trial(f"engine:{signal.Signals(how).name}", fault=True):
            thread = threading.Thread(target=speak)
            thread.start()
            assert worker.in_flight.wait(30)
            threading.Event().wait(rng.uniform(0.0, 0.15))  # a random point mid-synthesis
            pid = worker.pid
            if pid is not None:
                os.kill(pid, how)
            thread.join(120)
            assert not thread.is_alive(), "synthesize() hung after the fault"
            # The request in flight was retried on a fresh process (or failed in words).
            got = outcome[0]
            assert isinstance(got, Synthesis) and got.duration_ms > 0 or isinstance(
                got, SpeechError
            ), got
            # (If the fault landed after the answer, a stopped idle process is
            # only noticed at this request's timeout: keep it short too.)
            after = worker.synthesize(SENTENCE, voice, timeout=3)
            assert after.duration_ms > 0 and after.words
            if pid is not None and how == signal.SIGSTOP:
                # The stopped process was replaced and must not linger.
                with pytest.raises(ProcessLookupError):
                    os.kill(pid, signal.SIGCONT)
                    os.waitpid(pid, os.WNOHANG)
                    os.kill(pid, 0)


# SIMULATION of a machine without the espeak-ng package: in this process and the
# speech process it starts (same PYTHONPATH), loading any library whose name
# contains "espeak" fails the way a missing .so does. Nothing else changes.
ABSENT_ESPEAK = '''
"""SIMULATION for tests: libespeak-ng is absent (dlopen fails as for a missing package)."""
import ctypes

_real_init = ctypes.CDLL.__init__


def _init(self, name, *args, **kwargs):
    if name is not None and "espeak" in str(name).lower():
        raise OSError(f"{name}: cannot open shared object file: No such file or directory")
    _real_init(self, name, *args, **kwargs)


ctypes.CDLL.__init__ = _init
'''

WINDOW_WITHOUT_ESPEAK = r"""
import sys
from PySide6.QtCore import QTimer
from lismoi.core.settings import Positions, Settings
from lismoi.qt.main import make_application
app = make_application()
from lismoi.qt.mainwindow import MainWindow
window = MainWindow(settings=Settings.load(), positions=Positions.load())
window.show()
found = []
def poll():
    banner = window.banners.banner("voices")
    if banner is not None:
        found.append(banner.message)
        print("VISIBLE", window.isVisible() and banner.isVisible())
        app.quit()
timer = QTimer()
timer.timeout.connect(poll)
timer.start(50)
QTimer.singleShot(90_000, app.quit)
app.exec()
print("BANNER", found[0] if found else None)
"""

SPEAK_WITHOUT_ESPEAK = r"""
from lismoi.core.errors import SpeechError
from lismoi.core.speech.worker import SpeechWorker
from lismoi.qt.banner import what_to_do
try:
    SpeechWorker().start()
except SpeechError as err:
    print("ERROR", err, "|", what_to_do(err))
else:
    print("STARTED")
"""


def _absent_env(tmp_path):
    hook = tmp_path / "no-espeak"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(ABSENT_ESPEAK, encoding="utf-8")
    env = child_env(LISMOI_CONFIG_DIR=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = f"{hook}{os.pathsep}{env['PYTHONPATH']}"
    return env


def test_without_espeak_the_worker_fails_in_words_that_say_how_to_install_it(tmp_path, tally):
    with tally.trial("engine:espeak-absent", fault=True):
        run = run_process([sys.executable, "-c", SPEAK_WITHOUT_ESPEAK], timeout=120,
                          env=_absent_env(tmp_path))
        assert run.returncode == 0, run.stderr[-3000:]
        assert run.stdout.startswith("ERROR"), run.stdout
        assert "apt install espeak-ng" in run.stdout


def test_without_espeak_the_window_opens_and_says_how_to_install_it(tmp_path, tally):
    with tally.trial("engine:espeak-absent", fault=True):
        run = run_process([sys.executable, "-c", WINDOW_WITHOUT_ESPEAK], timeout=150,
                          env=_absent_env(tmp_path))
        assert run.returncode == 0, run.stderr[-3000:]
        assert "VISIBLE True" in run.stdout
        banner = run.stdout.split("BANNER", 1)[1].strip()
        assert banner != "None", run.stdout + run.stderr[-2000:]
        assert "espeak-ng" in banner and "apt install espeak-ng" in banner, banner
