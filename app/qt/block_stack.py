"""The page's blocks in stacks: widgets stacked by hand, at a fixed height.

:class:`~lismoi.qt.article_view.ArticleView` builds a book's blocks a slice
at a time, each slice in a :class:`BlockStack`: the page's layout holds
stacks, and a stack places its blocks itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from lismoi.qt.block_view import BlockView


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
