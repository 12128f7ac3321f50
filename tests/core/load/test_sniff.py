"""Recognising what bytes hold, whatever the file is called (load/sniff.py)."""

from __future__ import annotations

import pytest

from lismoi.core.load.sniff import is_mhtml, sniff_media_type

BLINK = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/a\r\n"
         b"Subject: page\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
         b"\ttype=\"text/html\"; boundary=\"----=_Part_0\"\r\n\r\n------=_Part_0\r\n")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (BLINK, True),  # a folded Content-Type header too
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n", True),
        # Headers longer than the head that is looked at: its cut last line is left out.
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n"
         + b"X-Long: " + b"a" * 50 + b"\nX-Cu", True),
        (b"<html><body><pre>MIME-Version: 1.0\nContent-Type: multipart/related\n</pre>", False),
        (b"MIME-Version: 1.0\nContent-Type: text/html\n\n<p>one page</p>", False),
        (b"Notes from the meeting\nMIME-Version: 1.0 multipart/related\n\n", False),
        (b"", False),
    ],
)
def test_an_mhtml_archive_is_known_by_its_header_block(head, expected):
    assert is_mhtml(head.lower()) is expected


def test_the_archive_wins_over_the_name():
    assert sniff_media_type(BLINK, "text/html") == "multipart/related"
    assert sniff_media_type(b"<p>Content-Type: multipart/related</p>", None) == "text/html"
