"""The Player and its parts: what the window uses to read an article aloud.

* :mod:`.controller` -- :class:`Player`, the controller the window drives;
* :mod:`.synthesis` -- :class:`SynthesisService`, the speech worker in a thread;
* :mod:`.timeline` -- what the sink was given and when each event is heard;
* :mod:`.state` -- :class:`PlaybackState`.

The names are loaded on first use (PEP 562): the window imports
:class:`PlaybackState` at start-up, and must not pay for QtMultimedia, which
the controller imports, before it shows (see ``mainwindow/reading.py``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lismoi.qt.player.state import PlaybackState

if TYPE_CHECKING:
    from lismoi.qt.player.controller import AHEAD, CACHE_SIZE, TICK_MS, Player
    from lismoi.qt.player.synthesis import SynthesisService

_LAZY = {
    "AHEAD": "controller",
    "CACHE_SIZE": "controller",
    "TICK_MS": "controller",
    "Player": "controller",
    "SynthesisService": "synthesis",
}

__all__ = ["AHEAD", "CACHE_SIZE", "TICK_MS", "PlaybackState", "Player", "SynthesisService"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
