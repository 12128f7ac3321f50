"""PDFs drawn with Qt's QPdfWriter, as a word processor would make them.

Fonts are embedded (DejaVu, subset, with their ToUnicode maps), text is
justified-less ragged right in one or two columns, with a running header
naming the chapter, a page number at the foot and long words hyphenated at
the end of a line: the cases the PDF reader must undo. QPdfWriter writes no
outline (it has no API for bookmarks): :mod:`.pdfmake` covers outlines.
Needs a QGuiApplication (the ``qapp`` fixture).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from tests.core.books.booktext import Chapter

W, H = 595.0, 842.0  # A4 in points: the writer works at 72 dots an inch


def _writer(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                    QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    )  # fmt: skip
    writer.setTitle("A Book Drawn by Qt")
    return writer


def _wrap(text: str, fm: QFontMetricsF, width: float, indent: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        limit = width - (indent if not lines else 0)
        trial = f"{line} {word}" if line else word
        if fm.horizontalAdvance(trial) <= limit:
            line = trial
            continue
        # Hyphenate: the longest head (3+ letters, 3+ left) that fits with its "-".
        for cut in range(len(word) - 3, 2, -1):
            head = f"{line} {word[:cut]}-" if line else f"{word[:cut]}-"
            if fm.horizontalAdvance(head) <= limit:
                lines.append(head)
                word = word[cut:]
                break
        else:
            if line:
                lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def draw_pdf(path: Path, chapters: list[Chapter], *, columns: int = 2,
             header: str = "A Book Drawn by Qt") -> None:  # fmt: skip
    writer = _writer(path)
    painter = QPainter(writer)
    body = QFont("DejaVu Serif")
    body.setPointSizeF(10)
    small = QFont("DejaVu Sans")
    small.setPointSizeF(8)
    title = QFont("DejaVu Sans")
    title.setPointSizeF(18)
    title.setBold(True)
    fm = QFontMetricsF(body, writer)  # the writer's metrics, not the screen's
    margin, top, bottom, gutter = 56.0, 80.0, H - 70.0, 22.0
    col_w = (W - 2 * margin - gutter * (columns - 1)) / columns
    leading = 13.0
    state = {"page": 0, "col": 0, "y": top, "chapter": ""}

    def furniture() -> None:
        state["page"] += 1
        painter.setFont(small)
        painter.drawText(QRectF(margin, 30, W - 2 * margin, 12), Qt.AlignmentFlag.AlignLeft,
                         f"{header} — {state['chapter']}")  # fmt: skip
        painter.drawText(QRectF(0, H - 40, W, 12), Qt.AlignmentFlag.AlignHCenter,
                         str(state["page"]))  # fmt: skip
        painter.setFont(body)

    def next_line() -> None:
        state["y"] += leading
        if state["y"] > bottom:
            if state["col"] + 1 < columns:
                state["col"] += 1
            else:
                writer.newPage()
                furniture()
                state["col"] = 0
            state["y"] = top

    first = True
    for chapter in chapters:
        state["chapter"] = chapter.title
        if not first:
            writer.newPage()
        first = False
        furniture()
        state["col"], state["y"] = 0, top
        painter.setFont(title)
        painter.drawText(QRectF(margin, top - 18, W - 2 * margin, 26),
                         Qt.AlignmentFlag.AlignLeft, chapter.title)  # fmt: skip
        painter.setFont(body)
        state["y"] = top + 30
        for para in chapter.paragraphs:
            for k, line in enumerate(_wrap(para, fm, col_w, 18.0)):
                x = margin + state["col"] * (col_w + gutter) + (18.0 if k == 0 else 0.0)
                painter.drawText(QRectF(x, state["y"], col_w + 40, leading),
                                 Qt.AlignmentFlag.AlignLeft, line)  # fmt: skip
                next_line()
    painter.end()


def draw_scan(path: Path, pages: int = 2) -> None:
    """Pages that are pictures of text (a scan): no text layer at all."""
    writer = _writer(path)
    painter = QPainter(writer)
    for n in range(pages):
        if n:
            writer.newPage()
        image = QImage(400, 200, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        inner = QPainter(image)
        inner.drawText(20, 100, "A scanned page of text")
        inner.end()
        painter.drawImage(QRectF(50, 50, 400, 200), image)
    painter.end()
