"""`lismoi extract` on every network fault and bad file: one line on stderr, exit 1.

The real command runs in a child process (``python -m app extract``) against
a real server on 127.0.0.1 that misbehaves in a different way on each route.
"""

from __future__ import annotations

import gzip
import socket

import pytest

from tests.core.books.booktext import layout, make_chapters
from tests.core.books.epubmake import build as build_epub
from tests.core.books.epubmake import sample as epub_sample
from tests.core.books.pdfmake import PdfSpec, write_pdf
from tests.hardening.support import run_cli
from tests.support.httpserver import dripping, huge_headers, reset_mid_body

PAGE = (
    "<html lang='fr'><head><title>Le jardin</title></head><body><article><p>Les élèves du "
    "collège ont présenté leur projet de jardin partagé devant le conseil municipal.</p>"
    "</article></body></html>"
).encode()


def _silent(server):
    def route(h):
        server.stopping.wait(30)  # accepts, never answers

    return route


def _no_answer(h):
    h.connection.shutdown(socket.SHUT_RDWR)  # hangs up without a status line


def _garbage(h):
    h.wfile.write(b"\x00\x01\x02 this is not HTTP\r\n\r\n")
    h.wfile.flush()
    h.connection.close()


# route -> (how to serve it, words the one-line message must hold)
FAULTS = {
    "gzip-bomb": (
        lambda s: (
            lambda h: s.send(
                h, 200, gzip.compress(b" " * 40_000_000, 9), headers={"Content-Encoding": "gzip"}
            )
        ),
        "too large",
    ),
    "reset": (lambda s: reset_mid_body, "cut before the page was complete"),
    "huge-headers": (lambda s: huge_headers(PAGE), "not valid"),
    # One byte a second; the client is told to wait at most 0.5 s for a byte.
    "drip": (
        lambda s: dripping(s.stopping, every=1.0, length=100_000, first=b"<p>"),
        "stopped sending",
    ),
    "silent": (_silent, "stopped sending"),
    "no-answer": (lambda s: _no_answer, "cut before"),
    "garbage": (lambda s: _garbage, "not valid"),
    "404": (lambda s: lambda h: s.send(h, 404, b"<h1>nope</h1>"), "not found"),
    "410": (lambda s: lambda h: s.send(h, 410, b""), "not found"),
    "403": (lambda s: lambda h: s.send(h, 403, b""), "refused access"),
    "429": (lambda s: lambda h: s.send(h, 429, b"", headers={"Retry-After": "60"}), "too many"),
    "500": (lambda s: lambda h: s.send(h, 500, b"oops"), "problem of its own"),
    "503": (lambda s: lambda h: s.send(h, 503, b""), "problem of its own"),
    "pdf": (lambda s: lambda h: s.send(h, 200, b"%PDF-1.4", "application/pdf"), "PDF"),
    "image": (lambda s: lambda h: s.send(h, 200, b"\x89PNG\r\n", "image/png"), "image"),
    "octet-binary": (
        lambda s: lambda h: s.send(h, 200, bytes(range(256)) * 50, "application/octet-stream"),
        "binary",
    ),
    "empty": (lambda s: lambda h: s.send(h, 200, b""), "empty"),
    "scripts-only": (
        lambda s: lambda h: s.send(h, 200, b"<html><body><script>var a=1</script></body></html>"),
        "No article text",
    ),
    "too-long-declared": (
        lambda s: lambda h: s.send(h, 200, b"x", headers={"Content-Length": "999999999999"}),
        "",  # the server lies about its length: any clear message will do
    ),
}
REDIRECTS = {
    "loop": ("/loop", "redirects too many times"),
    "to-file": ("file:///etc/passwd", "not a web link"),
    "to-ftp": ("ftp://127.0.0.1/x", "not a web link"),
    # httpx itself rejects this Location while reading the answer.
    "to-javascript": ("javascript:alert(1)", "redirected to an address that cannot be opened"),
    "no-location": (None, "without a destination"),
}


def _check(run, words: str) -> None:
    assert not run.timed_out
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])
    assert len(run.stderr_lines) == 1, run.stderr[-3000:]
    line = run.stderr_lines[0]
    assert line.startswith("lismoi: "), line
    assert "Traceback" not in run.stderr
    assert words.lower() in line.lower(), line
    assert run.stdout == ""


@pytest.mark.parametrize("name", list(FAULTS))
def test_network_fault(http_server, tally, name):
    make, words = FAULTS[name]
    url = http_server.handler(f"/{name}", make(http_server))
    timeout = "0.5" if name == "drip" else "1"
    with tally.trial(f"cli:network:{name}", fault=True):
        run = run_cli("extract", "--timeout", timeout, url, timeout=90)
        _check(run, words)


@pytest.mark.parametrize("name", list(REDIRECTS))
def test_redirect_fault(http_server, tally, name):
    target, words = REDIRECTS[name]
    if target is None:
        url = http_server.handler("/r", lambda h: http_server.send(h, 302, b"", None))
    else:
        url = http_server.redirect(f"/{name}", target)
        if name == "loop":
            http_server.redirect("/loop", "/loop")
    with tally.trial("cli:redirect", fault=True):
        _check(run_cli("extract", url, timeout=90), words)


def test_connection_refused(tally):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    with tally.trial("cli:network:refused", fault=True):
        _check(run_cli("extract", f"http://127.0.0.1:{port}/", timeout=60), "refused")


def test_unknown_host(tally):
    with tally.trial("cli:network:dns", fault=True):
        _check(run_cli("extract", "http://no-such-host.invalid/", timeout=60), "Could not reach")


def _locked_pdf() -> bytes:
    spec = layout(make_chapters(1), columns=1)
    spec.user_password = "secret"
    return write_pdf(spec)


def _drm_epub() -> bytes:
    book = epub_sample(3)
    book.extra = {"META-INF/rights.xml": b"<rights/>"}
    return build_epub(book)


BAD_FILES = {
    "empty.html": (b"", "empty"),
    "blank.txt": (b"\n \n", "empty"),
    "image.html": (b"\x89PNG\r\n\x1a\n" + bytes(200), "image"),
    "doc.html": (b"%PDF-1.7", "PDF"),
    "noise.html": (bytes((i * 7919) % 256 for i in range(5000)), "binary"),
    "bomb.html.gz": (gzip.compress(b"a" * 30_000_000, 9), "too large"),
    "damaged.html.gz": (gzip.compress(PAGE)[:30], "damaged"),
    "scripts.html": (b"<script>var a = 1;</script>", "No article text"),
    # An RSS feed saved as .html: named as a feed (and bs4's XMLParsedAsHTMLWarning
    # never reaches the listener).
    "feed.html": (
        b"<?xml version='1.0'?><rss><channel><item><title>Les \xc3\xa9l\xc3\xa8ves du "
        b"coll\xc3\xa8ge</title></item></channel></rss>",
        "news feed",
    ),
    "atom.xml": (
        b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n<!-- generated -->\n"
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Blog</title></feed>",
        "news feed",
    ),
    "no-html.mhtml": (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
        b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n",
        "MHTML",
    ),
    # Books (tests/core/books has every case; these run the real command).
    "damaged.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF document is damaged"),
    "locked.pdf": (_locked_pdf(), "password"),
    "no-pages.pdf": (write_pdf(PdfSpec(pages=[])), "no pages"),
    "cut.epub": (build_epub(epub_sample(3))[:300], "damaged"),
    "drm.epub": (_drm_epub(), "Adobe DRM"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file(tmp_path, tally, name):
    data, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with tally.trial("cli:bad-file"):
        _check(run_cli("extract", str(path), timeout=90), words)


def test_missing_file_folder_and_unreadable(tmp_path, tally):
    secret = tmp_path / "secret.html"
    secret.write_bytes(PAGE)
    secret.chmod(0)
    cases = [(str(tmp_path / "nope.html"), "no file"), (str(tmp_path), "folder")]
    import os

    if os.geteuid() != 0:  # root reads anything: the permission case means nothing then
        cases.append((str(secret), "permission"))
    for source, words in cases:
        with tally.trial("cli:bad-file"):
            _check(run_cli("extract", source, timeout=60), words)


def test_a_50_mb_file_is_refused_at_once(tmp_path, tally):
    path = tmp_path / "big.html"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB of NULs that cost no disk
    with tally.trial("cli:bad-file"):
        run = run_cli("extract", str(path), timeout=90)
        _check(run, "too large")
        assert 0 < run.peak_rss_mb < 300, run.peak_rss_mb  # measured, and never read in


def test_many_sources_one_line_each(http_server, tmp_path, tally):
    good = tmp_path / "good.html"
    good.write_bytes(PAGE)
    bad = [str(tmp_path / "nope.html"), http_server.page("/500", b"", status=500)]
    with tally.trial("cli:mixed"):
        run = run_cli("extract", str(good), *bad, timeout=90)
        assert run.returncode == 1
        assert len(run.stderr_lines) == 2, run.stderr
        assert "jardin partagé" in run.stdout
