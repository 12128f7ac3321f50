"""Download a page over http(s) with limits a reader needs.

Redirects are followed by hand (at most 10) so that each hop's scheme is
checked: a page can never send us to ``file://`` or another scheme. The body
is streamed with a size cap, a low-speed limit and a total deadline: a server
that drips a few bytes a second never trips a read timeout, so, as with
curl's ``--speed-limit``/``--speed-time``, too few bytes over a window of
seconds ends the download with a message, while a slow but steady page goes
on. The content type is checked before the body is read. Every failure
becomes a :class:`LoadError` in plain words.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from lismoi import __version__
from lismoi.core.errors import (
    HttpStatusError,
    LoadError,
    NetworkError,
    TooLargeError,
    UnsupportedContentError,
)
from lismoi.core.i18n import _
from lismoi.core.load.sizes import amount
from lismoi.core.load.sniff import BOOK_MAX_BYTES, BOOKS
from lismoi.core.load.speed import SpeedCheck

MAX_REDIRECTS = 10
BOOK_EXTRA_SECONDS = 540.0  # a book link may take 10 minutes in all (a page: 60 s)
# The low-speed limit: fewer than SPEED_LIMIT bytes a second on average over
# the last SPEED_TIME seconds ends the download. 1 KB/s is a fifth of the
# slowest mobile data (GPRS, ~5 KB/s), so a slow but real connection still
# loads; 10 s keeps a drip's message well within 20 s (the window, plus at
# most one read timeout if the drip pauses). Constants rather than
# settings: no listener should have to tune them.
SPEED_LIMIT = 1000
SPEED_TIME = 10.0
ACCEPTED_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
    "multipart/related": "multipart/related",  # a saved MHTML page served as is
    "application/x-mimearchive": "multipart/related",
    "message/rfc822": "multipart/related",
    # Books: their bytes go to the loader, which checks them (sniff.book_type)
    # and reads a PDF named so that holds a page as that page.
    "application/pdf": "application/pdf",
    "application/x-pdf": "application/pdf",
    "application/epub+zip": "application/epub+zip",
}
# Types that may hold anything; the body's first bytes decide.
SNIFF_TYPES = {
    "",
    "application/octet-stream",
    "binary/octet-stream",
    "application/unknown",
    "application/gzip",  # a saved page.html.gz: the loader unpacks it
    "application/x-gzip",
    "application/zip",  # an EPUB served as the zip it is: its "mimetype" entry tells
    "application/x-zip-compressed",
}

Progress = Callable[[int, "int | None"], None]


@dataclass
class Fetched:
    """The raw answer: bytes as sent (before charset decoding)."""

    data: bytes
    url: str
    media_type: str
    charset: str | None
    content_language: str | None


def describe_type(media_type: str) -> str:
    """What a content type is, in words: "a PDF document", "an image"..."""
    major = media_type.split("/", 1)[0]
    named = {
        "application/pdf": _("a PDF document"),
        "application/json": _("JSON data"),
        "application/zip": _("a ZIP archive"),
        "application/epub+zip": _("an e-book (EPUB)"),
        "application/msword": _("a Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _(
            "a Word document"
        ),
        "application/javascript": _("a script"),
        "text/javascript": _("a script"),
        "text/css": _("a style sheet"),
        "application/xml": _("XML data"),
        "text/xml": _("XML data"),
    }
    if media_type in named:
        return named[media_type]
    return {
        "image": _("an image"),
        "audio": _("an audio file"),
        "video": _("a video"),
        "font": _("a font"),
    }.get(major, _("a file of type {type}").format(type=media_type))


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise LoadError(
            _("Only web links (http or https) can be opened, not “{scheme}:” links.").format(
                scheme=scheme or "?"
            )
        )


def _status_error(status: int, host: str) -> HttpStatusError:
    if status == 404 or status == 410:
        msg = _("The page was not found on {host} (error {status}).")
    elif status in (401, 403):
        msg = _("{host} refused access to this page (error {status}).")
    elif status == 429:
        msg = _("{host} is receiving too many requests (error {status}). Try again in a minute.")
    elif status >= 500:
        msg = _("{host} has a problem of its own (error {status}). Try again later.")
    else:
        msg = _("{host} answered with error {status}.")
    return HttpStatusError(msg.format(host=host, status=status), status)


def fetch(
    url: str,
    *,
    timeout: float = 10.0,
    total_timeout: float = 60.0,
    max_bytes: int = 25_000_000,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    client: httpx.Client | None = None,
    speed_limit: int = SPEED_LIMIT,
    speed_time: float = SPEED_TIME,
) -> Fetched:
    """Download ``url``; raise a :class:`LoadError` subclass on any failure.

    ``speed_limit`` bytes a second over ``speed_time`` seconds is the least
    the body must come at (0 turns the check off)."""
    check_scheme(url)
    limits = _Limits(time.monotonic() + total_timeout, total_timeout, max_bytes,
                     speed_limit, speed_time)
    own_client = client is None
    if client is None:
        client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": f"Mozilla/5.0 (compatible; Lis-moi/{__version__})",
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,"
                "application/epub+zip,application/pdf;q=0.8,*/*;q=0.5",
                "Accept-Language": "fr,en;q=0.8,*;q=0.5",
            },
            trust_env=False,  # a reader has no business with proxy variables of a shell
        )
    try:
        return _fetch(url, client, timeout, limits, progress, cancel)
    finally:
        if own_client:
            client.close()


@dataclass(frozen=True)
class _Limits:
    deadline: float  # time.monotonic() by which the whole page must be in
    total_timeout: float
    max_bytes: int
    speed_limit: int
    speed_time: float


def _fetch(url, client, timeout, limits: _Limits, progress, cancel) -> Fetched:
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        host = host_of(current)
        try:
            with client.stream("GET", current) as resp:
                if resp.is_redirect:
                    location = resp.headers.get("location")
                    if not location:
                        raise LoadError(
                            _("{host} sent a redirect without a destination.").format(host=host)
                        )
                    current = urljoin(current, location)
                    try:
                        check_scheme(current)
                    except LoadError:
                        raise LoadError(
                            _(
                                "{host} tried to send you to “{target}”, which is not a web "
                                "link; it was not followed."
                            ).format(host=host, target=current)
                        ) from None
                    continue
                if resp.status_code >= 400:
                    raise _status_error(resp.status_code, host)
                return _read_body(resp, host, limits, progress, cancel)
        except httpx.ConnectTimeout:
            raise NetworkError(
                _("Could not reach {host}: no answer after {seconds:g} s.").format(
                    host=host, seconds=timeout
                )
            ) from None
        except httpx.ReadTimeout:
            raise NetworkError(
                _("{host} stopped sending the page (nothing for {seconds:g} s).").format(
                    host=host, seconds=timeout
                )
            ) from None
        except httpx.TimeoutException:
            raise NetworkError(
                _("{host} is too slow: no answer after {seconds:g} s.").format(
                    host=host, seconds=timeout
                )
            ) from None
        except httpx.ConnectError as exc:
            reason = str(exc).lower()
            if "name or service" in reason or "nodename" in reason or "getaddrinfo" in reason:
                detail = _("this address does not exist, or you are offline")
            elif "refused" in reason:
                detail = _("the connection was refused")
            else:
                detail = _("the connection failed")
            raise NetworkError(
                _("Could not reach {host}: {detail}.").format(host=host, detail=detail)
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            reason = str(exc).lower()
            # h11 says "Receive buffer too long" for oversized headers.
            if any(w in reason for w in ("header", "maximum", "buffer too long", "illegal")):
                msg = _("{host} sent an answer that is not valid (oversized or broken headers).")
            else:
                msg = _("The connection to {host} was cut before the page was complete.")
            raise NetworkError(msg.format(host=host)) from None
        except httpx.DecodingError:
            raise LoadError(
                _("{host} sent a compressed page that could not be unpacked.").format(host=host)
            ) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise LoadError(_invalid_url_message(current, host)) from None
        except httpx.HTTPError as exc:
            raise NetworkError(
                _("Could not load the page from {host} ({error}).").format(
                    host=host, error=type(exc).__name__
                )
            ) from None
    raise LoadError(
        _("{host} redirects too many times (more than {n}); the page cannot be opened.").format(
            host=host_of(url), n=MAX_REDIRECTS
        )
    )


def _invalid_url_message(current: str, host: str) -> str:
    """httpx also raises InvalidURL when a redirect's Location is unusable
    ("javascript:..."): tell which of the two it was."""
    try:
        httpx.URL(current)
    except (httpx.InvalidURL, ValueError):
        return _("This is not a valid web address: {url}").format(url=current)
    return _("{host} redirected to an address that cannot be opened; it was not followed.").format(
        host=host
    )


def _check_speed(speed: SpeedCheck, wire_bytes: int, host: str) -> None:
    got = speed.too_slow(wire_bytes)
    if got is not None:
        raise NetworkError(
            _(
                "{host} is sending the page too slowly (only {amount} in the last "
                "{seconds:g} s); loading was stopped."
            ).format(host=host, amount=amount(got), seconds=speed.window)
        )


def _read_body(resp, host, limits: _Limits, progress, cancel) -> Fetched:
    from lismoi.core.load.charset import charset_from_content_type

    max_bytes, deadline, total_timeout = limits.max_bytes, limits.deadline, limits.total_timeout
    ctype = resp.headers.get("content-type", "")
    media = ctype.split(";", 1)[0].strip().lower()
    if media in BOOKS or urlsplit(str(resp.url)).path.lower().endswith((".pdf", ".epub")):
        # A book may be as big as its file would be, and take minutes on a slow
        # line: the low-speed check still stops a link that stalls.
        max_bytes = max(max_bytes, BOOK_MAX_BYTES)
        deadline += BOOK_EXTRA_SECONDS
        total_timeout += BOOK_EXTRA_SECONDS
    if media not in ACCEPTED_TYPES and media not in SNIFF_TYPES:
        raise UnsupportedContentError(
            _("This link is {what}, not a web page or text: Lis-moi cannot read it.").format(
                what=describe_type(media)
            )
        )
    too_large = TooLargeError(
        _("The page at {host} is too large to read (over {mb} MB).").format(
            host=host, mb=max_bytes // 1_000_000
        )
    )
    length = resp.headers.get("content-length")
    total = int(length) if length and length.isdigit() else None
    if total is not None and total > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    received = 0
    speed = SpeedCheck(limits.speed_limit, limits.speed_time)
    # iter_bytes decodes gzip/deflate/br: the cap applies to what comes out,
    # so a gzip bomb stops at max_bytes (plus one decoded chunk). The speed is
    # that of the wire (num_bytes_downloaded), before decompression.
    for chunk in resp.iter_bytes():
        if cancel is not None and cancel.is_set():
            raise LoadError(_("Loading was cancelled."))
        received += len(chunk)
        if received > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise NetworkError(
                _("{host} is too slow: the page was not complete after {seconds:g} s.").format(
                    host=host, seconds=total_timeout
                )
            )
        _check_speed(speed, resp.num_bytes_downloaded, host)
        chunks.append(chunk)
        if progress is not None:
            progress(received, total)
    data = b"".join(chunks)
    if media in SNIFF_TYPES:
        media = ""  # the loader decides from the bytes
    return Fetched(
        data=data,
        url=str(resp.url),
        media_type=ACCEPTED_TYPES.get(media, media),
        charset=charset_from_content_type(ctype),
        content_language=resp.headers.get("content-language"),
    )
