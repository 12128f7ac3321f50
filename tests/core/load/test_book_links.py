"""Links to a PDF or an EPUB load like the files, from the real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest

from lismoi.core.errors import UnsupportedContentError
from lismoi.core.load.sniff import EPUB, PDF
from lismoi.core.load.source import load
from lismoi.core.pipeline import read_article
from tests.core.books.booktext import layout, make_chapters
from tests.core.books.epubmake import build, sample
from tests.core.books.pdfmake import write_pdf

EPUB_CHAPTERS = ["The Departure", "Le Retour", "Sur la route"]


@pytest.mark.parametrize(
    "content_type",
    ["application/epub+zip", "application/zip", "application/octet-stream", None],
)
def test_an_epub_link_reads_as_the_book(http_server, content_type):
    data = build(sample(3))
    url = http_server.page("/book", data, content_type=content_type)
    doc = load(url)
    assert doc.media_type == EPUB and doc.data == data
    article = read_article(url)
    assert [c.title for c in article.chapters] == EPUB_CHAPTERS
    assert article.url == url and article.source == url
    assert any(b.text.startswith("Ils revinrent au printemps") for b in article.blocks)


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "application/x-pdf; name=report.pdf", "binary/octet-stream"]
)
def test_a_pdf_link_reads_as_the_document(http_server, content_type):
    chapters = make_chapters(2, paragraphs=2, words=40)
    url = http_server.page("/report", write_pdf(layout(chapters)), content_type=content_type)
    assert load(url).media_type == PDF
    article = read_article(url)
    assert [c.title for c in article.chapters] == [c.title for c in chapters]
    # The paragraphs came through the PDF reader, not as bytes decoded as text.
    assert article.blocks[1].text.startswith(chapters[0].paragraphs[0][:30])


def test_a_page_served_as_pdf_is_read_as_the_page(http_server):
    url = http_server.page("/p", b"<html><body><p>Just a page.</p></body></html>",
                           content_type="application/pdf")
    article = read_article(url)
    assert [b.text for b in article.blocks] == ["Just a page."]


def test_a_zip_that_is_no_book_is_still_refused(http_server):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    url = http_server.page("/z", buf.getvalue(), content_type="application/zip")
    with pytest.raises(UnsupportedContentError, match="ZIP|archive"):
        load(url)


def test_other_documents_are_still_refused_by_their_type(http_server):
    url = http_server.page("/w", b"PK\x03\x04....", content_type="application/msword")
    with pytest.raises(UnsupportedContentError, match="Word document"):
        load(url)


def test_a_book_link_may_be_as_big_as_a_book_file(http_server):
    # A page over the cap is refused; a PDF or an EPUB link gets the book files' cap
    # (a 1,000-page PDF with figures is 100 MB): by its type, or by its name.
    from lismoi.core.errors import TooLargeError
    from lismoi.core.load.fetch import fetch

    body = b"%PDF-1.7\n" + b"0" * 1_200_000
    page = http_server.page("/page", b"<p>" + b"x" * 1_200_000, content_type="text/html")
    with pytest.raises(TooLargeError):
        fetch(page, max_bytes=1_000_000)
    typed = http_server.page("/typed", body, content_type="application/pdf")
    named = http_server.page("/files/report.pdf", body, content_type="application/octet-stream")
    for url in (typed, named):
        assert fetch(url, max_bytes=1_000_000).data == body
