"""What the Player has synthesised already: recent pieces, and the one made ahead of Play.

A *piece* is a sentence's audio, or part of it when the first sentence is cut
at a clause. :class:`PieceCache` keeps the recent ones (next sentence and
replays start at once); :class:`Prefetch` makes, while stopped, the first
piece Play would ask for at the caret, so a natural voice's ~200 ms of
synthesis is done before the listener presses Space.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from lismoi.core.reading import Position, Reading, VoiceKey
from lismoi.core.speech.worker import Synthesis
from lismoi.qt.player.synthesis import SynthesisService

CACHE_SIZE = 32  # recent syntheses kept, so "next sentence" and replays start at once

# What a piece of a sentence's audio depends on: the sentence, the piece's
# [start, end) in it (end None: to the sentence's end), the voice, the rate.
SynthKey = tuple[Position, int, int | None, VoiceKey, float]


class PieceCache:
    """The last :data:`CACHE_SIZE` pieces synthesised, by :data:`SynthKey`."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._pieces: OrderedDict[SynthKey, Synthesis] = OrderedDict()
        self._size = size

    def __contains__(self, key: object) -> bool:
        return key in self._pieces

    def get(self, key: SynthKey) -> Synthesis | None:
        return self._pieces.get(key)

    def store(self, key: SynthKey, synthesis: Synthesis) -> None:
        self._pieces[key] = synthesis
        while len(self._pieces) > self._size:
            self._pieces.popitem(last=False)

    def clear(self) -> None:
        self._pieces.clear()


class Prefetch:
    """The one piece being made ahead of Play (the service's prefetch slot)."""

    def __init__(self, synth: SynthesisService) -> None:
        self._synth = synth
        self.target: tuple[int, int] | None = None  # (block, char) the window last asked for
        self.key: SynthKey | None = None
        self.request: int | None = None

    def plan(
        self,
        reading: Reading,
        cut: Callable[[Position], int | None],
        key_of: Callable[[Position, int, int | None], SynthKey],
        cache: PieceCache,
        rate: float,
    ) -> None:
        """Start making the first piece at :attr:`target`, if there is one to make.

        ``cut`` is the Player's clause cut (None: a fast voice, or its speed not
        measured yet: the warm-up's end calls again), ``key_of`` its cache key.
        """
        if self.target is None:
            return
        block, char = self.target
        item = reading.holding(block, char) or reading.first(block)
        end = None if item is None else cut(item)
        if item is None or end is None:
            return
        key = key_of(item, 0, end)
        if key not in cache and key != self.key:
            self.start(key, reading.text(item)[:end], rate)

    def start(self, key: SynthKey, text: str, rate: float) -> None:
        self.key = key
        self.request = self._synth.prefetch(text, key[3], rate)

    def forget(self) -> None:
        """Not needed any more (another start, another article): drop it if not started."""
        self._synth.drop_prefetch()
        self.key = self.request = None

    def in_flight_for(self, key: SynthKey) -> int | None:
        """The request making ``key`` now or soon (its result will come), else None."""
        request = self.request
        if key == self.key and request is not None and self._synth.in_flight(request):
            return request
        return None

    def done(self, request: int) -> SynthKey | None:
        """The key ``request`` made, if it is this prefetch (then it is over)."""
        if request != self.request or self.key is None:
            return None
        key, self.key, self.request = self.key, None, None
        return key
