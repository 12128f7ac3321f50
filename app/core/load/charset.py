"""Turn the bytes of a page into text with the right encoding.

Order of trust, as browsers do: a byte-order mark, then the HTTP header,
then ``<meta charset>`` (or ``http-equiv``) near the top of the document, then
strict UTF-8, then Firefox's detector (chardetng, with the address's
top-level domain as a hint, or the page's language where the domain names
no country; see :mod:`lismoi.core.load.detect`). Labels are
normalised the WHATWG way: "iso-8859-1" and "ascii" mean windows-1252, whose
0x80-0x9F range holds the French ’ « » œ € that latin-1 lacks, "gbk" means
GB18030, "shift_jis" windows-31J.

A declaration the bytes contradict is not trusted blindly: one they do not
decode under is skipped, and bytes that are valid UTF-8 with non-ASCII
characters are read as UTF-8 whatever a legacy label says (the odds that
legacy text is also valid UTF-8 are nil; a server's default "iso-8859-1" in
front of a UTF-8 page is common).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lismoi.core.load.detect import guess, normalise_label, strict, tld_hint

__all__ = ["Decoded", "decode", "normalise_label", "tld_hint"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_LANG = re.compile(
    rb"""<html[^>]*?\slang\s*=\s*["']?([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{1,8})*)"""
    rb"""|<meta[^>]+?content-language["']?\s+content\s*=\s*["']?([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*)""",
    re.IGNORECASE,
)
# How far into the document a <meta charset> is looked for (browsers: 1024
# bytes; real pages put it after long comments, so be a little more lenient).
_META_WINDOW = 4096


@dataclass(frozen=True)
class Decoded:
    """Decoded text and where its encoding came from."""

    text: str
    encoding: str
    origin: str  # "bom" | "header" | "meta" | "utf-8" | "detector"


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def sniff_meta(data: bytes) -> str | None:
    """The encoding an HTML document declares in its first bytes."""
    m = _META.search(data[:_META_WINDOW])
    return m.group(1).decode("ascii", "replace") if m else None


def _escapes(data: bytes) -> bool:
    """ISO-2022-JP is 7-bit, so valid UTF-8: its escape sequences tell it apart."""
    return b"\x1b$" in data or b"\x1b(" in data


def sniff_lang(data: bytes) -> str | None:
    """The language an HTML document declares (``<html lang>``, or a
    ``content-language`` meta) in its first bytes."""
    m = _LANG.search(data[:_META_WINDOW])
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


def decode(
    data: bytes,
    declared: str | None = None,
    *,
    html: bool = True,
    tld: str | None = None,
    language: str | None = None,
) -> Decoded:
    """Decode ``data``; ``declared`` is the charset from HTTP or a MIME part,
    ``tld`` the top-level domain the page came from (None for a file),
    ``language`` the HTTP Content-Language (the page's own ``lang`` wins)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, "replace"), enc, "bom")

    utf8 = strict(data, "utf-8")
    for origin, label in (("header", declared), ("meta", sniff_meta(data) if html else None)):
        enc = normalise_label(label)
        if enc is None:
            continue
        # A page that says UTF-16 in ASCII bytes is lying (browsers ignore it).
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            continue
        if utf8 is not None and enc != "utf-8" and not data.isascii() and not _escapes(data):
            return Decoded(utf8, "utf-8", "utf-8")  # the bytes contradict the label
        text = strict(data, enc)
        if text is not None:
            return Decoded(text, enc, origin)

    if utf8 is not None and not (data.isascii() and _escapes(data)):
        return Decoded(utf8, "utf-8", "utf-8")

    enc, text = guess(data, tld, (sniff_lang(data) if html else None) or language)
    return Decoded(text, enc, "detector")
