"""PDFs we draw ourselves come back as written: paragraphs in reading order
(two columns too), hyphenated words whole, no running header, no page number,
headings by their font, the outline as chapters; and bad PDFs get a clear message."""

from __future__ import annotations

import re

import pytest

from lismoi.core.books import read_book
from lismoi.core.books.pdf import MAX_PAGES
from lismoi.core.errors import ExtractionError, LoadError, UnsupportedContentError
from lismoi.core.load.source import load
from tests.core.books.booktext import WORDS, Chapter, layout, make_chapters
from tests.core.books.pdfmake import PdfSpec, Run, write_pdf


def _read(tmp_path, data: bytes, name: str = "report.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_book(load(str(path)))


def _expected(chapters: list[Chapter]) -> list[str]:
    out = []
    for chapter in chapters:
        out += [chapter.title, *chapter.paragraphs]
    return out


def _crossings(spec: PdfSpec) -> int:
    """Pages whose last body line ends in a hyphen: a word split across pages."""
    count = 0
    for page in spec.pages:
        body = [r for r in page if r.font == "F1"]
        if body and body[-1].text.endswith("-"):
            count += 1
    return count


def _assert_clean(article, header: str) -> None:
    vocabulary = set(WORDS) | {w.capitalize() for w in WORDS}
    for block in article.blocks:
        assert header not in block.text
        assert not re.fullmatch(r"\d+", block.text), block.text  # a page number
        if block.kind == "paragraph":
            # Every word is one of ours: no "respon- sibilities", no "respon" + "sibilities".
            words = block.text.rstrip(".").split()
            assert set(words) <= vocabulary, set(words) - vocabulary


@pytest.mark.parametrize(("columns", "n"), [(1, 12), (2, 12), (2, 60)])
def test_a_book_comes_back_as_written(tmp_path, columns, n):
    chapters = make_chapters(n, paragraphs=8)
    spec = layout(chapters, columns=columns, header="A Generated Book")
    assert len(spec.pages) > 20
    assert _crossings(spec) >= 2  # the document does split words across pages
    article = _read(tmp_path, write_pdf(spec))
    assert [b.text for b in article.blocks] == _expected(chapters)
    assert [b.kind for b in article.blocks if b.kind == "heading"] == ["heading"] * n
    _assert_clean(article, "A Generated Book")
    assert article.title == "A Generated Book"


def test_a_footer_in_the_body_font_with_the_page_count_is_left_out(tmp_path):
    chapters = make_chapters(6, paragraphs=8)
    spec = layout(chapters, columns=1, footer="Draft report, page {n} of {total}",
                  footer_font=("F1", 10))  # fmt: skip
    article = _read(tmp_path, write_pdf(spec))
    assert [b.text for b in article.blocks] == _expected(chapters)


def test_a_document_set_in_bold_has_paragraphs_not_headings(tmp_path):
    lines = ["A first short line in bold type", "and a second one, which ends it."]
    pages = [[Run(56, 700 - 14 * k, text, 10, "F2") for k, text in enumerate(lines * 3)]]
    article = _read(tmp_path, write_pdf(PdfSpec(pages=pages)))
    assert {b.kind for b in article.blocks} == {"paragraph"}


def test_the_outline_gives_the_chapters_at_their_headings(tmp_path):
    chapters = make_chapters(5, paragraphs=10)
    spec = layout(chapters, columns=2)
    # Sections under two of the chapters, pointing at the chapter's page.
    spec.outline.insert(1, ("Part One", spec.outline[0][1], 2))
    article = _read(tmp_path, write_pdf(spec))
    assert [(c.title, c.level) for c in article.chapters][:3] == [
        (chapters[0].title, 1),
        ("Part One", 2),
        (chapters[1].title, 1),
    ]
    for chapter in article.chapters:
        if chapter.level == 1:
            assert article.blocks[chapter.first_block].text == chapter.title
    ranges = [article.chapter_range(i) for i, c in enumerate(article.chapters) if c.level == 1]
    assert sum(len(r) for r in ranges) == len(article.blocks)  # the chapters cover the book


def test_headings_are_recognised_by_their_font(tmp_path):
    body = "The text of the section goes on for a while and ends here."
    page = [
        Run(56, 760, "A Large Title", 24, "F4"),
        Run(56, 720, "A Section", 15, "F4"),
        Run(56, 700, body, 10, "F3"),
        Run(56, 680, "A Bold Line Of Body Size", 10, "F4"),
        Run(56, 660, body, 10, "F3"),
    ]
    article = _read(tmp_path, write_pdf(PdfSpec(pages=[page])))
    assert [(b.kind, b.level, b.text) for b in article.blocks] == [
        ("heading", 1, "A Large Title"),
        ("heading", 2, "A Section"),
        ("paragraph", 0, body),
        ("heading", 4, "A Bold Line Of Body Size"),
        ("paragraph", 0, body),
    ]
    # No outline: the top-level heading is alone, so no chapters are made up.
    assert article.chapters == []


def test_a_qt_drawn_two_column_book(qapp, tmp_path):
    from tests.core.books.qtpdf import draw_pdf

    chapters = make_chapters(4, paragraphs=8, seed=7)
    path = tmp_path / "qt.pdf"
    draw_pdf(path, chapters, columns=2, header="A Book Drawn by Qt")
    article = read_book(load(str(path)))
    assert [b.text for b in article.blocks] == _expected(chapters)
    _assert_clean(article, "A Book Drawn by Qt")
    # QPdfWriter writes no outline: the chapters come from the headings.
    assert [c.title for c in article.chapters] == [c.title for c in chapters]


def test_a_scan_without_text_is_named(qapp, tmp_path):
    from tests.core.books.qtpdf import draw_scan

    path = tmp_path / "scan.pdf"
    draw_scan(path)
    with pytest.raises(UnsupportedContentError, match="scan.*OCR"):
        read_book(load(str(path)))


def test_a_password_protected_pdf_is_named(tmp_path):
    spec = layout(make_chapters(1), columns=1)
    spec.user_password = "secret"
    spec.outline = []
    with pytest.raises(UnsupportedContentError, match="password"):
        _read(tmp_path, write_pdf(spec))


def test_an_owner_password_alone_does_not_stop_reading(tmp_path):
    chapters = make_chapters(2, paragraphs=8)  # pages enough to tell the running head
    spec = layout(chapters, columns=1)
    spec.user_password = ""  # encrypted, opens without a password (permissions only)
    spec.outline = []
    article = _read(tmp_path, write_pdf(spec))
    assert [b.text for b in article.blocks] == _expected(chapters)


def test_a_pdf_without_pages(tmp_path):
    with pytest.raises(ExtractionError, match="no pages"):
        _read(tmp_path, write_pdf(PdfSpec(pages=[])))


def test_pages_without_any_text(tmp_path):
    with pytest.raises(ExtractionError, match="no text"):
        _read(tmp_path, write_pdf(PdfSpec(pages=[[], []])))


@pytest.mark.parametrize("keep", [8, 200, 0.5])
def test_a_damaged_pdf_is_named(tmp_path, keep):
    data = write_pdf(layout(make_chapters(2), columns=1))
    cut = data[: int(len(data) * keep) if isinstance(keep, float) else keep]
    try:
        article = _read(tmp_path, cut)
    except LoadError as exc:
        assert "PDF" in str(exc)
    else:  # PDFium rebuilds what it can of a cut file: best effort, text only ours
        _assert_clean(article, "A Generated Book")


def test_ten_thousand_pages_are_read_up_to_the_cap(tmp_path):
    spec = PdfSpec(
        pages=[[Run(56, 700, f"Page {i} holds one sentence.", 10)] for i in range(10_000)]
    )
    article = _read(tmp_path, write_pdf(spec))
    assert len(article.blocks) == MAX_PAGES
    assert article.blocks[-1].text == f"Page {MAX_PAGES - 1} holds one sentence."
    assert article.notices and "10000" in article.notices[0]
    assert article.to_json()["notices"] == article.notices


def test_the_first_chapter_is_ready_before_the_rest_is_read(tmp_path):
    from lismoi.core.books import article_parts

    chapters = make_chapters(4, paragraphs=10)
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(layout(chapters, columns=2)))
    parts = article_parts(load(str(path)))
    first = next(parts)
    assert [b.text for b in first.blocks] == _expected(chapters[:1])
    assert [c.title for c in first.chapters] == [chapters[0].title]
    *_, whole = parts
    assert whole is first  # the same Article, grown
    assert [b.text for b in whole.blocks] == _expected(chapters)
