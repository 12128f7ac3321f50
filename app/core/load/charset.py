"""Turn the bytes of a page into text with the right encoding.

Order of trust, as browsers do: a byte-order mark, then the HTTP header,
then ``<meta charset>`` (or ``http-equiv``) near the top of the document, then
strict UTF-8, then a maintained detector (charset-normalizer). Labels are
normalised the WHATWG way: "iso-8859-1" and "ascii" mean windows-1252, whose
0x80-0x9F range holds the French ’ « » œ € that latin-1 lacks.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG: these labels are decoded as windows-1252 by every browser.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-user-defined": "cp1252",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
}

_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
# How far into the document a <meta charset> is looked for (browsers: 1024
# bytes; real pages put it after long comments, so be a little more lenient).
_META_WINDOW = 4096


@dataclass(frozen=True)
class Decoded:
    """Decoded text and where its encoding came from."""

    text: str
    encoding: str
    origin: str  # "bom" | "header" | "meta" | "utf-8" | "detector" | "fallback"


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


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


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, declared: str | None = None, *, html: bool = True) -> Decoded:
    """Decode ``data``; ``declared`` is the charset from HTTP or a MIME part."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, "replace"), enc, "bom")

    for origin, label in (("header", declared), ("meta", sniff_meta(data) if html else None)):
        enc = normalise_label(label)
        if enc is None:
            continue
        # A page that says UTF-16 in ASCII bytes is lying (browsers ignore it).
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            continue
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text, enc, origin)

    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")

    from charset_normalizer import from_bytes  # imported late: only odd pages need it

    results = list(from_bytes(data[:200_000]))
    if results:
        best = results[0]
        # On short Western text several code pages tie (1250, 1252, 1257
        # decode "très" equally well); windows-1252 is by far the most common
        # legacy encoding of the web, so it wins a tie.
        tied = [
            m
            for m in results
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01
        ]
        pick = next((m for m in tied if normalise_label(m.encoding) == "cp1252"), best)
        enc = normalise_label(pick.encoding) or pick.encoding
        # latin-1 and windows-1252 differ only in 0x80-0x9F, where 1252 has
        # the typographic apostrophe and quotes French pages are full of.
        if enc in ("iso8859-1", "latin-1", "ascii"):
            enc = "cp1252"
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text, enc, "detector")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")
