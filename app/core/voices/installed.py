"""The voices installed on this machine, from every speech engine.

Each engine runs in its own speech process (:mod:`lismoi.core.speech.pool`);
this module asks them for their voice lists once, the platform's engine
first (espeak-ng), then the natural ones (Piper), whose voices of unknown
gender get the gender their measured pitch says (:mod:`.measured`).

The lists are kept until :func:`refresh_installed_voices` (the voice manager
calls it after installing or removing a voice). A test feeds lists of its
own with :func:`set_installed_voices_provider`, or passes ``installed=`` to
the resolution functions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from lismoi.core.errors import SpeechError
from lismoi.core.speech.engines.base import EngineVoices
from lismoi.core.voices.types import NATURAL_ENGINES

# One engine's list, or several (the platform's engine first): what resolution takes.
Installed = EngineVoices | tuple[EngineVoices, ...]

_lock = threading.Lock()
_installed: tuple[EngineVoices, ...] | None = None
_failures: dict[str, SpeechError] = {}
_provider: Callable[[], Installed] | None = None


def engines_of(installed: Installed) -> tuple[EngineVoices, ...]:
    """``installed`` as a tuple of engine voice lists."""
    return installed if isinstance(installed, tuple) else (installed,)


def set_installed_voices_provider(provider: Callable[[], Installed] | None) -> None:
    """Use ``provider`` to learn the installed voices (None = ask the speech processes)."""
    global _provider, _installed
    with _lock:
        _provider, _installed = provider, None


def refresh_installed_voices() -> None:
    """Forget the voice lists: the next question asks the engines again."""
    global _installed
    with _lock:
        _installed = None


def installed_engines() -> tuple[EngineVoices, ...]:
    """Every engine's voices, the platform's first; asked once of the speech processes."""
    global _installed
    with _lock:
        if _installed is None:
            found = _provider() if _provider is not None else _from_speech_processes()
            _installed = engines_of(found)
        return _installed


def platform_engine_failure() -> SpeechError | None:
    """Why this platform's engine (espeak-ng) gave no voices at the last question, if it failed.

    With a natural voice installed the others still speak, so this is not
    raised: the window says it (how to install espeak-ng) beside the voices.
    """
    from lismoi.core.speech.engines import platform_engine

    with _lock:
        return _failures.get(platform_engine())


def installed_voices() -> EngineVoices:
    """The platform engine's voices (espeak-ng on Linux)."""
    engines = installed_engines()
    return engines[0] if engines else EngineVoices("", ())


def _from_speech_processes() -> tuple[EngineVoices, ...]:
    from lismoi.core.speech.pool import default_pool
    from lismoi.core.voices.measured import with_measured_genders

    global _failures
    pool = default_pool()
    found = []
    listed = pool.voices()
    _failures = dict(pool.failures)  # (the caller holds _lock)
    if pool.failures and not any(v.voices for v in listed):
        raise next(iter(pool.failures.values()))  # nothing speaks: say why
    for voices in listed:
        if voices.engine in NATURAL_ENGINES and voices.voices:
            worker = pool.worker(voices.engine)

            def synthesize(text, probe, worker=worker):
                result = worker.synthesize(text, probe, timeout=60.0)
                return result.pcm, result.sample_rate

            voices = with_measured_genders(voices, synthesize)
        found.append(voices)
    # The platform's engine first: it is the fallback and the one every profile knows.
    found.sort(key=lambda v: v.engine in NATURAL_ENGINES)
    return tuple(found)
