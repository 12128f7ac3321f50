"""Blocks stacked by hand: in order, without overlap, the stack as tall as its blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from lismoi.core.article import Block
from lismoi.qt.block_stack import BlockStack
from lismoi.qt.block_view import BlockView


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
