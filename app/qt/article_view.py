"""The article as comfortable, zoomable text, with a play button on every block.

Each block is a focusable :class:`BlockView`: a play button (read this block)
and its text. Enter or a click on the text reads from there to the end;
Shift+Enter reads only that block; Up/Down move between blocks. The block
being read is highlighted, and inside it the sentence (and the word, when the
engine gives word timings) is drawn as an HTML span.

The view follows the reading, unless the listener scrolls away: then a
"Back to reading" button appears and following stops until it is pressed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lismoi.core.article import Article, Block
from lismoi.core.i18n import N_, _
from lismoi.qt import theme
from lismoi.qt.theme import HIGHLIGHTS, Highlight

# How wide the text column may grow, in average characters: ~70 is the
# comfortable line length for reading, and it scales with the zoom.
COLUMN_CHARS = 72

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
        from PySide6.QtCore import QLocale

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

    def render_text(self) -> None:
        self.label.setText(block_html(self.block.text, self._sentence, self._word, self._colors))

    # -- input ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.mouseReleaseEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

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


class ArticleView(QScrollArea):
    """The scrollable page: title, byline, blocks; follows the reading."""

    playBlockRequested = Signal(int)
    readFromRequested = Signal(int)
    followChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the blocks take focus, not the frame
        self.setAccessibleName(_("Article"))
        self.setAccessibleDescription(_("The article's text, one block per paragraph"))
        self.article: Article | None = None
        self.blocks: list[BlockView] = []
        self.zoom = 1.0
        self.colors = HIGHLIGHTS["default"]
        self.current: int | None = None
        self.tab_stop: int | None = None  # the one block Tab reaches (see _set_tab_stop)
        self.following = True
        self._programmatic_scroll = False

        self.page = QWidget()
        self.page.setObjectName("ArticlePage")
        self.column = QFrame(self.page)
        self.column.setObjectName("ArticleColumn")
        self.column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        page_layout = QHBoxLayout(self.page)
        page_layout.setContentsMargins(16, 16, 16, 24)
        page_layout.addStretch(1)
        page_layout.addWidget(self.column, 100, Qt.AlignmentFlag.AlignTop)
        page_layout.addStretch(1)
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(28, 28, 28, 32)
        self.column_layout.setSpacing(4)

        self.title = QLabel()
        self.title.setObjectName("ArticleTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.meta = QLabel()
        self.meta.setObjectName("ArticleMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.column_layout.addWidget(self.title)
        self.column_layout.addWidget(self.meta)
        self.column_layout.addSpacing(12)
        self.blocks_layout = QVBoxLayout()
        self.blocks_layout.setSpacing(2)
        self.column_layout.addLayout(self.blocks_layout)
        self.column_layout.addStretch(1)
        self.setWidget(self.page)

        self.empty = QLabel(_("Open an article to hear it: File › Open (Ctrl+O), a web address "
                              "(Ctrl+L), or paste a link or text (Ctrl+Shift+V). You can also "
                              "drop a file or a link here."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("ArticleMeta")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column_layout.insertWidget(0, self.empty)

        self.back_button = QPushButton(_("Back to reading"), self)
        self.back_button.setObjectName("BackToReading")
        self.back_button.setAccessibleName(_("Back to reading"))
        self.back_button.setAccessibleDescription(
            _("Scroll back to the paragraph being read and follow the reading again (Ctrl+J)"))
        self.back_button.clicked.connect(self.follow_again)
        self.back_button.hide()
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._apply_fonts()
        self._show_empty(True)

    # -- content ------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        self.clear()
        self.article = article
        self._show_empty(False)
        self.title.setText(article.title or _("Untitled article"))
        self.title.setAccessibleName(article.title or _("Untitled article"))
        meta = [p for p in (article.byline, article.date, _source_label(article)) if p]
        self.meta.setText(" · ".join(meta))
        self.meta.setVisible(bool(meta))
        count = len(article.blocks)
        # Built inside a hidden column and shown at once: one polish and layout pass
        # for the whole article instead of one per block (22 ms a block, measured).
        self.column.hide()
        for i, block in enumerate(article.blocks):
            view = BlockView(i, count, block, self.column, self.colors)
            view.playRequested.connect(self.playBlockRequested)
            view.readFromRequested.connect(self.readFromRequested)
            view.moveFocus.connect(self._move_focus)
            view.focused.connect(self._set_tab_stop)
            self._style_block(view)
            self.blocks_layout.addWidget(view)
            self.blocks.append(view)
        self._set_tab_stop(0)
        self.column.show()
        self.following = True
        self.back_button.hide()
        self.verticalScrollBar().setValue(0)

    def adopt(self, article: Article) -> None:
        """Show ``article``, a re-annotated copy of the one on screen, without rebuilding.

        Same blocks, new languages: the listener keeps their scroll position and focus.
        """
        if self.article is None or len(article.blocks) != len(self.blocks):
            self.set_article(article)
            return
        self.article = article
        for view, block in zip(self.blocks, article.blocks, strict=True):
            view.block = block
        self.refresh_languages()

    def refresh_languages(self) -> None:
        """The blocks' languages were detected after they were shown: tell the widgets."""
        for view in self.blocks:
            if view.block.lang:
                view.setLocale_from_tag(view.block.lang)

    def clear(self) -> None:
        for view in self.blocks:
            view.hide()
            view.deleteLater()
        self.blocks = []
        self.article = None
        self.current = None
        self.tab_stop = None
        self.title.clear()
        self.meta.clear()
        self._show_empty(True)

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.title.setVisible(not empty)
        self.meta.setVisible(not empty and bool(self.meta.text()))

    # -- look ------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._apply_fonts()

    def set_colors(self, colors: Highlight) -> None:
        self.colors = colors
        for view in self.blocks:
            view.set_colors(colors)

    def _apply_fonts(self) -> None:
        size = theme.BASE_TEXT_PT * self.zoom
        self.body_font = theme.font(theme.SERIF, size)
        # The title grows slower than the text: at 300 % it must not fill the screen.
        title_pt = size + 11 * self.zoom**0.5
        self.title.setFont(theme.font(theme.SERIF, title_pt, weight=QFont.Weight.Bold))
        self.meta.setFont(theme.font(theme.SANS, size * 0.8))
        self.empty.setFont(theme.font(theme.SANS, size))
        for view in self.blocks:
            self._style_block(view)
        # A comfortable measure: about COLUMN_CHARS characters of body text.
        from PySide6.QtGui import QFontMetricsF

        avg = QFontMetricsF(self.body_font).averageCharWidth()
        self.column.setMaximumWidth(int(avg * COLUMN_CHARS + 2 * 28 + 60))

    def _style_block(self, view: BlockView) -> None:
        size = theme.BASE_TEXT_PT * self.zoom
        kind = view.block.kind
        if kind == "heading":
            level = max(1, min(view.block.level or 2, 6))
            scale = {1: 1.5, 2: 1.3, 3: 1.15}.get(level, 1.05)
            f = theme.font(theme.SANS, size * scale, weight=QFont.Weight.Bold)
        elif kind == "code":
            f = theme.font(theme.MONO, size * 0.9)
        else:
            f = theme.font(theme.SERIF, size)
            if kind == "quote":
                f.setItalic(True)
        view.label.setFont(f)
        # Line height ~1.5 for body text, through the label's rich-text line spacing.
        icon = int(max(20, size * 1.7))
        from PySide6.QtCore import QSize

        view.play.setIconSize(QSize(icon, icon))
        view.layout().setContentsMargins(6, int(size * 0.5), 10, int(size * 0.5))

    # -- reading position --------------------------------------------------------

    def highlight_block(self, index: int) -> None:
        if self.current is not None and self.current != index and self.current < len(self.blocks):
            self.blocks[self.current].set_reading(False)
        self.current = index if 0 <= index < len(self.blocks) else None
        if self.current is not None:
            self.blocks[self.current].set_reading(True)
            if self.focused_block() is None:  # Tab into the article lands on what is heard
                self._set_tab_stop(self.current)
            self._follow()

    def highlight_sentence(self, index: int, start: int, end: int) -> None:
        if self.current != index:
            self.highlight_block(index)
        if 0 <= index < len(self.blocks):
            self.blocks[index].set_spans((start, end), None)
            self._follow()

    def highlight_word(self, index: int, start: int, end: int) -> None:
        if 0 <= index < len(self.blocks):
            view = self.blocks[index]
            view.set_spans(view._sentence, (start, end))

    def clear_highlight(self) -> None:
        if self.current is not None and self.current < len(self.blocks):
            self.blocks[self.current].set_reading(False)
        self.current = None
        self.back_button.hide()

    def focus_block(self, index: int) -> None:
        if 0 <= index < len(self.blocks):
            self._set_tab_stop(index)
            self.blocks[index].setFocus(Qt.FocusReason.OtherFocusReason)
            self._scroll_to(index)

    def _set_tab_stop(self, index: int) -> None:
        """Make block ``index`` the article's one Tab stop (a "roving" tab stop).

        A 60-paragraph article must not cost 60 Tab presses to reach the
        transport bar: Tab enters the article at the block last visited (or
        being read), and the arrows, Home and End move inside it. Other
        blocks keep click focus, so the mouse still reaches every one.
        """
        if self.tab_stop == index or not 0 <= index < len(self.blocks):
            return
        self.tab_stop = index
        for view in self.blocks:
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if view.index == index
                                else Qt.FocusPolicy.ClickFocus)

    def focused_block(self) -> int | None:
        for view in self.blocks:
            if view.hasFocus():
                return view.index
        return None

    def _move_focus(self, index: int, step: int) -> None:
        self.focus_block(max(0, min(len(self.blocks) - 1, index + step)))

    def follow_again(self) -> None:
        self.following = True
        self.back_button.hide()
        self.followChanged.emit(True)
        if self.current is not None:
            self._scroll_to(self.current)

    def _follow(self) -> None:
        if self.following and self.current is not None:
            self._scroll_to(self.current)

    def _scroll_to(self, index: int) -> None:
        view = self.blocks[index]
        self._programmatic_scroll = True
        try:
            # Layouts settle after show; the deferred call lands on the final position.
            self.ensureWidgetVisible(view, 0, max(40, self.viewport().height() // 4))
            QTimer.singleShot(0, lambda v=view: self._ensure_later(v))
        finally:
            self._programmatic_scroll = False

    def _ensure_later(self, view: BlockView) -> None:
        if view not in self.blocks:
            return
        self._programmatic_scroll = True
        try:
            self.ensureWidgetVisible(view, 0, max(40, self.viewport().height() // 4))
        finally:
            self._programmatic_scroll = False

    def _scrolled(self, _value: int) -> None:
        if self._programmatic_scroll or self.current is None:
            return
        if not self._current_visible():
            if self.following:
                self.following = False
                self.followChanged.emit(False)
            self._place_back_button()
            self.back_button.show()
            self.back_button.raise_()
        elif not self.following:
            # The listener scrolled back to the reading: follow again on their own.
            self.follow_again()

    def _current_visible(self) -> bool:
        if self.current is None:
            return True
        view = self.blocks[self.current]
        top = view.mapTo(self.page, view.rect().topLeft()).y() - self.verticalScrollBar().value()
        return top + view.height() > 0 and top < self.viewport().height()

    def _place_back_button(self) -> None:
        self.back_button.adjustSize()
        vp = self.viewport().geometry()
        x = vp.x() + (vp.width() - self.back_button.width()) // 2
        y = vp.bottom() - self.back_button.height() - 16
        self.back_button.move(x, y)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if self.back_button.isVisible():
            self._place_back_button()


def _source_label(article: Article) -> str | None:
    from urllib.parse import urlparse

    if article.url:
        host = urlparse(article.url).hostname
        return host.removeprefix("www.") if host else article.url
    return None
