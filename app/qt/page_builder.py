"""Building the article's block widgets: the first screens at once, the rest in slices.

A block's widgets cost about a millisecond to make and show (a frame, its
play button, its label, through the app's style sheet), so a book of
thousands is built by :class:`PageBuilder` a slice at a time between events:
the window stays responsive, reading can start, and a jump far ahead is
built towards in slices too. Each slice goes into a :class:`BlockStack`, so
the page's layout holds stacks, and a stack places its blocks itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QWidget

from lismoi.core.article import Article
from lismoi.qt.block_view import BlockView

# The first screens at once (up to FIRST_BLOCKS blocks or FIRST_S seconds),
# then slices of SLICE_S seconds between events, so keys, the reading and its
# highlight go on.
FIRST_BLOCKS = 40
FIRST_S = 0.12
SLICE_S = 0.03


class BlockStack(QWidget):
    """Blocks stacked by hand, at a fixed height once stacked.

    A page of a book holds hundreds of these. With a layout, every layout pass
    of the page asked each block of each stack for its height again (400 times
    a block while a 300-page book was built, measured); a fixed height is a
    size the page's layout keeps. Restacked when its width changes or a block
    asks (a zoom, a longer highlight): Qt posts LayoutRequest to a parent
    without a layout.
    """

    def __init__(self, parent: QWidget, spacing: int) -> None:
        super().__init__(parent)
        self.views: list[BlockView] = []
        self.spacing = spacing

    def restack(self) -> None:
        width, y = self.width(), 0
        for view in self.views:
            height = view.heightForWidth(width) if view.hasHeightForWidth() else -1
            if height < 0:
                height = view.sizeHint().height()
            view.setGeometry(0, y, width, height)
            y += height + self.spacing
        total = max(0, y - self.spacing)
        if self.minimumHeight() != total or self.maximumHeight() != total:
            self.setFixedHeight(total)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.restack()

    def event(self, event) -> bool:  # noqa: ANN001
        if event.type() == QEvent.Type.LayoutRequest:
            self.restack()
        return super().event(event)


class PageBuilder(QObject):
    """The block widgets of one article, built into stacks in :attr:`layout`.

    ``make(index, count, stack)`` makes block ``index``'s widget (the view
    connects and styles it). :attr:`blocks` holds them in order.
    """

    built = Signal()  # a slice was built (a jump waiting for its block may land)

    def __init__(self, parent: QObject, layout: QBoxLayout, column: QWidget,
                 make: Callable[[int, int, QWidget], BlockView]) -> None:
        super().__init__(parent)
        self.layout, self.column, self.make = layout, column, make
        self.article: Article | None = None
        self.blocks: list[BlockView] = []
        self._deferred = False  # a book still loading: see defer
        self._wanted: int | None = None  # a block a jump waits for: built even if deferred
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._slice)

    @property
    def complete(self) -> bool:
        """Every block of the article has its widget."""
        return self.article is None or len(self.blocks) >= len(self.article.blocks)

    def reset(self, article: Article | None) -> None:
        """Drop the widgets of the article shown; ``article`` is the next one."""
        self._timer.stop()
        self._wanted = None
        while self.layout.count():  # the stacks, and the blocks in them
            item = self.layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.blocks = []
        self.article = article

    def grow(self) -> None:
        """The article has more blocks: build them soon, unless building waits."""
        waiting = self._deferred and self._wanted is None
        if not self.complete and not waiting and not self._timer.isActive():
            self._timer.start()

    def defer(self, defer: bool) -> None:
        """While a book's rest is read in another thread, build only what a jump
        asks for, the rest once it is all in.

        The two share one interpreter lock: building a 30 ms slice every 120 ms
        meanwhile brought a 300-page book's whole text in at 4.0 s instead of
        2.6 s and did not show its last block sooner (4.1 against 4.4 s;
        bench/books.py, the same run).
        """
        self._deferred = defer
        self.grow()

    def want(self, index: int) -> None:
        """Build towards block ``index`` in slices (a jump far ahead)."""
        self._wanted = index if self._wanted is None else max(self._wanted, index)
        self.grow()

    def ensure_built(self, index: int) -> None:
        """Build the widgets up to block ``index`` now."""
        if self.article is not None and index >= len(self.blocks):
            self.build(min(index, len(self.article.blocks) - 1) + 1 - len(self.blocks), None)

    def build(self, most: int | None, seconds: float | None) -> None:
        """Build up to ``most`` more block widgets, for at most ``seconds``."""
        article = self.article
        if article is None:
            return
        count = len(article.blocks)
        end = count if most is None else min(count, len(self.blocks) + most)
        if end <= len(self.blocks):
            return
        # Each part goes into its own hidden stack, shown once it is full: a block
        # added to the shown page relaid out the whole page (60 ms a block, measured).
        stack = BlockStack(self.column, self.layout.spacing())
        stack.hide()
        started = time.perf_counter()
        for i in range(len(self.blocks), end):
            view = self.make(i, count, stack)
            stack.views.append(view)
            self.blocks.append(view)
            if seconds is not None and time.perf_counter() - started > seconds:
                break
        self.layout.addWidget(stack)
        stack.show()
        stack.restack()

    def _slice(self) -> None:
        self.build(None, SLICE_S)
        if self._wanted is not None and self._wanted < len(self.blocks):
            self._wanted = None
        if self.complete or (self._deferred and self._wanted is None):
            self._timer.stop()
        self.built.emit()
