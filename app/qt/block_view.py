"""One block of the article on screen: its play button and its text, highlighted.

A :class:`BlockView` is focusable: Enter or a click on the text reads from
there to the end, Shift+Enter reads only that block, Up/Down/Home/End ask the
article view to move the focus. The sentence being heard (and the word, when
the engine gives word timings) is drawn as an HTML span by :func:`block_html`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from lismoi.core.article import Block
from lismoi.core.i18n import N_, _
from lismoi.qt import theme
from lismoi.qt.theme import HIGHLIGHTS, Highlight

KIND_NAMES = {
    "heading": N_("Heading"),
    "paragraph": N_("Paragraph"),
    "list_item": N_("List item"),
    "quote": N_("Quotation"),
    "code": N_("Code"),
    "table": N_("Table"),
}


def kind_name(kind: str) -> str:
    return _(KIND_NAMES.get(kind, "Paragraph"))


def block_html(text: str, sentence: tuple[int, int] | None, word: tuple[int, int] | None,
               colors: Highlight) -> str:
    """``text`` as HTML, the sentence and word spans highlighted; newlines kept."""
    n = len(text)
    cuts = {0, n}
    for span in (sentence, word):
        if span:
            cuts.update(max(0, min(n, x)) for x in span)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        in_word = word is not None and word[0] <= a and b <= word[1]
        in_sentence = sentence is not None and sentence[0] <= a and b <= sentence[1]
        if in_word:
            piece = (f'<span style="background-color:{colors.word_bg};'
                     f'color:{colors.word_fg};">{piece}</span>')
        elif in_sentence:
            piece = (f'<span style="background-color:{colors.sentence_bg};'
                     f'color:{colors.sentence_fg};">{piece}</span>')
        out.append(piece)
    return "".join(out)


class BlockView(QFrame):
    """One block: its play button and its text. Focusable; Enter reads from here."""

    playRequested = Signal(int)  # read this block only
    readFromRequested = Signal(int)  # read from this block to the end
    moveFocus = Signal(int, int)  # index, +1 / -1
    focused = Signal(int)  # index: this block got the focus (by click, Tab or arrows)

    def __init__(self, index: int, count: int, block: Block, parent: QWidget | None = None,
                 colors: Highlight = HIGHLIGHTS["default"]) -> None:
        super().__init__(parent)
        self.index = index
        self.block = block
        self.setObjectName("Block")
        self.setProperty("kind", block.kind)
        self.setProperty("reading", False)
        # Tab reaches one block of the article (ArticleView._set_tab_stop); clicks reach all.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        kind = kind_name(block.kind)
        number = index + 1
        self.setAccessibleName(f"{kind} {number}: {block.text}")
        self.setAccessibleDescription(
            _("{kind} {number} of {count}. Enter reads from here, Shift+Enter reads only "
              "this one; the Up and Down arrows move to the other blocks.").format(
                kind=kind, number=number, count=count)
        )
        if block.lang:
            self.setLocale_from_tag(block.lang)

        self.play = QToolButton(self)
        self.play.setObjectName("BlockPlay")
        self.play.setAutoRaise(True)
        # Keyboard users press Enter on the block itself; a second tab stop per
        # block would double the Tab presses through a long article.
        self.play.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play.setToolTip(_("Read {kind} {number}").format(kind=kind.lower(), number=number))
        self.play.setAccessibleName(_("Read {kind} {number}").format(kind=kind.lower(),
                                                                     number=number))
        self.play.setAccessibleDescription(_("Reads only this block, then stops"))
        self.play.clicked.connect(lambda: self.playRequested.emit(self.index))

        self.label = QLabel(self)
        self.label.setObjectName("BlockText")
        self.label.setProperty("kind", block.kind)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAccessibleName(block.text)
        self.label.installEventFilter(self)  # clicks on the text read from here

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 10, 6)
        layout.setSpacing(10)
        prefix = None
        if block.kind == "list_item":
            prefix = QLabel("•", self)
            prefix.setAccessibleName(_("bullet"))
        layout.addWidget(self.play, 0, Qt.AlignmentFlag.AlignTop)
        if prefix is not None:
            layout.addWidget(prefix, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self._sentence: tuple[int, int] | None = None
        self._word: tuple[int, int] | None = None
        self._colors = colors
        self._set_icon()
        self.render_text()

    def setLocale_from_tag(self, tag: str) -> None:  # noqa: N802 - Qt naming next to setLocale
        # Screen readers pick their pronunciation from the widget's locale.
        self.setLocale(QLocale(tag.replace("-", "_")))

    def set_colors(self, colors: Highlight) -> None:
        self._colors = colors
        self._set_icon()
        self.render_text()

    def _set_icon(self) -> None:
        reading = bool(self.property("reading"))
        color = self._colors.icon_on_accent if reading else self._colors.icon
        self.play.setIcon(theme.media_icon("play", color))

    def set_reading(self, reading: bool) -> None:
        if bool(self.property("reading")) != reading:
            self.setProperty("reading", reading)
            self.style().unpolish(self)
            self.style().polish(self)
            self.play.style().unpolish(self.play)
            self.play.style().polish(self.play)
            self._set_icon()
        if not reading:
            self.set_spans(None, None)

    def set_spans(self, sentence: tuple[int, int] | None, word: tuple[int, int] | None) -> None:
        if (sentence, word) != (self._sentence, self._word):
            self._sentence, self._word = sentence, word
            self.render_text()

    def set_word(self, word: tuple[int, int] | None) -> None:
        """Mark ``word`` inside the sentence already marked."""
        self.set_spans(self._sentence, word)

    def set_text_size(self, size: float) -> None:
        """Fonts, icon and margins for body text of ``size`` points (the zoom)."""
        kind = self.block.kind
        if kind == "heading":
            level = max(1, min(self.block.level or 2, 6))
            scale = {1: 1.5, 2: 1.3, 3: 1.15}.get(level, 1.05)
            f = theme.font(theme.SANS, size * scale, weight=QFont.Weight.Bold)
        elif kind == "code":
            f = theme.font(theme.MONO, size * 0.9)
        else:
            f = theme.font(theme.SERIF, size)
            if kind == "quote":
                f.setItalic(True)
        self.label.setFont(f)
        # Line height ~1.5 for body text, through the label's rich-text line spacing.
        icon = int(max(20, size * 1.7))
        self.play.setIconSize(QSize(icon, icon))
        self.layout().setContentsMargins(6, int(size * 0.5), 10, int(size * 0.5))

    def render_text(self) -> None:
        self.label.setText(block_html(self.block.text, self._sentence, self._word, self._colors))

    # -- input ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.mouseReleaseEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # The click acts on release; accepting the press (also the one the text
        # label ignores and passes up) makes this block the release's receiver.
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.readFromRequested.emit(self.index)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit(self.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.playRequested.emit(self.index)
            elif not mods & Qt.KeyboardModifier.ControlModifier:
                self.readFromRequested.emit(self.index)
            else:
                super().keyPressEvent(event)
                return
            event.accept()
            return
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Home: -10**9,
                 Qt.Key.Key_End: 10**9}
        if mods == Qt.KeyboardModifier.NoModifier and key in steps:
            self.moveFocus.emit(self.index, steps[key])  # Home/End: first/last block
            event.accept()
            return
        super().keyPressEvent(event)
