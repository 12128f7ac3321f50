"""Lines in reading order into paragraphs and headings.

A paragraph ends where the next line starts further down than the usual
leading, is indented, or follows a line that stopped short although the next
line's first word would have fitted (the last line of a paragraph, ragged or
justified text alike); it goes on across a column or a page when none of these says
otherwise. A word hyphenated at the end of a line (PDFium marks the hyphen
it judged so, and a plain "-" before a lower-case letter counts too) is
joined again without its hyphen. A heading is a line set larger than the
body text (or in bold at the body's size, short, alone): its level comes
from how much larger.
"""

from __future__ import annotations

import re
from collections import Counter

from lismoi.core.article import Block

from .pdf_lines import SOFT_HYPHEN, Line

_SENTENCE_END = re.compile(r"[.!?:;…\"”»)]$")
_BULLET = re.compile(r"^[•◦▪‣∙·●○■–-]\s+")
_LONGEST = 6000  # characters in one paragraph block before it is cut at a sentence
_MAX_HEADING = 200  # characters: more is text set large (an abstract), not a heading


def body_size(lines: list[Line]) -> float:
    """The body text's font size: the size most text is set in."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def mostly_bold(lines: list[Line]) -> bool:
    """Is most of the text set in bold (then bold marks no heading)?"""
    bold = sum(len(ln.text) for ln in lines if ln.bold)
    return bold > 0.5 * max(1, sum(len(ln.text) for ln in lines))


def _leading(ordered: list[tuple[Line, float, float]]) -> float:
    """The usual distance between baselines on this page."""
    steps: Counter[float] = Counter()
    for (a, ax, _), (b, bx, _) in zip(ordered, ordered[1:], strict=False):
        d = a.bottom - b.bottom
        if ax == bx and 0.5 * a.size < d < 3 * a.size:
            steps[round(d, 0)] += 1
    return steps.most_common(1)[0][0] if steps else 0.0


def _first_word_width(line: Line) -> float:
    """About how wide the line's first word and a space are set (their share of the line)."""
    word = line.text.split(" ", 1)[0]
    return (line.x1 - line.x0) * (len(word) + 1) / max(len(line.text), 1)


class Paragraphs:
    """Accumulates lines and emits :class:`Block` s at paragraph ends."""

    def __init__(self, size: float, bold_body: bool = False) -> None:
        self.size = size  # the body text's font size
        self.bold_body = bold_body  # a document set in bold: bold says nothing
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.style: tuple[str, int] | None = None  # (kind, level) of what buf holds
        self.prev: tuple[Line, float, float] | None = None
        self.prev_leading = 0.0

    def _style(self, line: Line) -> tuple[str, int]:
        ratio = line.size / self.size if self.size else 1.0
        if ratio >= 1.15:
            return ("heading", 1 if ratio >= 1.6 else 2 if ratio >= 1.3 else 3)
        if (
            line.bold
            and not self.bold_body
            and len(line.text) < 100
            and not _SENTENCE_END.search(line.text)
        ):
            return ("heading", 4)
        return ("paragraph", 0)

    def feed_page(self, ordered: list[tuple[Line, float, float]]) -> None:
        leading = _leading(ordered) or self.prev_leading or 1.2 * self.size
        for item in ordered:
            self._feed(item, leading)
        self.prev_leading = leading

    def _feed(self, item: tuple[Line, float, float], leading: float) -> None:
        line = item[0]
        style = self._style(line)
        text = line.text
        bullet = _BULLET.match(text) if style[0] == "paragraph" else None
        if bullet:
            self.flush()
            style = ("list_item", 0)
            text = text[bullet.end() :]
        elif (
            self.style == ("list_item", 0)
            and style[0] == "paragraph"
            and not self._breaks(item, leading, hanging=True)
        ):
            style = self.style  # a list item's next line (set under its text)
        elif self.style is None or style != self.style or self._breaks(item, leading):
            self.flush()
        self.style = style
        self._append(text)
        self.prev = item

    def _breaks(
        self, item: tuple[Line, float, float], leading: float, hanging: bool = False
    ) -> bool:
        """Does ``item`` start a new paragraph after the previous line?"""
        if self.prev is None:
            return True
        line, left, _right = item
        prev, p_left, p_right = self.prev
        em = max(line.size, 1.0)
        same_column = prev.page == line.page and p_left == left
        d = prev.bottom - line.bottom
        if self.style is not None and self.style[0] == "heading":
            # A heading over two lines: one heading unless far apart.
            return not (same_column and 0 < d < 1.8 * em)
        if prev.text.endswith((SOFT_HYPHEN, "-")) and prev.text[-2:-1].isalpha():
            return False  # the word goes on on this line
        if not hanging and line.x0 > left + 0.8 * em:
            return True  # an indented first line
        if p_right - prev.x1 > _first_word_width(line) + 0.5 * em:
            return True  # the last line of a paragraph: the next word would have fit
        if not same_column:
            # A new column or page: a sentence that ended there and a capital
            # after it is taken as a new paragraph (splitting one in two costs
            # a pause; running two together hides where a new one starts).
            return bool(_SENTENCE_END.search(prev.text)) and line.text[:1].isupper()
        if self._length > _LONGEST and _SENTENCE_END.search(prev.text):
            return True  # a "paragraph" of pages: cut at a sentence, keep blocks playable
        return bool(d > 0 and leading and d > 1.4 * leading)

    @property
    def _length(self) -> int:
        return sum(len(part) for part in self.buf)

    def _append(self, text: str) -> None:
        if not self.buf:
            self.buf.append(text)
            return
        last = self.buf[-1]
        first = text[:1]
        if last.endswith(SOFT_HYPHEN) or (
            last.endswith("-") and len(last) > 1 and last[-2].isalpha()
        ):
            if first.islower():
                self.buf[-1] = last[:-1] + text  # "respon-" + "sibility"
            else:
                self.buf[-1] = last[:-1] + "-" + text  # "Jean-" + "Pierre"
            return
        self.buf.append(" " + text)

    def flush(self) -> None:
        if self.buf and self.style is not None:
            text = "".join(self.buf).replace(SOFT_HYPHEN, "-").strip()
            kind, level = self.style
            if kind == "heading" and len(text) > _MAX_HEADING:
                kind, level = "paragraph", 0
            if text:
                self.blocks.append(Block(kind=kind, text=text, level=level))  # type: ignore[arg-type]
        self.buf = []
        self.style = None
