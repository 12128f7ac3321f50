"""Servers that misbehave: each fault gives its own clear message, quickly."""

from __future__ import annotations

import gzip

import pytest

from lismoi.core.errors import LoadError, NetworkError, TooLargeError
from lismoi.core.load.source import load
from tests.support.httpserver import huge_headers, reset_mid_body

FRENCH = "<p>Les élèves ont présenté leur projet à l’école : « très réussi ».</p>".encode()


def test_gzip_bomb_over_http_stops_at_the_cap(http_server):
    bomb = gzip.compress(b" " * 30_000_000, compresslevel=9)  # ~30 kB on the wire
    url = http_server.page("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLargeError, match="too large"):
        load(url, max_bytes=2_000_000)


def test_reset_in_the_middle_of_the_body(http_server):
    with pytest.raises(NetworkError, match="cut before the page was complete"):
        load(http_server.handler("/reset", reset_mid_body))


def test_huge_headers(http_server):
    with pytest.raises(NetworkError, match="not valid"):
        load(http_server.handler("/huge", huge_headers(FRENCH)))


def test_wrong_charset_in_header_is_not_trusted_blindly(http_server):
    # The header says UTF-8 but the bytes are windows-1252: strict decoding
    # fails, so the detector decides and the accents survive.
    url = http_server.page("/w", FRENCH.decode().encode("cp1252"), "text/html; charset=utf-8")
    assert "présenté leur projet à l’école" in load(url).text


def test_absent_charset_and_absent_content_type(http_server):
    url = http_server.page("/a", FRENCH.decode().encode("cp1252"), content_type=None)
    assert "« très réussi »" in load(url).text


def test_redirect_to_another_scheme_is_refused(http_server):
    url = http_server.redirect("/ftp", "ftp://127.0.0.1/page.html")
    with pytest.raises(LoadError, match="not a web link"):
        load(url)


def test_redirect_to_javascript_is_refused_in_words(http_server):
    url = http_server.redirect("/js", "javascript:alert(1)")
    with pytest.raises(LoadError, match="redirected to an address that cannot be opened"):
        load(url)


@pytest.mark.parametrize("url", ["http://[::1", "https://"])
def test_malformed_addresses(url):
    with pytest.raises(LoadError):
        load(url)
