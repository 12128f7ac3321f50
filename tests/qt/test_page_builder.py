"""Building the page: blocks stacked by hand, and a jump far ahead built towards in slices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from lismoi.core.article import Block
from lismoi.qt.block_view import BlockView
from lismoi.qt.page_builder import BlockStack


def test_a_stack_places_its_blocks_one_under_the_other(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 400)
    stack = BlockStack(host, spacing=8)
    texts = ["Court.", "Un paragraphe plus long, " * 12, "Fin."]
    stack.views = [BlockView(i, 3, Block("paragraph", t), stack) for i, t in enumerate(texts)]
    stack.resize(500, 10)
    host.show()
    stack.restack()
    tops = [(v.y(), v.y() + v.height()) for v in stack.views]
    assert tops[0][0] == 0
    assert all(a[1] + 8 == b[0] for a, b in zip(tops, tops[1:], strict=False)), tops
    assert stack.views[1].height() > stack.views[0].height()  # the long one wraps
    assert stack.minimumHeight() == stack.maximumHeight() == tops[-1][1]
    # Narrower: restacked on its own, taller.
    stack.resize(250, stack.height())
    qtbot.waitUntil(lambda: stack.views[1].width() == 250)
    assert stack.height() > tops[-1][1]


def _article_view(qtbot, n: int):
    from lismoi.qt.article_view import ArticleView
    from tests.qt.test_article_view import make_article

    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.set_article(make_article(n))
    return view


def test_a_jump_far_ahead_lands_once_its_block_is_built(qtbot) -> None:
    from lismoi.qt.article_view import FAR_BLOCKS
    from lismoi.qt.page_builder import FIRST_BLOCKS

    view = _article_view(qtbot, 2000)
    view.defer_building(True)  # a book still loading: nothing more is built unasked
    assert len(view.blocks) == FIRST_BLOCKS
    view.focus_block(FIRST_BLOCKS + FAR_BLOCKS)  # near: at once
    assert view.focused_block() == FIRST_BLOCKS + FAR_BLOCKS
    view.focus_block(1500)  # far: the window goes on, the block is built towards
    assert len(view.blocks) < 1500 and view.focused_block() == FIRST_BLOCKS + FAR_BLOCKS
    qtbot.waitUntil(lambda: view.focused_block() == 1500, timeout=30000)
    qtbot.wait(100)
    assert len(view.blocks) < 2000  # still deferred: it stopped once there
    # The reading going far ahead: its block and sentence are marked once built.
    view.highlight_block(1900)
    view.highlight_sentence(1900, 0, 10)
    assert view.current is None
    qtbot.waitUntil(lambda: view.current == 1900, timeout=30000)
    assert view.blocks[1900].property("reading") is True
    assert "<span" in view.blocks[1900].label.text()  # the sentence's mark


def test_a_later_jump_replaces_one_still_on_its_way(qtbot) -> None:
    view = _article_view(qtbot, 2000)
    view.defer_building(True)
    view.focus_block(1800)
    view.focus_block(3)  # the listener changed their mind: here, now
    assert view.focused_block() == 3
    qtbot.waitUntil(lambda: len(view.blocks) > 1800, timeout=30000)  # (building goes on)
    qtbot.wait(100)
    assert view.focused_block() == 3


def test_a_click_elsewhere_cancels_a_jump_on_its_way(qtbot) -> None:
    view = _article_view(qtbot, 2000)
    view.defer_building(True)
    view.focus_block(1800)
    qtbot.mouseClick(view.blocks[5].label, Qt.MouseButton.LeftButton)
    assert view.focused_block() == 5
    qtbot.waitUntil(lambda: len(view.blocks) > 1800, timeout=30000)  # (building goes on)
    qtbot.wait(100)
    assert view.focused_block() == 5
