"""The text lines of one PDF page, with where they sit and how they are set.

PDFium (through pypdfium2) already puts a page's characters in order with a
line break between lines: we take its text once, cut it into lines, and ask
only for the boxes of each line's first and last characters and the font of
its first one; pieces that sit on one baseline and touch are merged into one
line. A handful of calls per line rather than per character (a 300-page book
in about a second: ``bench/books.py``).
Coordinates are PDF points from the page's bottom-left corner.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

# Rectangles closer than this many ems on one baseline are one line; a column
# gutter is wider (a two-column page's is 1.5 to 3 ems).
_JOIN_GAP_EM = 1.2
SOFT_HYPHEN = "\x02"  # PDFium's mark for a hyphen it judged to end a line


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size in points, of the line's first character
    bold: bool
    page: int

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PageLines:
    index: int
    width: float
    height: float
    lines: list[Line]
    chars: int  # characters PDFium found (0: no text layer)
    margin_keys: list[tuple[float, str]] | None = None  # filled by pdf_layout, once


def _font(textpage, index: int) -> tuple[float, bool]:
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    bold = weight >= 600
    if weight <= 0:  # no weight declared: the font's name may say it
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int(0)
        n = pdfium_c.FPDFText_GetFontInfo(textpage, index, buf, 128, ctypes.byref(flags))
        if 0 < n <= 128:
            name = buf.value.decode("latin-1", "replace").lower()
            bold = "bold" in name or "black" in name or "heavy" in name
    return float(size), bold


def page_lines(pdf, index: int) -> PageLines:
    """The lines of page ``index`` of an open ``pypdfium2.PdfDocument``."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
            pieces = _pieces(textpage, index, chars) if chars > 0 else []
        finally:
            textpage.close()
    finally:
        page.close()
    return PageLines(index, width, height, _merge(pieces), chars)


class _Boxes:
    """Character boxes, one call each (the only per-character cost we pay)."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))

    def __call__(self, i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(self.raw, i, self.l, self.r, self.b, self.t)
        return self.l.value, self.r.value, self.b.value, self.t.value


def _pieces(textpage, page: int, n: int) -> list[Line]:
    """The page's text cut into pieces of one line each.

    PDFium's text has a generated line break between lines, except after a
    hyphen it judged to end a line (U+FFFE in the text, code 2 underneath):
    there it joins the lines, and we cut them again. A space PDFium generated
    across a wide gap (two columns on one baseline) cuts too.
    """
    raw = textpage.raw
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the BMP: two UTF-16 units for one index
        text = "".join(
            chr(c) if (c := pdfium_c.FPDFText_GetUnicode(raw, i)) < 0x110000 else " "
            for i in range(n)
        )
    box = _Boxes(raw)
    out: list[Line] = []
    start = 0
    i = 0
    while i <= n:
        ch = text[i] if i < n else "\n"
        cut_after = ch == "\ufffe"
        if ch in "\r\n" or cut_after:
            end = i + 1 if cut_after else i
            if end > start:
                _piece(raw, box, text, start, end, page, out)
            start = i + 1
        elif ch == " " and pdfium_c.FPDFText_IsGenerated(raw, i) == 1 and 0 < i < n - 1:
            before, after = box(i - 1), box(i + 1)
            em = max(before[3] - before[2], 1.0)
            if after[0] - before[1] > 1.5 * em or after[3] < before[2] or after[2] > before[3]:
                _piece(raw, box, text, start, i, page, out)
                start = i + 1
        i += 1
    return out


def _piece(raw, box: _Boxes, text: str, start: int, end: int, page: int, out: list[Line]) -> None:
    a, b = start, end - 1
    while a <= b and text[a].isspace():
        a += 1
    while b >= a and text[b].isspace():
        b -= 1
    if a > b:
        return
    first, last = box(a), box(b)
    size, bold = _font(raw, a)
    piece = text[a : b + 1].replace("\ufffe", SOFT_HYPHEN)
    # The baseline, not the glyph boxes ("a" is lower than "A"), places the line.
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, a, x, y)
    em = size if size > 0 else max(first[3] - first[2], 1.0)
    top, bottom = y.value + 0.8 * em, y.value - 0.2 * em
    out.append(Line(piece, first[0], max(first[1], last[1]), top, bottom, em, bold, page))


def _merge(rects: list[Line]) -> list[Line]:
    """Rectangles on one baseline that touch become one line (a bold word
    inside a sentence is a rectangle of its own)."""
    rects.sort(key=lambda r: (-round((r.top + r.bottom) / 2), r.x0))
    lines: list[Line] = []
    for r in rects:
        last = lines[-1] if lines else None
        if last is not None:
            overlap = min(last.top, r.top) - max(last.bottom, r.bottom)
            gap = r.x0 - last.x1
            em = max(last.size, r.size, 1.0)
            similar = min(last.size, r.size) > 0.75 * em
            if (
                similar
                and overlap > 0.5 * min(last.height, r.height)
                and -em < gap < _JOIN_GAP_EM * em
            ):
                sep = "" if last.text.endswith(" ") or r.text.startswith(" ") else " "
                if gap < 0.15 * em:
                    sep = ""  # a font change inside a word
                last.text = last.text + sep + r.text
                last.x1 = max(last.x1, r.x1)
                last.top, last.bottom = max(last.top, r.top), min(last.bottom, r.bottom)
                last.bold = last.bold and r.bold
                continue
        lines.append(r)
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]
