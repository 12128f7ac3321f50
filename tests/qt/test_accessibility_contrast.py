"""Every text of the window at 7:1 contrast or more (WCAG AAA), measured on the rendering.

The window is opened on the sample article in each theme, with a sentence and
a word highlighted as while reading, and a banner shown; then it is rendered
to an image (``QWidget.grab``), and for each visible widget that shows text
the text's colour and its background are read from the pixels: the
background is the widget's most frequent colour, the text's colour the pixel
farthest from it in luminance (the core of the glyphs; anti-aliased edges lie
between the two). Disabled controls are left out, as WCAG leaves them out.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QMenuBar, QSpinBox, QWidget

from lismoi.core.paths import SAMPLES_DIR
from lismoi.qt.block_view import BlockView

SAMPLE = SAMPLES_DIR / "prison-telephones.html"
AAA = 7.0


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_contrast(image: QImage, rect: QRect) -> tuple[float, str, str]:
    """(ratio, text colour, background) of the text drawn in ``rect`` of ``image``."""
    counts: Counter[tuple[int, int, int]] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            counts[(c.red(), c.green(), c.blue())] += 1
    background = counts.most_common(1)[0][0]
    lb = _luminance(background)
    text = max(counts, key=lambda c: abs(_luminance(c) - lb))
    return contrast(text, background), _hex(text), _hex(background)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _shows_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text() if widget.pixmap().isNull() else ""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QSpinBox | QMenuBar):
        return "text"
    return ""


def measured(window: QWidget) -> list[tuple[str, float, str, str]]:
    image = window.grab().toImage()
    rows = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or not _shows_text(widget):
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        rect = QRect(top_left, widget.size()).intersected(image.rect())
        # What the scroll area clips is not on screen.
        visible = widget.visibleRegion().boundingRect()
        rect = QRect(widget.mapTo(window, visible.topLeft()), visible.size()).intersected(rect)
        if rect.width() < 4 or rect.height() < 4:
            continue
        ratio, fg, bg = text_contrast(image, rect)
        name = widget.objectName() or type(widget).__name__
        rows.append((f"{name} {_shows_text(widget)[:30]!r}", ratio, fg, bg))
    return rows


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_every_text_has_aaa_contrast(theme, window_factory, qtbot, pulse_sink) -> None:
    from lismoi.qt.player import Player

    window = window_factory(player=Player(device=pulse_sink.qt_device()))
    window.preferences.set_theme(theme)
    loaded: list[object] = []
    window.loader.loaded.connect(loaded.append)
    window.open_source(str(SAMPLE))
    qtbot.waitUntil(lambda: bool(loaded), timeout=30000)
    # As while reading: block 1 framed, a sentence and a word highlighted; a banner.
    view = window.article_view
    view.highlight_sentence(1, 0, 60)
    view.highlight_word(1, 10, 20)
    window.banners.show_message("warning", "A warning for the test", key="test")
    qtbot.wait(50)
    rows = measured(window)
    names = " ".join(r[0] for r in rows)
    assert "ArticleMeta" in names and "BlockText" in names and "QMenuBar" in names
    low = [r for r in rows if r[1] < AAA]
    assert not low, "below 7:1:\n" + "\n".join(
        f"  {n}: {ratio:.2f}:1 ({fg} on {bg})" for n, ratio, fg, bg in low)


def test_the_measure_sees_a_low_contrast(qtbot) -> None:
    """The method itself: grey text on white is found below 7:1, black text above."""
    label = QLabel("Lis-moi lit les articles à voix haute")
    qtbot.addWidget(label)
    label.setStyleSheet("QLabel { background: #ffffff; color: #777777; font-size: 20px; }")
    label.resize(420, 40)
    label.show()
    qtbot.waitExposed(label)
    ratio, fg, bg = text_contrast(label.grab().toImage(), label.rect())
    assert bg == "#ffffff" and fg == "#777777"
    assert 4.4 < ratio < 4.6  # #777 on white is 4.48:1
    label.setStyleSheet("QLabel { background: #ffffff; color: #000000; font-size: 20px; }")
    assert text_contrast(label.grab().toImage(), label.rect())[0] == pytest.approx(21.0)


def test_blocks_are_measured_as_drawn(qtbot) -> None:
    """A block's highlighted word is part of its label's pixels (what the listener sees)."""
    from lismoi.core.article import Block

    view = BlockView(0, 1, Block(kind="paragraph", text="Un mot surligné dans la phrase."))
    qtbot.addWidget(view)
    view.resize(500, 60)
    view.show()
    qtbot.waitExposed(view)
    view.set_spans((0, 30), (3, 6))
    image = view.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height())}
    assert view._colors.word_bg in colours


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_reading_highlights_have_aaa_contrast(theme) -> None:
    """The sentence and word highlights are drawn as HTML spans: their colour pairs."""
    from lismoi.qt.theme import HIGHLIGHTS

    h = HIGHLIGHTS[theme]

    def rgb(colour: str) -> tuple[int, int, int]:
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]

    assert contrast(rgb(h.sentence_fg), rgb(h.sentence_bg)) >= AAA
    assert contrast(rgb(h.word_fg), rgb(h.word_bg)) >= AAA
