"""The article as comfortable, zoomable text, with a play button on every block.

The page holds the title, the byline and one :class:`~lismoi.qt.block_view.BlockView`
per block; this module lays them out, moves the keyboard focus between them
(one roving Tab stop) and marks the block, sentence and word being read.

The view follows the reading, unless the listener scrolls away: then a
"Back to reading" button appears and following stops until it is pressed.
The caret of the block being read can follow the words heard
(:attr:`ArticleView.caret_follows`), without telling assistive technology
(a screen reader would talk over the reading); reading starts at the caret.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.qt import theme
from lismoi.qt.accessibility import announce
from lismoi.qt.block_view import BlockView, block_html
from lismoi.qt.page_builder import FIRST_BLOCKS, FIRST_S, PageBuilder
from lismoi.qt.theme import HIGHLIGHTS, Highlight

__all__ = ["ArticleView", "BlockView", "block_html"]

# How wide the text column may grow, in average characters: ~70 is the
# comfortable line length for reading, and it scales with the zoom.
COLUMN_CHARS = 72
# A jump more than this many blocks beyond those built (Ctrl+End, a late
# chapter, a saved place in a big book) is built towards in slices, the
# window responsive, instead of at once (about a millisecond a block).
FAR_BLOCKS = 150


class ArticleView(QScrollArea):
    """The scrollable page: title, byline, blocks; follows the reading."""

    playBlockRequested = Signal(int)
    readFromRequested = Signal(int, int)  # block, character
    followChanged = Signal(bool)
    blockFocused = Signal(int)  # a block got the focus (the window prepares Play there)
    articleChanged = Signal()  # an article was shown or cleared (the window's title follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the blocks take focus, not the frame
        self.setAccessibleName(_("Article"))
        self.setAccessibleDescription(_("The article's text, one block per paragraph"))
        self.zoom = 1.0
        self.colors = HIGHLIGHTS["default"]
        self.current: int | None = None
        self.tab_stop: int | None = None  # the one block Tab reaches (see _set_tab_stop)
        self._tab_neighbours: tuple[QWidget | None, QWidget | None] = (None, None)
        self.following = True
        self.caret_follows = True  # the caret of the block being read follows the words
        self.reading_active = False  # while reading, Ctrl+Left/Right skip sentences
        self._programmatic_scroll = False
        # A jump to a block not built yet: done when it is (see _reachable).
        self._pending_focus: int | None = None
        self._jumped_from: QWidget | None = None  # the focus when that jump was asked
        self._pending_highlight: tuple[int, tuple[int, int] | None] | None = None

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
        # Holds the article shown (ArticleView.article) and its blocks' widgets.
        self.builder = PageBuilder(self, self.blocks_layout, self.column, self._make_block)
        self.builder.built.connect(self._land_jumps)

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
        """Show ``article``: its first screens at once, the rest a slice at a time
        (:class:`~lismoi.qt.page_builder.PageBuilder`)."""
        self.clear()
        self.article = article
        self._show_empty(False)
        self.title.setText(article.title or _("Untitled article"))
        self.title.setAccessibleName(article.title or _("Untitled article"))
        meta = [p for p in (article.byline, article.date, _source_label(article)) if p]
        self.meta.setText(" · ".join(meta))
        self.meta.setVisible(bool(meta))
        # The first blocks inside a hidden column, shown at once: one polish and
        # layout pass for them instead of one per block.
        self.column.hide()
        self.builder.build(FIRST_BLOCKS, FIRST_S)
        self._set_tab_stop(0)
        self.column.show()
        self.following = True
        self.back_button.hide()
        self.verticalScrollBar().setValue(0)
        self.grow()
        self.articleChanged.emit()

    @property
    def article(self) -> Article | None:
        """The article shown (None before one is opened)."""
        return self.builder.article

    @article.setter
    def article(self, article: Article | None) -> None:
        self.builder.article = article

    @property
    def blocks(self) -> list[BlockView]:
        """The blocks' widgets built so far, in order (a book's come a slice at a time)."""
        return self.builder.blocks

    def grow(self) -> None:
        """The article has more blocks (a book still loading): build them soon."""
        self.builder.grow()

    def defer_building(self, defer: bool) -> None:
        """While a book's rest is read, build only what a jump needs (PageBuilder.defer)."""
        self.builder.defer(defer)

    @property
    def complete(self) -> bool:
        """Every block of the article has its widget."""
        return self.builder.complete

    def ensure_built(self, index: int) -> None:
        """Build the widgets up to block ``index`` now."""
        self.builder.ensure_built(index)

    def set_block_count(self) -> None:
        """A book has all its blocks: each says "12 of 1,350" again, not "of 40"."""
        count = len(self.blocks) if self.article is None else len(self.article.blocks)
        for view in self.blocks:
            view.set_count(count)

    def _make_block(self, index: int, count: int, parent: QWidget) -> BlockView:
        assert self.article is not None
        view = BlockView(index, count, self.article.blocks[index], parent, self.colors)
        view.playRequested.connect(self.playBlockRequested)
        view.readFromRequested.connect(self.readFromRequested)
        view.moveFocus.connect(self._move_focus)
        view.headingRequested.connect(self._focus_heading)
        view.focused.connect(self._set_tab_stop)
        view.focused.connect(self.blockFocused)
        view.words_by_caret = not self.reading_active
        self._style_block(view)
        return view

    def _reachable(self, index: int) -> bool:
        """Block ``index`` is built, or built now if near; far ahead, it is built
        towards in slices (False), and the caller's jump lands when it is."""
        if self.article is None or index < len(self.blocks) or index >= len(self.article.blocks):
            return True
        if index - len(self.blocks) <= FAR_BLOCKS:
            self.ensure_built(index)
            return True
        self.builder.want(index)
        return False

    def _land_jumps(self) -> None:
        """A slice was built: a jump waiting for its block lands."""
        if self._pending_highlight is not None and self._pending_highlight[0] < len(self.blocks):
            (index, span), self._pending_highlight = self._pending_highlight, None
            self.highlight_block(index)
            if span is not None:
                self.highlight_sentence(index, *span)
        if self._pending_focus is not None and self._pending_focus < len(self.blocks):
            index, self._pending_focus = self._pending_focus, None
            # Only if the focus stayed where the jump was asked: a listener who went
            # on elsewhere meanwhile (a click, Tab to the speed) keeps their place.
            if QApplication.focusWidget() is self._jumped_from:
                self.focus_block(index)

    def adopt(self, article: Article) -> None:
        """Show ``article``, a re-annotated copy of the one on screen, without rebuilding.

        Same blocks, new languages: the listener keeps their scroll position and focus.
        """
        if self.article is None or len(article.blocks) != len(self.article.blocks):
            self.set_article(article)
            return
        self.article = article
        for view, block in zip(self.blocks, article.blocks, strict=False):
            view.block = block
        self.refresh_languages()

    def refresh_languages(self) -> None:
        """The blocks' languages were detected after they were shown: tell the widgets."""
        for view in self.blocks:
            if view.block.lang:
                view.setLocale_from_tag(view.block.lang)

    def clear(self) -> None:
        self.builder.reset(None)  # the article too
        self._pending_focus = self._pending_highlight = None
        self.current = None
        self.tab_stop = None
        self.title.clear()
        self.meta.clear()
        self._show_empty(True)
        self.articleChanged.emit()

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
        avg = QFontMetricsF(self.body_font).averageCharWidth()
        self.column.setMaximumWidth(int(avg * COLUMN_CHARS + 2 * 28 + 60))

    def _style_block(self, view: BlockView) -> None:
        view.set_text_size(theme.BASE_TEXT_PT * self.zoom)

    # -- reading position --------------------------------------------------------

    def highlight_block(self, index: int) -> None:
        if not self._reachable(index):  # marked once built; the old mark goes now
            self.clear_highlight()
            self._pending_highlight = (index, None)
            return
        self._pending_highlight = None
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
        if self._pending_highlight is not None and self._pending_highlight[0] == index:
            self._pending_highlight = (index, (start, end))
        if 0 <= index < len(self.blocks):
            self.blocks[index].set_spans((start, end), None)
            self._follow()

    def highlight_word(self, index: int, start: int, end: int) -> None:
        if 0 <= index < len(self.blocks):
            self.blocks[index].set_word((start, end))
            if self.caret_follows:
                self.blocks[index].set_caret(start)  # silently: see the module docstring

    def set_reading_active(self, active: bool) -> None:
        """While reading, Ctrl+Left/Right go to the window (sentences), else to the caret."""
        self.reading_active = active
        for view in self.blocks:
            view.words_by_caret = not active

    def caret_position(self) -> tuple[int, int] | None:
        """(block, character) of the focused block's caret, or None without focus."""
        index = self.focused_block()
        return None if index is None else (index, self.blocks[index].caret())

    def clear_highlight(self) -> None:
        self._pending_highlight = None
        if self.current is not None and self.current < len(self.blocks):
            self.blocks[self.current].set_reading(False)
        self.current = None
        self.back_button.hide()

    def focus_block(self, index: int) -> None:
        self._pending_focus = None
        if not self._reachable(index):
            self._pending_focus, self._jumped_from = index, QApplication.focusWidget()
            announce(self, _("Going to paragraph {n}…").format(n=index + 1))
            return
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
        # Blocks are made with click focus: only the old stop and the new one change
        # (not every block of a book at each arrow key).
        if self.tab_stop is not None and self.tab_stop < len(self.blocks):
            self.blocks[self.tab_stop].setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.tab_stop = index
        self.blocks[index].setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._place_tab_stop()

    def set_tab_neighbours(self, before: QWidget | None, after: QWidget | None) -> None:
        """The widgets Tab goes through before and after the article (the window's)."""
        self._tab_neighbours = (before, after)
        self._place_tab_stop()

    def _place_tab_stop(self) -> None:
        # Only the Tab stop is placed in the focus chain, between the window's
        # neighbours: the other blocks have click focus, and Tab passes over them
        # wherever they are. Placing every block after the one before cost more for
        # each block than the one before (QWidget.setTabOrder walks the chain: a
        # 3,000-page book took 147 s to build, 35 s without; bench/books.py, py-spy).
        if self.tab_stop is None or self.tab_stop >= len(self.blocks):
            return
        stop = self.blocks[self.tab_stop]
        before, after = self._tab_neighbours
        if before is not None and shiboken6.isValid(before):  # (a banner's, maybe gone)
            QWidget.setTabOrder(before, stop)
        if after is not None and shiboken6.isValid(after):
            QWidget.setTabOrder(stop, after)

    def focused_block(self) -> int | None:
        focus = QApplication.focusWidget()
        if isinstance(focus, BlockView) and focus.index < len(self.blocks) \
                and self.blocks[focus.index] is focus:
            return focus.index
        return None

    def _move_focus(self, index: int, step: int) -> None:
        last = len(self.article.blocks) - 1 if self.article is not None else -1
        self.focus_block(max(0, min(last, index + step)))

    def _focus_heading(self, index: int, step: int) -> None:
        """H / Shift+H: the focus to the next / previous heading, if there is one."""
        blocks = self.article.blocks if self.article is not None else []
        order = range(index + 1, len(blocks)) if step > 0 else range(index - 1, -1, -1)
        for i in order:
            if blocks[i].kind == "heading":
                self.focus_block(i)
                return

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
