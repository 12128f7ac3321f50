"""Synthesis off the UI thread, as a QObject that reports through typed signals.

The speech worker answers one sentence in tens of milliseconds, but the first
request starts the engine, and a dead or hung worker is restarted inside a
request: the UI thread must never wait for it. :class:`SynthesisService`
owns one thread that calls the worker; each request gets an id, and its
outcome comes back as ``synthesized(id, Synthesis)`` or ``failed(id,
message)``, delivered in the receiver's thread (qutebrowser's
``GUIProcess`` pattern: the long work is an object with signals).

It holds at most one waiting request: a new one replaces it (the Player only
wants the latest); a request already running finishes, and the Player drops
its result by id if it no longer waits for it.

Each voice is spoken by its engine's worker (espeak-ng's, Piper's: one
process each, :class:`~lismoi.core.speech.pool.SpeechPool`). The service
keeps how long each engine takes per character (:meth:`ms_per_char`), so
the Player can tell when a first sentence is better split at a clause. A
warm-up starts the engines an article needs and, for a natural voice, speaks
a few words with it: the model is loaded and onnxruntime primed off the UI
thread, before the listener presses Play.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from lismoi.core.errors import LismoiError
from lismoi.core.reading import VoiceChoices, VoiceKey
from lismoi.core.speech.engines import platform_engine
from lismoi.core.speech.pool import SpeechPool
from lismoi.core.speech.worker import SpeechWorker, Synthesis
from lismoi.core.voices.measured import FALLBACK_PHRASE, PHRASES

# The worker that speaks an engine's voices ("espeak", "piper").
Workers = Callable[[str], SpeechWorker]
# A few words spoken at warm-up with a natural voice (loads and primes the model).
WARM_TEXT = {"fr": "Bonjour à vous.", "en": "Hello to you."}
_SPEED_WEIGHT = 0.3  # of the newest measure in the running estimate of ms per character
# Synthesis runs ahead of playback, so the speech process can wait: lowered, it
# leaves the CPU to the sound path (this process's feeding, the sound server).
# Seen on the shared 2-core machine (tests/qt/player/test_player_piper.py): at
# normal priority Piper's two inference threads made the recording lose 3 pieces
# of 1-5 ms in 10 s of speech; lowered, none in most runs.
SPEECH_NICENESS = 10


class EngineWorkers:
    """The speech worker of each engine: the one given (tests share one) speaks the
    platform engine's voices, the pool's speak the others."""

    def __init__(self, pool: SpeechPool, own: SpeechWorker | None = None) -> None:
        self.pool, self.own = pool, own

    def __call__(self, engine: str) -> SpeechWorker:
        own = self.own
        if own is not None and engine == (own.engine_name or platform_engine()):
            return own
        return self.pool.worker(engine)

    @property
    def platform(self) -> SpeechWorker:  # espeak-ng's on Linux
        return self.own or self.pool.worker()


@dataclass(frozen=True)
class _Request:
    id: int
    text: str = ""
    voice: VoiceKey | None = None  # None: a warm-up
    rate: float = 1.0
    warm: tuple[VoiceKey, ...] = ()


class SynthesisService(QObject):
    """Calls ``SpeechWorker.synthesize`` in a thread of its own; results as signals."""

    synthesized = Signal(int, Synthesis)  # request id, the sentence's audio
    failed = Signal(int, str)  # request id, what went wrong (in the listener's words)
    warmed = Signal()  # a warm-up ended: the engines' speeds are measured

    def __init__(
        self, workers: SpeechWorker | Workers, voices: VoiceChoices, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if isinstance(workers, SpeechWorker):  # one worker for every voice (one engine)
            worker = workers
            self._workers: Workers = lambda _engine: worker
        else:
            self._workers = workers
        self._voices = voices
        self._speed: dict[str, float] = {}  # engine -> ms of synthesis per character
        self._lowered: set[int] = set()  # speech processes whose priority was lowered
        self._cond = threading.Condition()
        self._waiting: _Request | None = None
        self._prefetching: _Request | None = None  # runs when nothing else waits
        self._running: int | None = None  # the request being made (until its result is sent)
        self._closed = False
        self._last_id = 0
        self._thread = threading.Thread(target=self._run, name="lismoi-synth", daemon=True)
        self._thread.start()

    def synthesize(self, text: str, voice: VoiceKey, rate: float) -> int:
        """Ask for ``text`` read by the voice of ``voice``; returns the request id."""
        return self._submit(text=text, voice=voice, rate=rate)

    def warm_up(self, voices: Iterable[VoiceKey]) -> int:
        """Start the engine and resolve ``voices`` now, so the first sentence is quick.

        A warm-up reports nothing (a failure shows at the first sentence).
        """
        return self._submit(warm=tuple(voices))

    def prefetch(self, text: str, voice: VoiceKey, rate: float) -> int:
        """Make ``text`` when nothing else waits; :meth:`cancel` leaves it (see the Player).

        A newer prefetch replaces one not yet started. The result comes as
        ``synthesized`` like any other.
        """
        with self._cond:
            self._last_id += 1
            self._prefetching = _Request(self._last_id, text=text, voice=voice, rate=rate)
            self._cond.notify()
            return self._last_id

    def drop_prefetch(self) -> None:
        """Forget the prefetch not yet started (one running still reports)."""
        with self._cond:
            self._prefetching = None

    def in_flight(self, request: int) -> bool:
        """True if ``request`` waits as the prefetch or is being made (its result will come)."""
        with self._cond:
            waiting = self._prefetching is not None and self._prefetching.id == request
            return waiting or self._running == request

    def ms_per_char(self, engine: str) -> float | None:
        """How long ``engine`` has taken per character so far (None: not measured yet)."""
        return self._speed.get(engine)

    def _measured(self, engine: str, chars: int, seconds: float) -> None:
        if chars < 8:
            return  # a word or two: the fixed cost of a request, not a speed
        ms = seconds * 1000.0 / chars
        old = self._speed.get(engine)
        self._speed[engine] = ms if old is None else old + _SPEED_WEIGHT * (ms - old)

    def cancel(self) -> None:
        """Forget the waiting request (one already running still reports)."""
        with self._cond:
            self._waiting = None

    def close(self) -> None:
        """End the thread (after the request it runs, if any)."""
        with self._cond:
            self._closed = True
            self._waiting = None
            self._cond.notify()
        self._thread.join(timeout=15)

    def _submit(self, **fields) -> int:
        with self._cond:
            self._last_id += 1
            self._waiting = _Request(self._last_id, **fields)
            self._cond.notify()
            return self._last_id

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._waiting is None and self._prefetching is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                if self._waiting is not None:
                    request, self._waiting = self._waiting, None
                else:
                    request, self._prefetching = self._prefetching, None
                self._running = request.id
            try:
                self._serve(request)
            finally:
                with self._cond:
                    self._running = None

    def _serve(self, request: _Request) -> None:
        """Make one request and send its result (on this service's thread).

        ``_running`` is cleared only after the result is sent, so the Player
        never asks twice for a result already on its way.
        """
        try:
            if request.voice is None:
                self._warm(request.warm)
                with contextlib.suppress(RuntimeError):  # the service was deleted at exit
                    self.warmed.emit()
                return
            voice = self._voices.voice(request.voice)
            started = time.perf_counter()
            result = self._worker(voice.engine).synthesize(request.text, voice, rate=request.rate)
            self._measured(voice.engine, len(request.text), time.perf_counter() - started)
        except LismoiError as exc:
            self._report_failure(request, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the listener, never lost
            self._report_failure(request, str(exc) or type(exc).__name__)
            return
        with contextlib.suppress(RuntimeError):  # the service was deleted at exit
            self.synthesized.emit(request.id, result)

    def _worker(self, engine: str) -> SpeechWorker:
        """The worker of ``engine``, started, its process at a lower priority."""
        worker = self._workers(engine)
        worker.start()
        pid = worker.pid
        if pid is not None and pid not in self._lowered:
            self._lowered.add(pid)
            with contextlib.suppress(OSError, AttributeError):  # not on Windows
                os.setpriority(os.PRIO_PROCESS, pid, SPEECH_NICENESS)
        return worker

    def _warm(self, keys: tuple[VoiceKey, ...]) -> None:
        """Start the engines of ``keys`` and load their natural voices' models."""
        warmed: set[tuple[str, str]] = set()
        for key in keys:
            voice = self._voices.voice(key)
            worker = self._worker(voice.engine)
            if not voice.natural or (voice.engine, voice.voice_id) in warmed:
                continue
            warmed.add((voice.engine, voice.voice_id))
            lang = voice.lang.split("-")[0]
            worker.synthesize(WARM_TEXT.get(lang, "1, 2, 3."), voice)  # loads the model
            # Then a sentence, timed: the first split decision has a real figure to go by.
            text = PHRASES.get(lang, FALLBACK_PHRASE)
            started = time.perf_counter()
            worker.synthesize(text, voice)
            self._measured(voice.engine, len(text), time.perf_counter() - started)
            with self._cond:
                if self._waiting is not None:
                    return  # the listener pressed Play: that comes first

    def _report_failure(self, request: _Request, message: str) -> None:
        if request.voice is None:
            return  # a warm-up's failure shows again at the first sentence
        with contextlib.suppress(RuntimeError):
            self.failed.emit(request.id, message)
