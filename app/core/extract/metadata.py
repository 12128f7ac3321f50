"""Title, byline, date and language hints, read from the raw page.

Machine-readable sources come first (``<meta>`` Open Graph / Dublin Core /
``name=author``, JSON-LD, ``<html lang>``), read with regular expressions on
the string before the tree is built; visible bylines and dates found in the
tree fill the gaps (see :func:`visible_byline`).
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass

from .script import word_count
from .text import clean_text

_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_JSON_LD = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_TITLE_SEP = re.compile(r"\s+[|\-–—·»]\s+")  # not ":" — "Canicule : Lyon…" is one title

_MONTHS = {
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:er)?\s+([A-Za-zéûÉÛ]+)\.?\s+(\d{4})\b", re.I)
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


@dataclass
class PageMeta:
    """What the page declares about itself."""

    title: str = ""
    byline: str | None = None
    date: str | None = None
    html_lang: str | None = None
    og_locale: str | None = None
    title_from_tag: bool = False  # the title is <title> minus a guessed site name
    raw_title: str = ""  # the whole <title>


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): htmllib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(tag)
    }


def parse_date(text: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from an ISO timestamp or « 20 mai 2025 » / "May 20, 2025"."""
    if not text:
        return None
    m = _ISO_DATE.search(text)
    if m:
        return m.group(0)
    m = _DAY_MONTH_YEAR.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = _MONTH_DAY_YEAR.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return None


def _json_ld(html: str) -> list[dict]:
    """Every JSON-LD object of the page (flattening lists and @graph)."""
    found: list[dict] = []
    for m in _JSON_LD.finditer(html):
        try:
            data = json.loads(m.group(1).strip())
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def _names(value: object) -> list[str]:
    """Author names from a JSON-LD author value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _is_article(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(
        isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds
    )


def strip_site_name(title: str) -> str:
    """ "Story title | Site" -> "Story title" (keep the longest part)."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    best = max(parts, key=len)
    return best if word_count(best) >= 3 else title


def read_metadata(head: str, html: str) -> PageMeta:
    """Read the declared metadata from the ``<head>`` (and JSON-LD anywhere)."""
    meta = PageMeta()
    m = _HTML_TAG.search(html, 0, 200_000)
    if m:
        attrs = _attrs(m.group(0))
        lang = attrs.get("lang") or attrs.get("xml:lang")
        meta.html_lang = lang.strip() or None if lang else None

    values: dict[str, str] = {}
    for tag in _META.findall(head or html[:300_000]):
        attrs = _attrs(tag)
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and key.lower() not in values:
            values[key.lower()] = content.strip()

    ld = [item for item in _json_ld(html) if _is_article(item)]
    article = ld[0] if ld else {}

    title = values.get("og:title") or values.get("twitter:title")
    headline = article.get("headline")
    if not title and isinstance(headline, str):
        title = headline
    m = _TITLE.search(head or html)
    if m:
        meta.raw_title = clean_text(htmllib.unescape(_TAGS.sub("", m.group(1))))
    if not title and meta.raw_title:
        title = strip_site_name(meta.raw_title)
        meta.title_from_tag = True
    meta.title = clean_text(title or "")

    authors = [
        a
        for a in (
            values.get("author"),
            values.get("article:author"),
            values.get("dc.creator"),
            values.get("byl"),
            *_names(article.get("author")),
        )
        if a and not _URLISH.search(a)
    ]
    if authors:
        meta.byline = clean_text(re.sub(r"^(?:by|par)\s+", "", authors[0], flags=re.I))

    for key in (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "og:published_time",
        "sailthru.date",
    ):
        if values.get(key):
            meta.date = parse_date(values[key])
            if meta.date:
                break
    if not meta.date and isinstance(article.get("datePublished"), str):
        meta.date = parse_date(article["datePublished"])

    locale = values.get("og:locale")
    meta.og_locale = locale or None  # as written ("fr_CA"); the language stage maps it
    return meta
