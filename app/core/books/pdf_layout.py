"""From a PDF page's lines to reading order, without running heads.

- Running headers and footers: a line in the top or bottom margin whose text
  (digits aside; or its first half, for a head that names the chapter) comes
  back at the same height on a nearby page, and any
  margin line that is only a page number ("12", "- 12 -", "Page 3 of 40",
  "xii"), is left out. Only nearby pages are compared, so a book whose header
  names the current chapter is handled, and a page is judged with a few
  pages of look-ahead (the reader streams).
- Columns: a vertical gutter that (almost) no line crosses, with lines on both
  sides, splits the page; lines that cross it (a title over both columns)
  cut the page into bands, each read left column first.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .pdf_lines import Line, PageLines

MARGIN = 0.12  # share of the page height at the top and at the bottom
_MAX_MARGIN = 40  # lines in a page's top and bottom margins, at most, to compare
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|seite|pág\.?|pagina)\s*)?(?:\d{1,5}|[ivxlcdm]{1,8})"
    r"(?:\s*(?:/|of|sur|de|von|di)\s*\d{1,5})?[\W_]*$",
    re.I,
)


def _key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.casefold())


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom > height * (1 - MARGIN) or line.top < height * MARGIN


def body_lines(pages: dict[int, PageLines], index: int, around: int) -> list[Line]:
    """Page ``index``'s lines less its running headers, footers and page numbers;
    ``pages`` holds the pages around it (``around`` on each side, where they exist)."""
    page = pages[index]
    sizes: Counter[int] = Counter()
    for line in page.lines:
        sizes[round(line.size)] += len(line.text)
    text_size = sizes.most_common(1)[0][0] if sizes else 0
    out = []
    for line in page.lines:
        if _in_margin(line, page.height) and (
            _PAGE_NUMBER.match(line.text)
            or _repeats(line, pages, index, around, loose=round(line.size) < text_size)
        ):
            continue
        out.append(line)
    return out


def _repeats(line: Line, pages: dict[int, PageLines], index: int, around: int, loose: bool) -> bool:
    """Is there a line like it at the same height on a nearby page? ``loose``
    (for a line set smaller than the page's text, as running heads are, never
    a heading nor a line of the text itself): alike enough is enough."""
    key = _key(line)
    for other in range(index - around, index + around + 1):
        if other == index or other not in pages:
            continue
        for top, cand in _margin_keys(pages[other]):
            if abs(top - line.top) < 4 and (cand == key or (loose and _alike(cand, key))):
                return True
    return False


def _margin_keys(page: PageLines) -> list[tuple[float, str]]:
    """The page's margin lines as (top, key), computed once per page; a page
    with more lines in its margins than a header and a footer could hold has
    none worth comparing (this bounds the work on a hostile page)."""
    if page.margin_keys is None:
        lines = [ln for ln in page.lines if _in_margin(ln, page.height)]
        page.margin_keys = [(ln.top, _key(ln)) for ln in lines] if len(lines) <= _MAX_MARGIN else []
    return page.margin_keys


def _alike(a: str, b: str) -> bool:
    """The same running head, or the same one naming another chapter
    ("Book - Chapter 1" / "Book - Chapter 2"): a long common beginning."""
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 12:
        return False
    common = len(os.path.commonprefix((a, b)))
    return common >= max(12, 0.6 * n)


def reading_order(lines: Sequence[Line], width: float) -> list[tuple[Line, float, float]]:
    """The lines in reading order, each with its column's left and right edges."""
    lines = sorted(lines, key=lambda ln: (-round(ln.bottom, 0), ln.x0))
    if not lines:
        return []
    gutter = _gutter(lines, width)
    if gutter is None:
        left, right = _edges(lines)
        return [(ln, left, right) for ln in lines]
    out: list[tuple[Line, float, float]] = []
    band_l: list[Line] = []
    band_r: list[Line] = []
    lefts = [ln for ln in lines if ln.x1 <= gutter]
    rights = [ln for ln in lines if ln.x0 >= gutter]
    edges_l, edges_r = _edges(lefts), _edges(rights)

    def flush() -> None:
        out.extend((ln, *edges_l) for ln in band_l)
        out.extend((ln, *edges_r) for ln in band_r)
        band_l.clear()
        band_r.clear()

    for ln in lines:
        if ln.x1 <= gutter:
            band_l.append(ln)
        elif ln.x0 >= gutter:
            band_r.append(ln)
        else:  # across both columns: the band above it is done
            flush()
            out.append((ln, ln.x0, ln.x1))
    flush()
    return out


def _edges(lines: Sequence[Line]) -> tuple[float, float]:
    """A column's left and right edges, from its body text: a heading or a
    caption set in another size does not move them."""
    if not lines:
        return 0.0, 0.0
    sizes = Counter(round(ln.size) for ln in lines)
    size = sizes.most_common(1)[0][0]
    body = [ln for ln in lines if round(ln.size) == size] or list(lines)
    right = sorted(ln.x1 for ln in body)
    # The 90th percentile: a line that overflows into the margin is not the edge.
    return min(ln.x0 for ln in body), right[int(0.9 * (len(right) - 1))]


def _gutter(lines: Sequence[Line], width: float) -> float | None:
    """The x of a two-column page's gutter, or None for a single column."""
    if len(lines) < 6 or width <= 0:
        return None
    step = 2.0
    lo, hi = 0.3 * width, 0.7 * width
    xs = np.arange(lo, hi, step)
    crossing = np.zeros(len(xs), dtype=np.int32)
    x0 = np.fromiter((ln.x0 for ln in lines), float, len(lines))
    x1 = np.fromiter((ln.x1 for ln in lines), float, len(lines))
    for a, b in zip(x0, x1, strict=True):
        i, j = np.searchsorted(xs, a + 1), np.searchsorted(xs, b - 1)
        if j > i:
            crossing[i:j] += 1
    allowed = max(1, int(0.15 * len(lines)))
    ok = np.nonzero(crossing <= allowed)[0]
    if not len(ok):
        return None
    # Among the clear places, the least crossed; then the nearest the middle.
    best = min(ok, key=lambda k: (crossing[k], abs(xs[k] - width / 2)))
    x = float(xs[best])
    left = int(np.count_nonzero(x1 <= x))
    right = int(np.count_nonzero(x0 >= x))
    if left < 2 or right < 1 or crossing[best] >= min(left, right):
        return None
    return x
