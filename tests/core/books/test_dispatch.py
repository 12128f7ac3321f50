"""A book reaches the book readers whatever it is called: load keeps its
bytes, the pipeline reads it with its chapters and languages."""

from __future__ import annotations

import pytest

from lismoi.core.books import is_book
from lismoi.core.errors import UnsupportedContentError
from lismoi.core.load.sniff import EPUB, PDF
from lismoi.core.load.source import load
from lismoi.core.pipeline import read_article
from tests.core.books.booktext import layout, make_chapters
from tests.core.books.epubmake import build, sample
from tests.core.books.pdfmake import write_pdf


@pytest.mark.parametrize("name", ["report.pdf", "report.html", "report"])
def test_a_pdf_is_recognised_by_its_bytes(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(write_pdf(layout(make_chapters(2), columns=1)))
    doc = load(str(path))
    assert (doc.media_type, doc.text, is_book(doc)) == (PDF, "", True)
    assert doc.data == path.read_bytes()


@pytest.mark.parametrize("name", ["book.epub", "book.zip"])
def test_an_epub_is_recognised_by_its_mimetype_entry(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(build(sample(3)))
    assert load(str(path)).media_type == EPUB


def test_a_pdf_named_pdf_that_holds_a_page_is_read_as_the_page(tmp_path):
    path = tmp_path / "saved.pdf"
    path.write_text("<html><body><p>A page saved under the wrong name.</p></body></html>")
    assert load(str(path)).media_type == "text/html"


def test_a_pdf_header_and_junk_is_named_damaged(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(UnsupportedContentError, match="PDF document is damaged"):
        load(str(path))


def test_the_pipeline_reads_a_book_with_chapters_and_languages(tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(build(sample(3)))
    article = read_article(str(path))
    assert article.source == str(path)
    assert [c.title for c in article.chapters] == ["The Departure", "Le Retour", "Sur la route"]
    langs = {b.text: b.lang for b in article.blocks}
    assert langs["Ils revinrent au printemps, fatigués mais heureux."].startswith("fr")
    assert langs["The travellers left at dawn, long before the town woke."].startswith("en")


def test_the_pipeline_reads_a_pdf(tmp_path):
    chapters = make_chapters(3)
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(layout(chapters, columns=2)))
    article = read_article(str(path))
    assert [c.title for c in article.chapters] == [c.title for c in chapters]
    assert article.locale and article.locale.startswith("en")


def test_a_long_book_can_be_cancelled_between_chapters(tmp_path):
    import threading

    from lismoi.core.books import read_book
    from lismoi.core.errors import LoadError

    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(layout(make_chapters(3), columns=1)))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(LoadError, match="cancelled"):
        read_book(load(str(path)), cancel)
