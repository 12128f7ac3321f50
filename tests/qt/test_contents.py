"""The table of contents panel: real widgets, a book's chapters as a tree."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lismoi.core.article import Article, Block, Chapter
from lismoi.qt.contents import ContentsPanel, chapter_text


def book() -> Article:
    blocks = [Block("paragraph", "A foreword before any chapter."),
              Block("heading", "One", level=1), Block("paragraph", "First."),
              Block("heading", "One, a section", level=2), Block("paragraph", "Second."),
              Block("heading", "Two", level=1), Block("paragraph", "Third.")]
    chapters = [Chapter("One", 1, 1), Chapter("One, a section", 2, 3), Chapter("Two", 1, 5)]
    return Article(title="A book", blocks=blocks, chapters=chapters)


def test_lists_the_chapters_as_a_tree_named_for_screen_readers(qtbot) -> None:
    panel = ContentsPanel()
    qtbot.addWidget(panel)
    panel.set_article(book())
    assert panel.accessibleName() == "Contents"
    assert not panel.isHidden()
    tops = [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]
    assert tops == ["One", "Two"]
    section = panel.topLevelItem(0).child(0)
    assert section.text(0) == "One, a section"
    assert section.data(0, Qt.ItemDataRole.AccessibleDescriptionRole) == "Level 2"
    assert panel.topLevelItem(0).isExpanded()


def test_hidden_for_an_article_without_chapters(qtbot) -> None:
    panel = ContentsPanel()
    qtbot.addWidget(panel)
    panel.set_article(book())
    panel.set_article(Article(title="A web page", blocks=[Block("paragraph", "Text.")]))
    assert panel.isHidden()
    assert panel.topLevelItemCount() == 0
    panel.set_article(None)
    assert panel.isHidden()


def test_arrows_move_and_enter_asks_for_the_chapter(qtbot) -> None:
    panel = ContentsPanel()
    qtbot.addWidget(panel)
    panel.set_article(book())
    panel.show()
    qtbot.waitExposed(panel)
    panel.setFocus()
    assert panel.current_chapter() == 0
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    assert panel.current_chapter() == 2
    with qtbot.waitSignal(panel.chapterActivated) as signal:
        qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert signal.args == [2]


def test_follows_the_reading_without_taking_the_focus(qtbot) -> None:
    panel = ContentsPanel()
    qtbot.addWidget(panel)
    article = book()
    panel.set_article(article)
    panel.set_current(article.chapter_at(4))
    assert panel.current_chapter() == 1
    panel.set_current(None)  # before the first chapter: the selection stays
    assert panel.current_chapter() == 1
    assert not panel.hasFocus()


def test_chapter_text_says_which_chapter() -> None:
    article = book()
    assert chapter_text(article, 6) == "Chapter 3 of 3: Two"
    assert chapter_text(article, 3) == "Chapter 2 of 3: One, a section"
    assert chapter_text(article, 0) is None  # the foreword comes before any chapter
