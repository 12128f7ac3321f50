"""The Player's playback states."""

from __future__ import annotations

from enum import Enum


class PlaybackState(str, Enum):
    """Stopped, playing or paused.

    A ``str`` Enum: ``stateChanged`` carries the value ("playing"), and code
    that still compares with the plain strings keeps working.
    """

    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"

    def __str__(self) -> str:  # "playing", not "PlaybackState.PLAYING", in messages and logs
        return self.value
