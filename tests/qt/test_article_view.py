"""The article view on its own: blocks, focus, following the reading, zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lismoi.core.article import Article, Block
from lismoi.qt.article_view import ArticleView


def make_article(n: int = 40) -> Article:
    blocks = [Block("heading", "Titre de section", level=2)]
    blocks += [
        Block("paragraph", f"Phrase un du bloc {i}. Phrase deux du bloc {i}.", lang="fr")
        for i in range(1, n)
    ]
    return Article(title="Un article", byline="Claire", blocks=blocks, locale="fr-FR")


def shown_view(qtbot) -> ArticleView:
    """An empty view, shown and active (the focus tests need an active window)."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def test_signals_from_clicks_and_keys(qtbot) -> None:
    view = shown_view(qtbot)
    view.set_article(make_article(5))
    assert len(view.blocks) == 5
    with qtbot.waitSignal(view.playBlockRequested, check_params_cb=lambda i: i == 2):
        qtbot.mouseClick(view.blocks[2].play, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.readFromRequested, check_params_cb=lambda i, _c: i == 3):
        qtbot.mouseClick(view.blocks[3].label, Qt.MouseButton.LeftButton)
    assert view.focused_block() == 3
    with qtbot.waitSignal(view.playBlockRequested, check_params_cb=lambda i: i == 3):
        qtbot.keyClick(view.blocks[3], Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view.blocks[3], Qt.Key.Key_Up)
    assert view.focused_block() == 2
    assert view.blocks[1].accessibleName() == "Paragraph 2"
    assert "2 of 5" in view.blocks[1].accessibleDescription()


def test_follows_the_reading_until_the_listener_scrolls_away(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(make_article(40))
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    view.highlight_block(30)
    view.highlight_sentence(30, 0, 10)
    qtbot.waitUntil(lambda: view._current_visible())
    assert bar.value() > 0 and view.following
    assert view.blocks[30].property("reading") is True
    bar.setValue(0)  # the listener scrolls to the top
    assert not view.following and view.back_button.isVisible()
    view.highlight_block(31)  # reading goes on: the view stays where the listener is
    assert bar.value() == 0
    with qtbot.waitSignal(view.followChanged, check_params_cb=lambda on: on):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view._current_visible())
    assert not view.back_button.isVisible() and bar.value() > 0


def test_zoom_grows_the_text_and_the_column(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1400, 600)
    view.show()
    view.set_article(make_article(3))
    size = view.blocks[1].label.font().pointSizeF()
    width = view.column.maximumWidth()
    view.set_zoom(3.0)
    assert view.blocks[1].label.font().pointSizeF() == size * 3
    assert view.column.maximumWidth() > 2 * width

