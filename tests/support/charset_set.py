"""The charset set: undeclared pages in many languages and legacy encodings.

Built from the short texts in ``tests/fixtures/charset/texts/`` (written for
this project: a local news item per language), each encoded in the legacy
encodings its language was written in on the web, in three sizes, with no
byte-order mark, no ``<meta charset>`` and no header: the bytes alone must
tell the encoding. A page is decoded *right* when the text comes back exactly
(two encodings that give the same text for these bytes are both right).

Used by ``bench/charset.py`` (the figures) and ``tests/core/load/`` (the
regression floor); the pages are built in memory, in well under a second.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEXTS = Path(__file__).parents[1] / "fixtures" / "charset" / "texts"

# language -> (the country's top-level domain, the legacy encodings (Python
# codec names) its pages were written in). The TLD is what a browser would
# pass to its detector for a page served from that country.
LANGUAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "fr": ("fr", ("cp1252", "iso8859-15")),
    "de": ("de", ("cp1252", "iso8859-15")),
    "es": ("es", ("cp1252",)),
    "pt": ("pt", ("cp1252",)),
    "it": ("it", ("cp1252",)),
    "nl": ("nl", ("cp1252",)),
    "sv": ("se", ("cp1252",)),
    "da": ("dk", ("cp1252",)),
    "fi": ("fi", ("cp1252", "iso8859-15")),
    "is": ("is", ("cp1252",)),
    "ca": ("cat", ("cp1252",)),
    "pl": ("pl", ("cp1250", "iso8859-2")),
    "cs": ("cz", ("cp1250", "iso8859-2")),
    "sk": ("sk", ("cp1250",)),
    "hu": ("hu", ("cp1250", "iso8859-2")),
    "ro": ("ro", ("cp1250",)),
    "hr": ("hr", ("cp1250", "iso8859-2")),
    "sl": ("si", ("cp1250",)),
    "ru": ("ru", ("cp1251", "koi8-r", "iso8859-5", "cp866", "mac-cyrillic")),
    "uk": ("ua", ("cp1251", "koi8-u")),
    "bg": ("bg", ("cp1251",)),
    "sr": ("rs", ("cp1251",)),
    "el": ("gr", ("cp1253", "iso8859-7")),
    "tr": ("tr", ("cp1254", "iso8859-9")),
    "he": ("il", ("cp1255", "iso8859-8")),
    "ar": ("eg", ("cp1256", "iso8859-6")),
    "fa": ("ir", ("cp1256",)),
    "lt": ("lt", ("cp1257", "iso8859-13")),
    "lv": ("lv", ("cp1257", "iso8859-13")),
    "et": ("ee", ("cp1257", "iso8859-4")),
    "vi": ("vn", ("cp1258",)),
    "th": ("th", ("cp874",)),
    "ja": ("jp", ("shift_jis", "euc_jp", "iso2022_jp")),
    "zh-CN": ("cn", ("gbk", "gb18030")),
    "zh-TW": ("tw", ("big5",)),
    "ko": ("kr", ("euc_kr",)),
}
SIZES = ("short", "medium", "long")

# Typography a legacy code page may lack, and what its writers typed instead.
_FOLD = {
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2014": "-", "\u2013": "-", "\u2026": "...",
    "\u00a0": " ", "\u200c": "", "\u00b7": ".", "\u20ac": "EUR",
    "\u06cc": "\u064a",  # Persian yeh: windows-1256 pages used the Arabic one
}
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


@dataclass(frozen=True)
class Page:
    """One undeclared page and the text a right decoding gives back."""

    name: str  # "fr-cp1252-short"
    lang: str
    encoding: str  # the Python codec that made the bytes
    size: str  # "short" | "medium" | "long"
    tld: str
    text: str
    data: bytes


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _vietnamese(ch: str, encoding: str) -> str:
    """windows-1258 has a few precomposed letters and combining tones: write
    "ệ" as "ê" + combining dot below, as Vietnamese pages in it did."""
    base, *marks = unicodedata.normalize("NFD", ch)
    for n in range(len(marks), -1, -1):
        for chosen in itertools.permutations(marks, n):
            head = unicodedata.normalize("NFC", base + "".join(chosen))
            rest = [m for m in marks if m not in chosen]
            if len(head) == 1 and all(_encodable(c, encoding) for c in [head, *rest]):
                return head + "".join(rest)
    return ch


def fit(text: str, encoding: str) -> str:
    """``text`` as a writer in ``encoding`` would have typed it."""
    out = []
    for ch in text:
        if not _encodable(ch, encoding):
            ch = _FOLD.get(ch, ch)
            if len(ch) == 1 and not _encodable(ch, encoding):
                ch = _vietnamese(ch, encoding)
        out.append(ch)
    fitted = "".join(out)
    fitted.encode(encoding)  # a text the encoding cannot hold is a mistake in this table
    return fitted


def _read(lang: str) -> tuple[str, list[str]]:
    title, *rest = (TEXTS / f"{lang}.txt").read_text(encoding="utf-8").strip().split("\n")
    paragraphs = [p.strip() for p in "\n".join(rest).split("\n\n") if p.strip()]
    return title.strip(), paragraphs


def _first_sentence(paragraph: str) -> str:
    parts = [p for p in _SENTENCE_END.split(paragraph) if p]
    first = parts[0] if len(parts) > 1 else paragraph
    if len(first) > 160:  # Thai has no full stops: cut at a space
        cut = first.rfind(" ", 0, 160)
        first = first[: cut if cut > 40 else 160]
    return first


def _html(title: str, paragraphs: list[str], size: str) -> str:
    if size == "short":
        return f"<html><body><p>{paragraphs[0]}</p></body></html>\n"
    if size == "medium":
        return (
            f"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n"
            f"<body><h1>{title}</h1>\n<p>{paragraphs[0]}</p>\n</body></html>\n"
        )
    # A whole page, with the ASCII markup, style and script real pages carry.
    body = "\n".join(f'<p class="text">{p}</p>' for p in paragraphs)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f"<title>{title}</title>\n"
        '<link rel="stylesheet" href="/static/site.css">\n'
        "<style>body{font-family:sans-serif;margin:0 auto;max-width:40em}"
        ".nav a{padding:0 1em}</style>\n"
        '<script>window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)}'
        "</script>\n</head>\n<body>\n"
        '<div class="nav"><a href="/">/</a> <a href="/news/">news</a> '
        '<a href="/contact/">@</a></div>\n'
        f'<article>\n<h1>{title}</h1>\n{body}\n</article>\n'
        '<footer><a href="/legal">(c) 2026</a></footer>\n</body>\n</html>\n'
    )


@cache
def pages() -> tuple[Page, ...]:
    """Every page of the set, in a stable order."""
    out = []
    for lang, (tld, encodings) in LANGUAGES.items():
        title, paragraphs = _read(lang)
        for encoding in encodings:
            for size in SIZES:
                paras = [_first_sentence(paragraphs[0])] if size == "short" else paragraphs
                text = fit(_html(title, paras, size), encoding)
                out.append(
                    Page(
                        name=f"{lang}-{encoding}-{size}",
                        lang=lang,
                        encoding=encoding,
                        size=size,
                        tld=tld,
                        text=text,
                        data=text.encode(encoding),
                    )
                )
    return tuple(out)
