"""A book's table of contents beside the article: a tree of its chapters.

:class:`ContentsPanel` lists an :class:`~lismoi.core.article.Article`'s
chapters as a tree (a section under its chapter), so a screen reader says
each entry's title and level, and hides itself for an article without
chapters (a web page). The arrows move through it; Enter (or a double
click) asks to go to the chapter (:attr:`ContentsPanel.chapterActivated`):
the window focuses its first block, it does not start reading. While the
article is read, the window selects the chapter being heard
(:meth:`ContentsPanel.set_current`) without taking the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from lismoi.core.article import Article
from lismoi.core.i18n import _

CHAPTER_ROLE = Qt.ItemDataRole.UserRole  # the item's index in Article.chapters


def chapter_text(article: Article, block: int) -> str | None:
    """"Chapter 2 of 5: Title" for the chapter holding ``block``; None outside chapters."""
    index = article.chapter_at(block)
    if index is None:
        return None
    return _("Chapter {n} of {count}: {title}").format(
        n=index + 1, count=len(article.chapters), title=article.chapters[index].title)


class ContentsPanel(QTreeWidget):
    """The chapters of the open article, keyboard operable, named "Contents"."""

    chapterActivated = Signal(int)  # an index in Article.chapters: go there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Contents")
        self.setAccessibleName(_("Contents"))
        self.setAccessibleDescription(
            _("The chapters of the book. Enter goes to the chapter."))
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.items: list[QTreeWidgetItem] = []  # by chapter index
        self._listed: list[tuple[str, int]] = []
        self._parents: list[tuple[int, QTreeWidgetItem]] = []
        self.itemActivated.connect(self._activated)
        self.hide()

    def set_article(self, article: Article | None) -> None:
        """List ``article``'s chapters; hidden when it has none."""
        self.clear()
        self.items = []
        self._listed = []  # (title, level) of each entry
        self._parents = []
        self._add(article.chapters if article is not None else [])
        if self.items:
            self.setCurrentItem(self.items[0])
        self.setVisible(bool(self.items))

    def grow(self, article: Article) -> None:
        """A book still loading knows more chapters: add them, keeping the place
        (a listener in the list stays on their entry)."""
        known = [(c.title, c.level) for c in article.chapters[: len(self._listed)]]
        if known != self._listed:  # not an extension (chapters found at the end): list again
            current = self.current_chapter()
            self.set_article(article)
            self.set_current(current)
            return
        self._add(article.chapters[len(self._listed):])
        if self.items and self.currentItem() is None:
            self.setCurrentItem(self.items[0])
        self.setVisible(bool(self.items))

    def _add(self, chapters: list) -> None:
        # The nearest open entry of each level: an entry goes under the last one of a
        # lower level (a level 3 right under a level 1 goes under that level 1).
        parents = self._parents
        for chapter in chapters:
            i = len(self.items)
            while parents and parents[-1][0] >= chapter.level:
                parents.pop()
            title = chapter.title or _("Chapter {n}").format(n=i + 1)
            item = QTreeWidgetItem([title])
            item.setData(0, CHAPTER_ROLE, i)
            item.setToolTip(0, title)
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole,
                         _("Level {level}").format(level=chapter.level))
            if parents:
                parents[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            parents.append((chapter.level, item))
            self.items.append(item)
            self._listed.append((chapter.title, chapter.level))
            item.setExpanded(True)

    def set_current(self, index: int | None) -> None:
        """Select chapter ``index`` (the one being heard or focused), not taking the focus."""
        if index is None or not 0 <= index < len(self.items):
            return
        item = self.items[index]
        if self.currentItem() is not item:
            self.setCurrentItem(item)
        self.scrollToItem(item)

    def current_chapter(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, CHAPTER_ROLE))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.chapterActivated.emit(int(item.data(0, CHAPTER_ROLE)))
