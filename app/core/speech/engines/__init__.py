"""Speech engines behind one interface (see :mod:`.base`); each engine is one module.

The registry below names every engine and builds one by name; the engine
modules are imported only when asked for, so listing the names costs nothing
and a platform never imports another platform's bindings.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from lismoi.core.speech.engines.base import SpeechEngine


class UnknownEngineError(ValueError):
    """No engine has this name."""


def _espeak() -> SpeechEngine:
    from lismoi.core.speech.engines.espeak import EspeakEngine

    return EspeakEngine()


def _piper() -> SpeechEngine:
    from lismoi.core.speech.engines.piper import PiperEngine

    return PiperEngine()


def _system(driver: str) -> Callable[[], SpeechEngine]:
    def make() -> SpeechEngine:
        from lismoi.core.speech.engines.pyttsx3_system import SystemEngine

        return SystemEngine(driver)

    return make


# A new engine: one module in this package, one line here.
ENGINES: dict[str, Callable[[], SpeechEngine]] = {
    "espeak": _espeak,
    "piper": _piper,
    "sapi5": _system("sapi5"),
    "nsss": _system("nsss"),
}


def platform_engine() -> str:
    """The name of the engine this platform speaks with by default."""
    if sys.platform.startswith("win"):
        return "sapi5"
    if sys.platform == "darwin":
        return "nsss"
    return "espeak"


def make_engine(name: str | None = None) -> SpeechEngine:
    """The engine called ``name`` (None: this platform's), initialised."""
    name = name or platform_engine()
    factory = ENGINES.get(name)
    if factory is None:
        known = ", ".join(sorted(ENGINES))
        raise UnknownEngineError(f"no speech engine is called {name!r} (known: {known})")
    return factory()
