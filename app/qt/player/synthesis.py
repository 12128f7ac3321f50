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
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from lismoi.core.errors import LismoiError
from lismoi.core.reading import VoiceChoices, VoiceKey
from lismoi.core.speech.worker import SpeechWorker, Synthesis


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

    def __init__(
        self, worker: SpeechWorker, voices: VoiceChoices, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._voices = voices
        self._cond = threading.Condition()
        self._waiting: _Request | None = None
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
                while self._waiting is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                request, self._waiting = self._waiting, None
            try:
                if request.voice is None:
                    self._worker.start()
                    for key in request.warm:
                        self._voices.voice(key)
                    continue
                voice = self._voices.voice(request.voice)
                result = self._worker.synthesize(request.text, voice, rate=request.rate)
            except LismoiError as exc:
                self._report_failure(request, str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - reported to the listener, never lost
                self._report_failure(request, str(exc) or type(exc).__name__)
                continue
            with contextlib.suppress(RuntimeError):  # the service was deleted at exit
                self.synthesized.emit(request.id, result)

    def _report_failure(self, request: _Request, message: str) -> None:
        if request.voice is None:
            return  # a warm-up's failure shows again at the first sentence
        with contextlib.suppress(RuntimeError):
            self.failed.emit(request.id, message)
