"""One block on screen: its text as HTML with the sentence and word marked, its size."""

from __future__ import annotations

from lismoi.core.article import Block
from lismoi.qt.block_view import BlockView, block_html
from lismoi.qt.theme import HIGHLIGHTS

COLORS = HIGHLIGHTS["default"]


def test_block_html_marks_sentence_and_word_and_escapes() -> None:
    text = "A <b> & c. Deux\nlignes."
    out = block_html(text, (0, 10), (2, 5), COLORS)
    assert "&lt;b&gt;" in out and "&amp;" in out and "<br>" in out
    assert out.count(COLORS.word_bg) == 1 and out.count(COLORS.sentence_bg) == 2
    assert block_html(text, None, None, COLORS) == (
        '<span style="white-space:pre-wrap">A &lt;b&gt; &amp; c. Deux<br>lignes.</span>')
    # Spans past the end are clamped, never raise.
    assert "Deux" in block_html(text, (5, 999), (900, 1000), COLORS)


def test_a_block_marks_its_sentence_then_its_word(qtbot) -> None:
    view = BlockView(0, 1, Block("paragraph", "Un deux. Trois quatre."))
    qtbot.addWidget(view)
    view.set_reading(True)
    view.set_spans((9, 22), None)
    assert COLORS.sentence_bg in view.label.text() and COLORS.word_bg not in view.label.text()
    view.set_word((9, 14))
    assert COLORS.word_bg in view.label.text() and COLORS.sentence_bg in view.label.text()
    view.set_reading(False)  # the block read is over: no mark left
    assert COLORS.sentence_bg not in view.label.text()


def test_a_highlight_does_not_move_the_lines(qtbot) -> None:
    # Unmarked blocks are drawn as plain text (3 times faster to lay out), marked
    # ones as rich text: both must wrap alike, or the page would jump as it reads.
    text = "Un  deux   trois, " * 30 + "\n  fin du bloc."
    view = BlockView(0, 1, Block("code", text))
    qtbot.addWidget(view)
    view.set_text_size(14.0)
    plain = view.label.heightForWidth(420)
    view.set_reading(True)
    view.set_spans((0, 40), (5, 9))
    assert view.label.textFormat().name == "RichText"
    assert view.label.heightForWidth(420) == plain
    view.set_reading(False)
    assert view.label.textFormat().name == "PlainText"


def test_the_kept_height_follows_the_font(qtbot) -> None:
    view = BlockView(0, 1, Block("paragraph", "Un mot de plus. " * 40))
    qtbot.addWidget(view)
    view.set_text_size(12.0)
    small = view.label.heightForWidth(400)
    view.set_text_size(30.0)  # a zoom: the height kept for that width is old
    assert view.label.heightForWidth(400) > small * 1.8


def test_headings_are_larger_than_paragraphs_at_every_size(qtbot) -> None:
    heading = BlockView(0, 2, Block("heading", "Titre", level=1))
    paragraph = BlockView(1, 2, Block("paragraph", "Texte."))
    for view in (heading, paragraph):
        qtbot.addWidget(view)
    for size in (12.0, 36.0):
        heading.set_text_size(size)
        paragraph.set_text_size(size)
        assert paragraph.label.font().pointSizeF() == size
        assert heading.label.font().pointSizeF() == size * 1.5
        assert paragraph.play.iconSize().width() == int(max(20, size * 1.7))
