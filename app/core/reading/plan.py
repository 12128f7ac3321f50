"""An article as it is read: each block's language, voice and sentences, in order.

A *position* is ``(block, sentence)``. Blocks with nothing to say (empty or
blank) have no sentence and are stepped over; a block whose text finds no
sentence end is one sentence. Sentences are split by the BLOCK's language
(an English quote in a French article ends its sentences the English way).
"""

from __future__ import annotations

from typing import NamedTuple

from lismoi.core.article import Article
from lismoi.core.reading.choices import VoiceChoices, VoiceKey
from lismoi.core.reading.languages import block_lang, main_lang
from lismoi.core.speech.sentences import split_sentences
from lismoi.core.voices import ResolvedVoice

Span = tuple[int, int]  # [start, end) in a block's text


class Position(NamedTuple):
    """A sentence of the article: block index, sentence index in that block."""

    block: int
    sentence: int


def sentence_spans(text: str, lang: str) -> list[Span]:
    """The spans of the sentences of ``text`` read in ``lang``; [] if it says nothing."""
    if not text.strip():
        return []
    spans = [(s, e) for s, e in split_sentences(text, lang) if text[s:e].strip()]
    return spans or [(0, len(text))]


class Reading:
    """The reading policy applied to one article (or to none: nothing to read)."""

    def __init__(self, article: Article | None = None, choices: VoiceChoices | None = None):
        self.article = article
        self.choices = choices if choices is not None else VoiceChoices()
        self._spans: dict[int, list[Span]] = {}

    @property
    def block_count(self) -> int:
        return len(self.article.blocks) if self.article is not None else 0

    # ------------------------------------------------------------ languages and voices

    @property
    def main_lang(self) -> str:
        """The article's locale (the title's, and the fallback of every block)."""
        return main_lang(self.article)

    def lang(self, block: int) -> str:
        return block_lang(self.article, block)

    def voice_key(self, block: int) -> VoiceKey:
        return self.choices.key(self.lang(block), self.main_lang)

    def voice_keys(self) -> tuple[VoiceKey, ...]:
        """The distinct voice keys of the article, in reading order (to resolve ahead)."""
        return tuple(dict.fromkeys(self.voice_key(b) for b in range(self.block_count)))

    def voice(self, block: int) -> ResolvedVoice:
        """The installed voice that reads ``block`` (may ask the engine the first time)."""
        return self.choices.voice(self.voice_key(block))

    def title_voice(self) -> ResolvedVoice:
        return self.choices.voice(self.choices.key(self.main_lang, self.main_lang))

    # ------------------------------------------------------------ sentences

    def spans(self, block: int) -> list[Span]:
        """The sentences of ``block`` (cached; [] for an empty block or no such block)."""
        spans = self._spans.get(block)
        if spans is None:
            if not 0 <= block < self.block_count:
                return []  # not kept: a book still loading may bring this block soon
            spans = self._spans[block] = sentence_spans(
                self.article.blocks[block].text, self.lang(block))  # type: ignore[union-attr]
        return spans

    def span(self, pos: Position | tuple[int, int]) -> Span | None:
        block, index = pos
        spans = self.spans(block)
        return spans[index] if 0 <= index < len(spans) else None

    def text(self, pos: Position | tuple[int, int]) -> str:
        """The text of the sentence at ``pos`` ("" if there is none)."""
        span = self.span(pos)
        if span is None or self.article is None:
            return ""
        return self.article.blocks[pos[0]].text[span[0] : span[1]]

    def sentence_at(self, block: int, char: int) -> int:
        """The index of the sentence of ``block`` that holds text offset ``char``."""
        starts = [i for i, (s, _e) in enumerate(self.spans(block)) if s <= char]
        return starts[-1] if starts else 0

    def holding(self, block: int, char: int) -> Position | None:
        """The sentence of ``block`` holding offset ``char`` (None: ``char`` <= 0 or no text).

        Where reading from a caret or a saved place begins; at the top of a
        block (``char`` 0) the caller takes :meth:`first` instead.
        """
        if char > 0 and 0 <= block < self.block_count and self.spans(block):
            return Position(block, self.sentence_at(block, char))
        return None

    # ------------------------------------------------------------ order

    def first(self, block: int, last: int | None = None) -> Position | None:
        """The first sentence in blocks ``block``..``last`` (default: to the end)."""
        last = self.block_count - 1 if last is None else last
        for b in range(max(block, 0), last + 1):
            if self.spans(b):
                return Position(b, 0)
        return None

    def next(self, pos: Position | tuple[int, int], last: int | None = None) -> Position | None:
        """The sentence after ``pos``, not beyond block ``last``."""
        block, index = pos
        if index + 1 < len(self.spans(block)):
            return Position(block, index + 1)
        return self.first(block + 1, last)

    def previous(self, pos: Position | tuple[int, int]) -> Position | None:
        """The sentence before ``pos`` (the last one of an earlier block at a block's start)."""
        block, index = pos
        if index > 0:
            return Position(block, index - 1)
        for b in range(block - 1, -1, -1):
            spans = self.spans(b)
            if spans:
                return Position(b, len(spans) - 1)
        return None

    def previous_block(self, block: int) -> Position | None:
        """The first sentence of the nearest block before ``block`` that has one."""
        for b in range(block - 1, -1, -1):
            if self.spans(b):
                return Position(b, 0)
        return None

    def positions(self, block: int = 0, last: int | None = None):
        """Every sentence from ``block`` to ``last``, in reading order."""
        pos = self.first(block, last)
        while pos is not None:
            yield pos
            pos = self.next(pos, last)
