"""Loading files and URLs: encodings, containers, and every failure in words."""

from __future__ import annotations

import gzip
import socket
from pathlib import Path

import pytest

from lismoi.core.errors import (
    HttpStatusError,
    LoadError,
    NetworkError,
    NotFoundError,
    TooLargeError,
    UnsupportedContentError,
)
from lismoi.core.load.source import load

FIX = Path(__file__).parents[2] / "fixtures" / "loading"
ACCENTS = "L’été à Montréal"


@pytest.mark.parametrize(
    "name",
    [
        "ete-utf8.html",
        "ete-utf8-bom.html",
        "ete-utf16.html",
        "ete-cp1252-declared.html",
        "ete-cp1252-undeclared.html",  # no declaration at all: the detector decides
        "ete-utf8.html.gz",
        "saved-page.html",  # gzip bytes behind an .html name
        "ete-montreal.mhtml",
    ],
)
def test_french_pages_keep_their_accents(name):
    doc = load(str(FIX / name))
    assert doc.media_type == "text/html"
    assert ACCENTS in doc.text
    assert "« C’est une année exceptionnelle »" in doc.text
    assert "120 €" in doc.text
    assert "Ã" not in doc.text and "\ufffd" not in doc.text


def test_mhtml_takes_the_html_part_and_its_location():
    doc = load(str(FIX / "ete-montreal.mhtml"))
    assert doc.url == "https://www.exemple.qc.ca/ete-montreal"
    assert doc.charset == "cp1252"
    assert "color: black" not in doc.text  # the stylesheet part is not the page


def test_text_and_markdown_by_name_and_through_gzip():
    assert load(str(FIX / "marche.txt")).media_type == "text/plain"
    md = load(str(FIX / "crepes.md.gz"))
    assert md.media_type == "text/markdown"
    assert md.text.startswith("# Recette de la pâte à crêpes")


def test_file_url_is_a_path():
    doc = load((FIX / "ete-utf8.html").as_uri())
    assert ACCENTS in doc.text


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("not-really.html", UnsupportedContentError, "PDF"),
        ("empty.html", LoadError, "empty"),
        ("no-such-file.html", NotFoundError, "There is no file"),
    ],
)
def test_bad_files_give_one_clear_message(name, error, words):
    with pytest.raises(error) as info:
        load(str(FIX / name))
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(LoadError, match="folder"):
        load(str(tmp_path))


def test_oversize_file(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"a" * 2000 + b"</p>")
    with pytest.raises(TooLargeError, match="too large"):
        load(str(big), max_bytes=1000)


def test_gzip_bomb_file_is_capped(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b" " * 5_000_000))
    with pytest.raises(TooLargeError):
        load(str(bomb), max_bytes=1_000_000)


# --- URLs, from a real server on 127.0.0.1 -----------------------------------------

PAGE = (FIX / "ete-utf8.html").read_bytes()


def test_url_with_redirect_chain_keeps_final_url(http_server):
    final = http_server.page("/final", PAGE, headers={"Content-Language": "fr-CA"})
    http_server.redirect("/r2", "/final")
    http_server.redirect("/r1", http_server.url("/r2"), status=301)
    doc = load(http_server.url("/r1"))
    assert doc.url == final
    assert doc.content_language == "fr-CA"
    assert ACCENTS in doc.text


def test_charset_from_http_header_wins_over_detection(http_server):
    body = (FIX / "ete-cp1252-undeclared.html").read_bytes()
    url = http_server.page("/p", body, content_type="text/html; charset=windows-1252")
    doc = load(url)
    assert doc.charset == "cp1252" and ACCENTS in doc.text


def test_redirect_loop(http_server):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with pytest.raises(LoadError, match="redirects too many times"):
        load(http_server.url("/a"))


def test_redirect_to_a_local_file_is_refused(http_server):
    url = http_server.redirect("/evil", "file:///etc/passwd")
    with pytest.raises(LoadError, match="not a web link") as info:
        load(url)
    assert "root:" not in str(info.value)


def test_404(http_server):
    with pytest.raises(HttpStatusError, match="not found") as info:
        load(http_server.url("/missing"))
    assert info.value.status == 404


@pytest.mark.parametrize(("status", "words"), [(429, "too many requests"), (500, "problem")])
def test_server_errors(http_server, status, words):
    url = http_server.page("/e", b"oops", status=status)
    with pytest.raises(HttpStatusError, match=words):
        load(url)


def test_a_broken_pdf_link_is_named_damaged(http_server):
    # A link to a PDF is read as a book (tests/core/load/test_book_links.py);
    # one whose bytes are only a header is said to be damaged.
    url = http_server.page("/doc", b"%PDF-1.4 ...", content_type="application/pdf")
    with pytest.raises(UnsupportedContentError, match="PDF document is damaged"):
        load(url)


def test_octet_stream_is_sniffed(http_server):
    html_url = http_server.page("/h", PAGE, content_type="application/octet-stream")
    assert ACCENTS in load(html_url).text
    png_url = http_server.page("/i", b"\x89PNG\r\n\x1a\n" + bytes(500), content_type=None)
    with pytest.raises(UnsupportedContentError, match="image"):
        load(png_url)


def test_oversize_body_with_and_without_length(http_server):
    url = http_server.page("/big", b"<p>" + b"x" * 50_000 + b"</p>")
    with pytest.raises(TooLargeError, match="too large"):
        load(url, max_bytes=10_000)

    def chunked(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        for _ in range(20):
            piece = b"<p>" + b"y" * 4000 + b"</p>"
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        h.wfile.write(b"0\r\n\r\n")

    with pytest.raises(TooLargeError):
        load(http_server.handler("/chunked", chunked), max_bytes=10_000)


def test_slow_server_hits_the_timeout(http_server):
    def slow(h):
        http_server.stopping.wait(5)  # released at teardown

    url = http_server.handler("/slow", slow)
    with pytest.raises(NetworkError, match=r"127\.0\.0\.1") as info:
        load(url, timeout=0.5)
    assert "0.5 s" in str(info.value)


def test_dripping_server_hits_the_total_deadline(http_server):
    url = http_server.drip("/drip", every=0.1, length=1000)
    with pytest.raises(NetworkError, match="too slow"):
        load(url, timeout=5, total_timeout=1)


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: nobody answers
        with pytest.raises(NetworkError, match="Could not reach 127.0.0.1"):
            load(f"http://127.0.0.1:{port}/", timeout=2)


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "javascript:alert(1)"])
def test_other_schemes_are_refused(url):
    with pytest.raises(LoadError):
        load(url)


def test_a_saved_single_file_page_named_html_is_read_as_the_archive(tmp_path):
    # A browser's "Save as single file" renamed .html: its bytes say MHTML.
    page = tmp_path / "ete-montreal.html"
    page.write_bytes((FIX / "ete-montreal.mhtml").read_bytes())
    doc = load(str(page))
    assert doc.url == "https://www.exemple.qc.ca/ete-montreal"
    assert ACCENTS in doc.text
    assert "Content-Transfer-Encoding" not in doc.text


def test_a_page_that_shows_mime_headers_stays_a_page(tmp_path):
    page = tmp_path / "about-mime.html"
    page.write_text("<html><body><pre>MIME-Version: 1.0\nContent-Type: multipart/related\n"
                    "</pre><p>How a saved page is stored.</p></body></html>")
    doc = load(str(page))
    assert doc.media_type == "text/html"
    assert "How a saved page is stored." in doc.text
