"""The listener's place in a Reading, and the bounds of the session being played.

A *session* is a run of sentences: one block (Play on a paragraph) or from a
block to the article's end (Play all). Moving by sentence stays in the
session; moving by block in a one-block session moves the session to that
block (the listener asked to hear that paragraph now). With no session, the
whole article is in bounds.
"""

from __future__ import annotations

from lismoi.core.reading.plan import Position, Reading


class Cursor:
    """Where the listener is (the last sentence heard, or where a jump put them)."""

    def __init__(self, reading: Reading, position: Position | None = None) -> None:
        self.reading = reading
        self.position = position or Position(0, 0)
        self._only: int | None = None  # the block of a one-block session

    # ------------------------------------------------------------ the session's bounds

    @property
    def one_block(self) -> bool:
        """The session plays one block only (and then stops, without "finished")."""
        return self._only is not None

    @property
    def last_block(self) -> int:
        """The last block the session reads."""
        return self._only if self._only is not None else self.reading.block_count - 1

    def start(self, block: int, *, one_block: bool, at: Position | None = None) -> Position | None:
        """Begin a session at ``at`` or the first sentence from ``block``; go there.

        None when there is nothing to say in the session's blocks (the
        cursor then rests on ``block``).
        """
        self._only = block if one_block else None
        first = at or self.first(block)
        self.position = first or Position(block, 0)
        return first

    def end_session(self) -> None:
        """No session any more: the whole article is in bounds again."""
        self._only = None

    # ------------------------------------------------------------ within the session

    def first(self, block: int) -> Position | None:
        return self.reading.first(block, self.last_block)

    def after(self, pos: Position | tuple[int, int]) -> Position | None:
        """The sentence the session reads after ``pos`` (None at its end)."""
        return self.reading.next(pos, self.last_block)

    def before(self, pos: Position | tuple[int, int]) -> Position | None:
        return self.reading.previous(pos)

    # ------------------------------------------------------------ the listener's moves

    def next_sentence(self) -> Position | None:
        if self._only is not None:
            self._only = self.position.block
        return self.after(self.position)

    def previous_sentence(self) -> Position | None:
        return self.before(self.position)

    def next_block(self) -> Position | None:
        target = self.reading.first(self.position.block + 1)
        if target is not None and self._only is not None:
            self._only = target.block
        return target

    def previous_block(self) -> Position | None:
        target = self.reading.previous_block(self.position.block)
        if target is not None and self._only is not None:
            self._only = target.block
        return target

    def sentence_at(self, block: int, char: int) -> int:
        return self.reading.sentence_at(block, char)
