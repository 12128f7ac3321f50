"""Recognise what a file holds from its bytes, not only its name.

Compressed files are unpacked (with a cap, so a gzip bomb cannot fill the
memory); known binary formats are named so the user hears "this file is a
PDF document" rather than a wall of noise.
"""

from __future__ import annotations

import re
import zlib

from lismoi.core.errors import TooLargeError, UnsupportedContentError
from lismoi.core.i18n import _

GZIP_MAGIC = b"\x1f\x8b"
PDF = "application/pdf"
EPUB = "application/epub+zip"
BOOKS = frozenset((PDF, EPUB))
# A book may be bigger than a page: a 1,000-page PDF with figures is 100 MB.
# Files named .pdf / .epub and links that serve or name one get this cap.
BOOK_MAX_BYTES = 200_000_000
# An EPUB's first zip entry is "mimetype", stored, holding its media type
# (OCF 3.0 section 4.3): its name and content sit at fixed offsets.
_EPUB_MIMETYPE = b"mimetypeapplication/epub+zip"

# First bytes of formats people may try to open by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "application/pdf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"RIFF", "audio/wav"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-msdownload"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ", "application/x-xz"),
    (b"7z\xbc\xaf", "application/x-7z-compressed"),
    (b"\xd0\xcf\x11\xe0", "application/msword"),
    (b"SQLite format 3", "application/x-sqlite3"),
)


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Unpack gzip data, refusing to produce more than ``max_bytes``."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error:
        raise UnsupportedContentError(
            _("This compressed file is damaged and cannot be unpacked.")
        ) from None
    if len(out) > max_bytes:
        raise TooLargeError(
            _("Unpacked, this file is too large to read (over {mb} MB).").format(
                mb=max_bytes // 1_000_000
            )
        )
    return out


def book_type(data: bytes, name_hint: str | None) -> str | None:
    """PDF or EPUB (see :data:`BOOKS`) when the bytes say so, else None.

    A PDF may have up to 1 KB of junk before its header (readers accept it);
    an EPUB is a zip that starts with its "mimetype" entry, or a zip named
    ``.epub`` (some tools write the entries in another order).
    """
    at = data.find(b"%PDF-", 0, 1024)
    if at == 0 or (at > 0 and name_hint == PDF):
        return PDF
    if data.startswith(b"PK\x03\x04") and (data[30:58] == _EPUB_MIMETYPE or name_hint == EPUB):
        return EPUB
    return None


def pdf_is_whole(data: bytes) -> bool:
    """Does a PDF's bytes have a document at all? Every PDF names its catalog
    with ``/Root`` in a trailer or cross-reference stream dictionary, which is
    never compressed; a header followed by junk (or a file cut after its first
    bytes) has none."""
    return b"/Root" in data


def binary_type(data: bytes) -> str | None:
    """The media type of a known binary format, or "application/octet-stream"
    for bytes that are clearly not text; None for text."""
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text has NUL bytes by nature
    if head:
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        # A few stray NULs happen in saved pages; a tenth of the bytes never.
        if controls / len(head) > 0.1:
            return "application/octet-stream"
    return None


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16 LE: it starts the same way
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


# A header line of a MIME message ("Name: value", lowercased), or the folded rest of
# one. Names as mail and browsers write them: a page's "<p>Note:" is not one.
_HEADER_LINE = re.compile(rb"[a-z0-9][a-z0-9_.-]*:[^\r\n]*|[ \t][^\r\n]*")


def is_mhtml(head: bytes) -> bool:
    """``head`` (lowercased, stripped) starts a MIME message holding a page: a
    header block naming MIME-Version and a multipart/related content type.

    Whatever the file is called: a browser's "Save as single file" named
    ".html" is still an archive. The whole header block must be headers, so a
    page that only mentions MIME in its text stays a page.
    """
    parts = re.split(rb"\r?\n\r?\n", head, maxsplit=1)
    headers = parts[0]
    lines = headers.splitlines()
    if len(parts) == 1:
        lines = lines[:-1]  # no end of the headers in ``head``: its last line may be cut
    if not lines or not all(_HEADER_LINE.fullmatch(line) for line in lines):
        return False
    return b"mime-version:" in headers and b"multipart/related" in headers


def sniff_media_type(data: bytes, name_hint: str | None) -> str:
    """ "text/html", "text/plain", "text/markdown" or "multipart/related" (MHTML)."""
    for bom, enc in _WIDE_BOMS:
        if data.startswith(bom):
            # UTF-16/32 page: look at its characters, not at bytes half made of NULs.
            data = data[:16384].decode(enc, "ignore").encode("utf-8")
            break
    head = data[:4096].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if is_mhtml(head):
        return "multipart/related"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "text/html"
    if head.startswith((b"<head", b"<meta", b"<title", b"<p>", b"<div", b"<article")):
        return "text/html"
    if name_hint in ("text/markdown",):
        return name_hint
    return "text/plain"


# An RSS, RDF or Atom feed: a list of articles (titles and links), not one to read.
_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)


def is_feed(data: bytes) -> bool:
    """True for a news feed (RSS, RDF or Atom), whatever the file is called."""
    return bool(_FEED_START.match(data[:4096]))


def refuse_feed(*, is_link: bool = False) -> UnsupportedContentError:
    if is_link:
        msg = _(
            "This link is a news feed (RSS or Atom), a list of articles rather than an "
            "article: open one of its articles instead."
        )
    else:
        msg = _(
            "This file is a news feed (RSS or Atom), a list of articles rather than an "
            "article: open one of its articles instead."
        )
    return UnsupportedContentError(msg)


def refuse_binary(media: str, *, is_link: bool = False) -> UnsupportedContentError:
    from lismoi.core.load.fetch import describe_type

    what = describe_type(media) if media != "application/octet-stream" else _("a binary file")
    if is_link:
        msg = _("This link is {what}, not a web page or text: Lis-moi cannot read it.")
    else:
        msg = _("This file is {what}, not a web page or text: Lis-moi cannot read it.")
    return UnsupportedContentError(msg.format(what=what))
