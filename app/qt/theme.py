"""Themes (default and high contrast) and the reader's typography.

Widget colours live in ``resources/styles/<theme>.qss``; the colours of the
in-text highlight (the sentence and the word being read) are here, because the
article view draws them as HTML spans, not as widgets. Fusion is the style
on every platform so that a theme looks the same everywhere.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication

from lismoi.core.paths import STYLES_DIR
from lismoi.core.settings import THEMES

# Families tried in order; the last ones ship with most Linux systems.
SERIF = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "Liberation Serif",
         "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Noto Sans", "Cantarell", "Liberation Sans", "DejaVu Sans",
        "sans-serif"]
MONO = ["JetBrains Mono", "Consolas", "Noto Sans Mono", "DejaVu Sans Mono", "monospace"]

BASE_TEXT_PT = 13.0  # article body at 100 % zoom


@dataclass(frozen=True)
class Highlight:
    """Colours drawn outside the style sheet: the in-text highlight (CSS colours for
    QLabel rich text) and the media icons (on plain buttons, and on accent buttons)."""

    sentence_bg: str
    sentence_fg: str
    word_bg: str
    word_fg: str
    icon: str = "#2b2823"
    icon_on_accent: str = "#ffffff"


HIGHLIGHTS: dict[str, Highlight] = {
    "default": Highlight("#ffe38f", "#141311", "#174ea6", "#ffffff", "#2b2823", "#ffffff"),
    "high-contrast": Highlight("#ffff00", "#000000", "#00ffff", "#000000", "#ffffff", "#000000"),
}

ICON_NAMES = ("play", "pause", "stop", "next_block", "previous_block", "next_sentence",
              "previous_sentence")


def _draw_icon(p: QPainter, name: str, s: float) -> None:
    """Simple, bold media glyphs on an s x s square (the standard icons vanish on black)."""

    def tri(x0: float, x1: float, y0: float = 0.2 * s, y1: float = 0.8 * s) -> QPolygonF:
        return QPolygonF([QPointF(x0, y0), QPointF(x1, (y0 + y1) / 2), QPointF(x0, y1)])

    def bar(x: float, w: float = 0.1 * s) -> QRectF:
        return QRectF(x, 0.22 * s, w, 0.56 * s)

    flip = name.startswith("previous")
    if flip:  # previous_* are next_* mirrored
        p.translate(s, 0)
        p.scale(-1, 1)
    if name == "play":
        p.drawPolygon(tri(0.28 * s, 0.82 * s))
    elif name == "pause":
        p.drawRoundedRect(QRectF(0.26 * s, 0.2 * s, 0.17 * s, 0.6 * s), 1.5, 1.5)
        p.drawRoundedRect(QRectF(0.57 * s, 0.2 * s, 0.17 * s, 0.6 * s), 1.5, 1.5)
    elif name == "stop":
        p.drawRoundedRect(QRectF(0.25 * s, 0.25 * s, 0.5 * s, 0.5 * s), 2, 2)
    elif name.endswith("_block"):
        p.drawPolygon(tri(0.22 * s, 0.66 * s))
        p.drawRect(bar(0.68 * s))
    elif name.endswith("_sentence"):
        p.drawPolygon(tri(0.14 * s, 0.5 * s, 0.26 * s, 0.74 * s))
        p.drawPolygon(tri(0.5 * s, 0.86 * s, 0.26 * s, 0.74 * s))


@functools.lru_cache(maxsize=64)
def media_icon(name: str, color: str) -> QIcon:
    """A media icon (``ICON_NAMES``) in ``color``, sharp at 1x and 2x."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        _draw_icon(p, name, float(size))
        p.end()
        icon.addPixmap(pix)
    return icon


def stylesheet(name: str) -> str:
    path = STYLES_DIR / f"{name}.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing style file must not stop the reader
    # url() in a style sheet is relative to the working directory: make it absolute.
    return text.replace("@STYLES@", STYLES_DIR.as_posix())


def _high_contrast_palette() -> QPalette:
    pal = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                 QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Button,
                 QPalette.ColorRole.ToolTipBase):
        pal.setColor(role, black)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.ToolTipText,
                 QPalette.ColorRole.BrightText):
        pal.setColor(role, white)
    pal.setColor(QPalette.ColorRole.Highlight, yellow)
    pal.setColor(QPalette.ColorRole.HighlightedText, black)
    pal.setColor(QPalette.ColorRole.Link, QColor("#00ffff"))
    return pal


def apply_theme(app: QApplication, name: str) -> Highlight:
    """Style the whole application with theme ``name``; return its highlight colours."""
    if name not in THEMES:
        name = "default"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    hc = name == "high-contrast"
    app.setPalette(_high_contrast_palette() if hc else app.style().standardPalette())
    app.setStyleSheet(stylesheet(name))
    return HIGHLIGHTS[name]


def font(families: list[str], point_size: float, *, weight: QFont.Weight | None = None) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(point_size)
    if weight is not None:
        f.setWeight(weight)
    f.setStyleHint(QFont.StyleHint.Serif if families is SERIF else QFont.StyleHint.SansSerif)
    return f
