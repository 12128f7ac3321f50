"""SpeechPool: one speech worker per engine, started when first used.

A document may read French with espeak-ng and English with a Piper voice:
each engine runs in its own child process (espeak-ng can be initialised once
per process, a Piper model is loaded once and kept), so the pool keeps one
:class:`~lismoi.core.speech.worker.SpeechWorker` per engine name and hands
out the one a voice needs (``pool.worker(voice.engine)``).

:meth:`SpeechPool.voices` is every engine's voice list, asked again on each
call, so a voice installed while the app runs is listed on the next call.
Piper's voices are read from disk here, in the caller's process
(:func:`~lismoi.core.speech.engines.piper_voices.voice_list`: a few small
JSON files), so listing them never starts the Piper process: it starts on
the first sentence or ``load_voice``.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable, Sequence

from lismoi.core.errors import SpeechError
from lismoi.core.speech.engines import platform_engine
from lismoi.core.speech.engines.base import EngineVoices
from lismoi.core.speech.phonemes import Accent
from lismoi.core.speech.worker import SpeechWorker

log = logging.getLogger(__name__)

PIPER = "piper"


def _piper_voices() -> EngineVoices | None:
    from lismoi.core.speech.engines.piper_voices import voice_list

    voices = voice_list()
    return voices if voices.voices else None


class SpeechPool:
    """One SpeechWorker per engine name; thread-safe; ``close()`` stops them all.

    ``engines``: the engines whose voices :meth:`voices` lists (default: this
    platform's, then Piper). ``accents`` is passed to every worker.
    """

    def __init__(
        self,
        engines: Sequence[str] | None = None,
        *,
        accents: Callable[[str], Accent] | None = None,
    ) -> None:
        self.engines: tuple[str, ...] = tuple(engines or (platform_engine(), PIPER))
        self._accents = accents
        self._workers: dict[str, SpeechWorker] = {}
        self._lock = threading.Lock()
        # Why an engine was left out of the last voices() (espeak-ng not installed...).
        self.failures: dict[str, SpeechError] = {}

    def worker(self, engine: str | None = None) -> SpeechWorker:
        """The worker of ``engine`` (None: this platform's), created once; started on first use."""
        name = engine or platform_engine()
        with self._lock:
            worker = self._workers.get(name)
            if worker is None:
                worker = SpeechWorker(engine_name=name, accents=self._accents)
                self._workers[name] = worker
            return worker

    def running(self) -> dict[str, SpeechWorker]:
        """The workers created so far, by engine name."""
        with self._lock:
            return dict(self._workers)

    def voices(self) -> tuple[EngineVoices, ...]:
        """Every engine's voices, in :attr:`engines` order (blocking: not on the UI thread).

        An engine that cannot start is left out (logged): the others still
        speak. Piper's voices are read from disk (its process is not started).
        """
        found = []
        failures: dict[str, SpeechError] = {}
        for name in self.engines:
            if name == PIPER:
                if (piper := _piper_voices()) is not None:
                    found.append(piper)
                continue
            try:
                found.append(self.worker(name).installed_voices())
            except SpeechError as exc:
                log.warning("the %s engine is left out: %s", name, exc)
                failures[name] = exc
        self.failures = failures
        return tuple(found)

    def close(self) -> None:
        """Stop every worker's process (a later request starts it again)."""
        with self._lock:
            workers = list(self._workers.values())
        for worker in workers:
            worker.close()

    def __enter__(self) -> SpeechPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_default: SpeechPool | None = None
_default_lock = threading.Lock()


def default_pool() -> SpeechPool:
    """A pool shared by whoever has none of their own (closed at exit)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = SpeechPool()
            atexit.register(_default.close)
        return _default
