"""Book text of our own and its layout on pages, for generated PDFs.

:func:`layout` sets chapters in Courier (a fixed 0.6 em advance, so a line's
width is known without font metrics) in one or two columns, with a running
header, a page number at the foot, headings in Helvetica-Bold, and long words
hyphenated at the end of a line (so a split word crosses lines, columns and
pages). It returns the pages and the outline; :mod:`.pdfmake` writes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.core.books.pdfmake import PAGE_H, PAGE_W, PdfSpec, Run

_PROSE = (
    "the river ran quietly under the old bridge while evening light settled over "
    "houses gardens and distant extraordinary mountains nobody remembered exactly "
    "when the travellers arrived but everyone agreed their stories were wonderful "
    "unforgettable and sometimes incomprehensible conversations continued late into "
    "night about responsibilities neighbourhoods possibilities and characteristically "
    "unpredictable weather"
)
WORDS = _PROSE.split()


@dataclass
class Chapter:
    title: str
    paragraphs: list[str]


def make_chapters(n: int, paragraphs: int = 6, words: int = 90, seed: int = 1) -> list[Chapter]:
    """``n`` chapters of made-up prose; each paragraph ends with a full stop."""
    rng = random.Random(seed)
    out = []
    for c in range(n):
        paras = []
        for _ in range(paragraphs):
            ws = [rng.choice(WORDS) for _ in range(words)]
            ws[0] = ws[0].capitalize()
            paras.append(" ".join(ws) + ".")
        out.append(Chapter(f"Chapter {c + 1}: The {WORDS[c % len(WORDS)]}", paras))
    return out


def _wrap(text: str, width: int, indent: int) -> list[str]:
    """Lines of at most ``width`` characters (the first ``indent`` fewer: it is
    set further right); a long word at a line's end is hyphenated when at
    least three letters fit on each side."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        limit = width - (indent if not lines else 0)
        room = limit - len(line) - (1 if line else 0)
        if len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        if room >= 4 and len(word) - (room - 1) >= 3:
            head = word[: room - 1]
            line = f"{line} {head}-" if line else f"{head}-"
            word = word[room - 1 :]
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def layout(
    chapters: list[Chapter],
    *,
    columns: int = 1,
    header: str = "A Generated Book",
    size: float = 10,
    indent: int = 3,
    footer: str = "{n}",
    footer_font: tuple[str, float] = ("F3", 8),
) -> PdfSpec:
    """Pages of ``chapters``: each chapter starts a page with a heading.
    ``footer``: the foot of each page, "{n}" its number, "{total}" the count."""
    margin, top, bottom = 56.0, PAGE_H - 70.0, 70.0
    gutter = 24.0
    col_w = (PAGE_W - 2 * margin - gutter * (columns - 1)) / columns
    chars = int(col_w // (0.6 * size))
    leading = size * 1.3
    spec = PdfSpec(title=header)
    page: list[Run] = []
    col = 0
    y = top
    col_top = top  # below a chapter's heading, which spans the columns

    def new_page() -> None:
        nonlocal page, col, y, col_top
        page = []
        spec.pages.append(page)
        n = len(spec.pages)
        page.append(Run(margin, PAGE_H - 40, f"{header} - {current}", 8, "F3"))
        foot = Run(
            PAGE_W / 2 - 6, 36, footer.replace("{n}", str(n)), footer_font[1], footer_font[0]
        )
        page.append(foot)
        feet.append(foot)
        col, y, col_top = 0, top, top

    def advance() -> None:
        nonlocal col, y
        y -= leading
        if y < bottom:
            if col + 1 < columns:
                col += 1
                y = col_top
            else:
                new_page()

    current = ""
    feet: list[Run] = []
    for chapter in chapters:
        current = chapter.title
        new_page()
        spec.outline.append((chapter.title, len(spec.pages) - 1, 1))
        page.append(Run(margin, y, chapter.title, 16, "F4"))
        y -= 16 * 2
        col_top = y
        for para in chapter.paragraphs:
            for k, line in enumerate(_wrap(para, chars, indent)):
                x = margin + col * (col_w + gutter) + (indent * 0.6 * size if k == 0 else 0)
                page.append(Run(x, y, line, size, "F1"))
                advance()
            y -= leading * 0.5
            if y < bottom:
                advance()
    for foot in feet:
        foot.text = foot.text.replace("{total}", str(len(spec.pages)))
        if len(foot.text) > 4:  # a long foot starts at the margin, as a word processor sets it
            foot.x = margin
    return spec
