"""The extraction pipeline, glued together; never raises on odd HTML."""

from __future__ import annotations

import logging
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import Tag

from ..article import Article, Block, LangHints
from .blocks import build_blocks
from .candidates import choose, standfirst
from .dom import Stats, collect
from .metadata import PageMeta, parse_date, read_metadata
from .patterns import CLOCK, MONTH_NAMES, TAG_LIST, TRAILER, YEAR
from .prune import flatten_unclosed, prune, split_head
from .script import ends_sentence, weight, word_count
from .text import clean_text
from .widen import widen

log = logging.getLogger(__name__)

# Below this many (Latin-equivalent) characters of body text the strict pass
# probably cut the story itself (a "sidebar" wrapper): try again keeping
# furniture-named parts.
_RETRY_BELOW = 250
# "Par Claire Martin", "By JOHN SMITH and Jane Doe, Reuters", "Texte : Léa Roy" — a name
# (capitalised words) after the marker, so "Par ailleurs, ..." stays in the body.
_NAME = r"[A-ZÀ-Ý][\w'’.-]*"
_BYLINE_TEXT = re.compile(
    rf"^(?i:by|par|texte\s*:|propos recueillis par)\s+{_NAME}"
    rf"(?:\s+(?:{_NAME}|and|et|de|du|des|van|von|le|la))*\s*(?:[,|·–—(-].*)?$"
)
_BYLINE_TAIL = re.compile(
    r"\s+[·|–—•]\s*|\s+-\s+|,?\s+(?:publié|mis à jour|modifié|updated|published|posted|le \d)",
    re.I,
)
_DATE_TEXT = re.compile(
    r"^(?:publié|mis à jour|modifié|updated|published|posted|le)\b.{0,60}\d{4}|"
    r"^\d{1,2}(?:er)? \w+ \d{4}(?:\s*(?:à|,)?\s*\d{1,2}\s*[h:]\s*\d{2})?$",
    re.I,
)


def extract_html(html: str, url: str | None = None) -> Article:
    """The article in ``html``; an Article with no blocks when nothing is found."""
    try:
        return _extract(html or "", url)
    except Exception:  # a broken page must never take the reader down
        log.exception("extraction failed for %s", url or "a page")
        return Article(url=url)


def _extract(html: str, url: str | None) -> Article:
    head, rest = split_head(html)
    meta = read_metadata(head, html)
    with warnings.catch_warnings():
        # An RSS feed or XHTML saved as .html makes bs4 warn on stderr; we
        # read it as HTML on purpose and the user has nothing to do about it.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(flatten_unclosed(prune(rest)), "lxml", multi_valued_attributes=None)
    root = soup.body or soup

    stats = collect(root, strict=True)
    roots = widen(choose(stats) or [root], stats, root)
    lede = standfirst(roots)
    blocks = build_blocks([lede, *roots] if lede is not None else roots, stats)
    if _length(blocks) < _RETRY_BELOW:
        loose = collect(root, strict=False)
        retry = build_blocks(widen(choose(loose) or [root], loose, root), loose)
        if _length(retry) > _length(blocks):
            blocks, stats = retry, loose

    _visible_metadata(meta, stats, root)
    blocks = _strip_furniture(blocks, meta)
    return Article(
        title=meta.title,
        blocks=blocks,
        byline=meta.byline,
        date=meta.date,
        url=url,
        hints=LangHints(html_lang=meta.html_lang, og_locale=meta.og_locale),
    )


def _length(blocks: list[Block]) -> int:
    return sum(weight(b.text) for b in blocks)


def _byline_name(text: str) -> str:
    """The name in a byline line: "Par Claire Martin · Publié le…" gives "Claire Martin"."""
    text = _BYLINE_TAIL.split(text, maxsplit=1)[0]
    return re.sub(r"^(?:by|par|de|texte\s*:)\s+", "", text.strip(), flags=re.I).strip(" ,")


def _visible_metadata(meta: PageMeta, stats: Stats, root: Tag) -> None:
    """Fill byline/date/title from the page's visible parts when not declared."""
    if not meta.byline:
        for el in stats.bylines:
            text = _byline_name(clean_text(el.get_text(" ")))
            if 0 < len(text) < 120:
                meta.byline = text
                break
    if not meta.date:
        for el in stats.times + stats.dates:
            meta.date = parse_date(el.attrs.get("datetime")) or parse_date(el.get_text(" ")[:200])
            if meta.date:
                break
    if not meta.title or meta.title_from_tag:
        # The page's <h1> is the cleanest title when <title> holds it plus the site name.
        h1 = root.find("h1")
        text = clean_text(h1.get_text(" ")) if h1 is not None else ""
        if text and (not meta.title or text.casefold() in meta.raw_title.casefold()):
            meta.title = text


def _is_date_line(text: str) -> bool:
    """Is the block only a date, like "segunda-feira, 22 de janeiro de 2018 às 0:13"?"""
    if len(text) > 70 or word_count(text) > 9 or not YEAR.search(text):
        return False
    if "@" in text or text.startswith(("—", "-", "–")):
        return False  # the signature line of an embedded tweet
    return bool(MONTH_NAMES.search(text) or CLOCK.search(text))


def _is_label(text: str) -> bool:
    """A word or three with no sentence punctuation: a label, not prose."""
    return word_count(text) <= 3 and weight(text) < 40 and not ends_sentence(text)


def _strip_furniture(blocks: list[Block], meta: PageMeta) -> list[Block]:
    """Drop the title repeated as a heading, date lines, bylines and tag lists.

    A page whose only text is its title (a one-paragraph note titled with its
    own sentence) keeps that text: nothing read is worse than a repeat.
    """
    out = _furniture_pass(blocks, meta, drop_title=True)
    if not out and blocks:
        out = _furniture_pass(blocks, meta, drop_title=False)
    return out


def _furniture_pass(blocks: list[Block], meta: PageMeta, drop_title: bool) -> list[Block]:
    title = meta.title.casefold() if drop_title else ""
    out: list[Block] = []
    seen_text = False
    dropping_list = False
    for i, block in enumerate(blocks):
        text = block.text
        if title and text.casefold() == title:
            continue  # the headline again (a heading, a gallery caption...)
        if block.kind == "heading" and block.level == 1 and not seen_text:
            # The page's own <h1> above the text is the headline, already the title.
            if meta.title_from_tag:
                meta.title = text
            continue
        if dropping_list and block.kind == "list_item":
            continue  # the headlines under a "Read more" label
        dropping_list = False
        if TAG_LIST.match(text):
            dropping_list = len(text) < 60
            continue
        if not seen_text and block.kind == "paragraph" and _is_label(text):
            continue  # a kicker ("Social", "Justice") or a section label above the story
        if _is_date_line(text) and (i < 6 or i >= len(blocks) - 3):
            meta.date = meta.date or parse_date(text)
            continue
        if block.kind != "heading":
            seen_text = True
        if i < 6 and len(text) < 120:
            if _BYLINE_TEXT.match(text) and block.kind != "heading":
                if not meta.byline:
                    meta.byline = _byline_name(text)
                continue
            if _DATE_TEXT.match(text):
                meta.date = meta.date or parse_date(text) or text
                continue
        out.append(block)
    # The last lines: "Sign up for our newsletter", "Follow her on Twitter"...
    while out and len(out[-1].text) < 250 and TRAILER.search(out[-1].text):
        out.pop()
    return out
