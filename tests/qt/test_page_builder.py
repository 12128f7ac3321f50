"""Building the page: blocks stacked by hand, and a jump far ahead built towards in slices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from lismoi.core.article import Block
from lismoi.qt.article_view import FAR_BLOCKS
from lismoi.qt.block_view import BlockView
from lismoi.qt.page_builder import FIRST_BLOCKS, BlockStack
from tests.qt.test_article_view import make_article, shown_view


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


def _book_view(qtbot, n: int):
    """A view showing an article of ``n`` blocks as a book still loading shows it."""
    view = shown_view(qtbot)
    view.defer_building(True)  # nothing more is built unasked
    view.set_article(make_article(n))
    return view


def test_a_jump_far_ahead_lands_once_its_block_is_built(qtbot) -> None:
    view = _book_view(qtbot, 2000)
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


def _focus_by_key(qtbot, view):
    view.focus_block(5)  # the listener changed their mind: here, now
    return view.blocks[5]


def _focus_by_click(qtbot, view):
    qtbot.mouseClick(view.blocks[5].label, Qt.MouseButton.LeftButton)
    return view.blocks[5]


def _focus_to_another_control(qtbot, view):
    other = QPushButton("Speed", view)  # Tab to a control outside the article
    other.show()
    other.setFocus()
    return other


@pytest.mark.parametrize(
    "elsewhere", [_focus_by_key, _focus_by_click, _focus_to_another_control])
def test_going_elsewhere_drops_a_jump_still_on_its_way(qtbot, elsewhere) -> None:
    view = _book_view(qtbot, 2000)
    view.focus_block(1800)
    kept = elsewhere(qtbot, view)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is kept)
    qtbot.waitUntil(lambda: len(view.blocks) > 1800, timeout=30000)  # (building goes on)
    qtbot.wait(100)
    assert QApplication.focusWidget() is kept


def test_a_book_still_loading_builds_only_what_is_asked_for(qtbot) -> None:
    view = _book_view(qtbot, 300)
    qtbot.wait(300)
    assert len(view.blocks) == FIRST_BLOCKS  # the rest waits for the book
    view.focus_block(120)  # a jump builds up to where it lands
    assert len(view.blocks) == 121 and view.focused_block() == 120
    view.defer_building(False)  # all of it is in: the rest is built
    qtbot.waitUntil(lambda: view.complete, timeout=20000)
    assert [b.index for b in view.blocks] == list(range(300))
