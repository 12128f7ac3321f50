"""What the sink has been given, and when each block, sentence and word is heard.

Each sentence given to the AudioOutput is one segment; its events sit at
frame offsets on the output's timeline. The Player compares them with the
frames the sink has consumed (``played``) and announces what is *heard*,
not what was synthesised.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from lismoi.core.reading import Position, Span
from lismoi.core.speech.worker import WordTiming
from lismoi.qt.audio import Segment


class Kind(Enum):
    BLOCK = "block"  # args: (block,)
    SENTENCE = "sentence"  # args: (block, start, end)
    WORD = "word"  # args: (block, start, end)


class Event(NamedTuple):
    frame: int
    kind: Kind
    args: tuple[int, ...]
    item: Position


@dataclass
class _Queued:
    """A sentence whose audio is in the AudioOutput, with its events not heard yet."""

    item: Position
    segment: Segment
    offset: int = 0  # where this piece starts in its sentence (> 0: the rest after a cut)
    events: deque[Event] = field(default_factory=deque)


class Timeline:
    """The queued sentences in timeline order, oldest (being heard) first."""

    def __init__(self) -> None:
        self._queued: deque[_Queued] = deque()
        # The block of the last sentence queued: a "block" event marks a change of block.
        self.last_block = -1

    def __len__(self) -> int:
        return len(self._queued)

    def clear(self) -> None:
        self._queued.clear()
        self.last_block = -1

    @property
    def last_item(self) -> Position | None:
        return self._queued[-1].item if self._queued else None

    def add(
        self,
        item: Position,
        segment: Segment,
        span: Span,
        words: Sequence[WordTiming],
        ms_to_frames,
        *,
        offset: int = 0,
    ) -> None:
        """Queue the events of sentence ``item`` (text ``span``), given as ``segment``.

        ``offset`` > 0: ``segment`` is the rest of a sentence cut at a clause
        (:mod:`lismoi.core.reading.clauses`), from that character on. The
        sentence was announced with its first piece, whole: the rest adds only
        its words (at their place in the sentence).
        """
        block, start, end = item.block, span[0], span[1]
        queued = _Queued(item, segment, offset)
        if offset == 0:
            if block != self.last_block:
                queued.events.append(Event(segment.start, Kind.BLOCK, (block,), item))
                self.last_block = block
            queued.events.append(Event(segment.start, Kind.SENTENCE, (block, start, end), item))
        for word in words:
            frame = segment.start + min(ms_to_frames(word.audio_ms), segment.frames)
            args = (block, start + offset + word.start, start + offset + word.end)
            queued.events.append(Event(frame, Kind.WORD, args, item))
        self._queued.append(queued)

    def due(self, played: int) -> list[Event]:
        """The events heard by frame ``played``, in order, taken off the timeline.

        A sentence heard to its end is dropped once the next one has begun;
        the last one stays, so :meth:`all_heard` can tell the end.
        """
        events: list[Event] = []
        while self._queued:
            head = self._queued[0]
            while head.events and head.events[0].frame <= played:
                events.append(head.events.popleft())
            if head.segment.end <= played and not head.events and len(self._queued) > 1:
                self._queued.popleft()
                continue
            break
        return events

    def all_heard(self, played: int) -> bool:
        """Everything queued has been heard (and the last sentence has ended)."""
        if not self._queued:
            return False
        last = self._queued[-1]
        return last.segment.end <= played and not last.events

    def drop_heard_last(self) -> None:
        """Forget the one sentence left once it was heard to its end."""
        if len(self._queued) == 1:
            self._queued.popleft()

    def take_back(self, cut: int) -> tuple[Position, int] | None:
        """Forget the pieces from frame ``cut`` on; the first forgotten: (sentence, offset)."""
        first: tuple[Position, int] | None = None
        while self._queued and self._queued[-1].segment.start >= cut:
            queued = self._queued.pop()
            first = (queued.item, queued.offset)
        return first
