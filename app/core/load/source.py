"""Load a source (a file path or an http(s) URL) into a decoded document.

This is the first stage of the pipeline: bytes in, text out, with the media
type, the final URL and the language header kept for later stages. Files are
recognised by their bytes as well as their name (a ``.gz`` of anything is
unpacked, a picture named ``.html`` is refused by name); every failure is a
:class:`~lismoi.core.errors.LoadError` whose message a user understands.

A book (PDF or EPUB, recognised by its bytes) is not decoded here: its
Document carries the bytes in ``data`` and the media type says which, for
:mod:`lismoi.core.books` to read (the pipeline dispatches it there, so this
layer never imports the one above it).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from lismoi.core.errors import LoadError, NotFoundError, TooLargeError, UnsupportedContentError
from lismoi.core.i18n import _
from lismoi.core.load import charset, sniff
from lismoi.core.load.mhtml import read_mhtml

if TYPE_CHECKING:
    from lismoi.core.load.fetch import Progress

MAX_BYTES = 25_000_000
BOOK_MAX_BYTES = sniff.BOOK_MAX_BYTES  # for files named .pdf / .epub (fetch: for links)

_BY_SUFFIX = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".shtml": "text/html",
    ".mhtml": "multipart/related",
    ".mht": "multipart/related",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": sniff.PDF,
    ".epub": sniff.EPUB,
}


@dataclass
class Document:
    """A decoded source, ready for extraction."""

    text: str
    media_type: str  # "text/html" | "text/plain" | "text/markdown" | a book's (sniff.BOOKS)
    source: str
    url: str | None = None
    content_language: str | None = None
    charset: str | None = None
    data: bytes | None = None  # a book's bytes (PDF, EPUB); ``text`` is then ""


def is_url(source: str) -> bool:
    """True for anything with a URL scheme other than a Windows drive letter."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1 and "://" in source[:16]


def load(
    source: str,
    *,
    timeout: float = 10.0,
    total_timeout: float = 60.0,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    speed: tuple[int, float] | None = None,
) -> Document:
    """Read ``source`` (path, ``file://`` or ``http(s)://`` URL) into a Document.

    ``speed``: (bytes a second, over seconds), the low-speed limit of a
    download, :data:`lismoi.core.load.fetch.SPEED_LIMIT` and ``SPEED_TIME``
    unless given (tests give small ones)."""
    try:
        urlsplit(source)
    except ValueError:  # "http://[::1": urllib refuses it before anyone can
        raise LoadError(_("This is not a valid web address: {url}").format(url=source)) from None
    if is_url(source) and urlsplit(source).scheme.lower() != "file":
        # httpx costs 0.14 s to import: only a web address pays it, not a file.
        from lismoi.core.load.fetch import SPEED_LIMIT, SPEED_TIME, fetch

        speed_limit, speed_time = speed if speed is not None else (SPEED_LIMIT, SPEED_TIME)
        got = fetch(
            source,
            timeout=timeout,
            total_timeout=total_timeout,
            max_bytes=max_bytes,
            progress=progress,
            cancel=cancel,
            speed_limit=speed_limit,
            speed_time=speed_time,
        )
        return _document(
            got.data,
            source=source,
            media_hint=got.media_type or None,
            declared=got.charset,
            url=got.url,
            content_language=got.content_language,
            max_bytes=max_bytes,
            is_link=True,
        )
    path = Path(unquote(urlsplit(source).path)) if source.startswith("file://") else Path(source)
    media_hint = _media_from_name(path.name)
    if media_hint in sniff.BOOKS:
        max_bytes = max(max_bytes, BOOK_MAX_BYTES)
    data = _read_file(path, max_bytes)
    if progress is not None:
        progress(len(data), len(data))
    return _document(
        data,
        source=source,
        media_hint=media_hint,
        declared=None,
        url=None,
        content_language=None,
        max_bytes=max_bytes,
        is_link=False,
    )


def _media_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _BY_SUFFIX.get(os.path.splitext(lower)[1])


def _read_file(path: Path, max_bytes: int) -> bytes:
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError(_("“{name}” is a folder, not a file.").format(name=name))
        if size > max_bytes:
            raise TooLargeError(
                _("“{name}” is too large to read (over {mb} MB).").format(
                    name=name, mb=max_bytes // 1_000_000
                )
            )
        with path.open("rb") as f:
            return f.read(max_bytes + 1)
    except FileNotFoundError:
        raise NotFoundError(_("There is no file “{path}”.").format(path=path)) from None
    except PermissionError:
        raise LoadError(
            _("You do not have permission to read “{name}”.").format(name=name)
        ) from None
    except IsADirectoryError:
        raise LoadError(_("“{name}” is a folder, not a file.").format(name=name)) from None
    except ValueError:  # a NUL byte in the path ("file:///a%00.html"): no such file
        raise NotFoundError(_("There is no file “{path}”.").format(path=path)) from None
    except OSError as exc:
        raise LoadError(
            _("“{name}” could not be read ({reason}).").format(name=name, reason=exc.strerror)
        ) from None


def _document(
    data: bytes,
    *,
    source: str,
    media_hint: str | None,
    declared: str | None,
    url: str | None,
    content_language: str | None,
    max_bytes: int,
    is_link: bool,
) -> Document:
    if data.startswith(sniff.GZIP_MAGIC):
        data = sniff.gunzip(data, max_bytes)
    book = sniff.book_type(data, media_hint)
    if book == sniff.PDF and not sniff.pdf_is_whole(data):
        raise UnsupportedContentError(_("This PDF document is damaged and cannot be read."))
    if book is not None:
        return Document(
            text="",
            media_type=book,
            source=source,
            url=url,
            content_language=content_language,
            data=data,
        )
    if media_hint in sniff.BOOKS:
        media_hint = None  # "report.pdf" holding a web page: its bytes decide
    binary = sniff.binary_type(data)
    if binary is not None:
        raise sniff.refuse_binary(binary, is_link=is_link)
    if sniff.is_feed(data):
        raise sniff.refuse_feed(is_link=is_link)
    if not data.strip():
        what = _("This page is empty.") if is_link else _("This file is empty.")
        raise LoadError(what)
    media = media_hint
    if media is None or media in ("text/plain", "text/html"):
        # The name or the server's type decides between text and HTML (a
        # .txt that shows "<p>" is read as written); only an MHTML archive,
        # whatever it is called, is recognised by its bytes.
        sniffed = sniff.sniff_media_type(data, media)
        if media is None or sniffed == "multipart/related":
            media = sniffed
    if media == "multipart/related":
        page = read_mhtml(data)
        data, declared, url = page.html, page.charset or declared, url or page.url
        media = "text/html"
    # The top-level domain is the detector's hint, as in Firefox (a file has
    # none, unless it is a saved page that records its address).
    tld = charset.tld_hint(urlsplit(url).hostname) if url else None
    decoded = charset.decode(
        data, declared, html=media == "text/html", tld=tld, language=content_language
    )
    # NUL bytes are never text; libxml2 and espeak both stop at them.
    text = decoded.text.replace("\x00", "")
    return Document(
        text=text,
        media_type=media,
        source=source,
        url=url,
        content_language=content_language,
        charset=decoded.encoding,
    )
