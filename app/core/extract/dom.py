"""One pass over the parsed tree: text statistics per element.

For every text node we find the nearest block-level ancestor (its
"paragraph") and whether it sits inside a link. Each paragraph's text length,
link-text length and comma count are then added to its ancestors, so any
element's link density is a dictionary lookup. Elements whose class/id or tag
says "furniture" are excluded during the same pass (their text never counts).

Lengths are Latin-equivalent characters (:func:`.script.weight`: a Han or
kana character counts three). Each element also gets its *prose*: the text of
the paragraphs under it that read like prose (long enough, few links, not
opening on a headline link as teasers for other pages do), the measure
:mod:`.widen` compares containers by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from .patterns import MAYBE, READING_AID, SHARE, SHARE_MAX, UNLIKELY, WRAPPED_PROSE_MIN
from .script import count_commas, weight

# fmt: off
BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "body", "html", "td", "th", "tr", "tbody",
    "thead", "tfoot", "table", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "header", "footer", "aside",
    "form", "fieldset", "address", "details", "summary", "center", "hgroup", "caption",
    "legend", "nav", "menu", "[document]",
))
# fmt: on
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# Never article text, whatever their class (the retry pass keeps them).
FURNITURE_TAGS = frozenset(["aside", "header", "footer", "figcaption"])
# A paragraph of prose: this long (Latin-equivalent characters), under this
# share of link text, and not opening on a link that long a share of it.
PROSE_MIN = 40
PROSE_MAX_LINKS = 0.3
TEASER_LINK = 0.15
_SLUG = re.compile(r"[\W_]+")
_ANY_FURNITURE = re.compile(f"{UNLIKELY.pattern}|{SHARE.pattern}")


@dataclass
class Stats:
    """Text statistics of one tree (keys are ``id(element)``)."""

    paragraphs: list[Tag] = field(default_factory=list)  # every element with own text
    text: dict[int, int] = field(default_factory=dict)  # own inline text length
    links: dict[int, int] = field(default_factory=dict)  # own inline link text length
    commas: dict[int, int] = field(default_factory=dict)
    total: dict[int, int] = field(default_factory=dict)  # subtree text length
    total_links: dict[int, int] = field(default_factory=dict)
    prose: dict[int, int] = field(default_factory=dict)  # subtree prose length
    lead_link: set[int] = field(default_factory=set)  # paragraphs whose text opens in a link
    excluded: set[int] = field(default_factory=set)
    listings: list[Tag] = field(default_factory=list)  # teaser listings left out by choose()
    articles: list[Tag] = field(default_factory=list)  # every <article> measured
    kept: set[int] = field(default_factory=set)  # chosen content inside a widened root
    bylines: list[Tag] = field(default_factory=list)  # rel=author / class byline
    times: list[Tag] = field(default_factory=list)  # <time> elements
    dates: list[Tag] = field(default_factory=list)  # class "date" / "published"...

    def link_density(self, el: Tag) -> float:
        total = self.total.get(id(el), 0)
        return self.total_links.get(id(el), 0) / total if total else 0.0


def class_and_id(el: Tag) -> str:
    """The element's class and id as one lower-cased string for pattern matching."""
    attrs = el.attrs
    cls = attrs.get("class") or ""
    if isinstance(cls, list):  # multi-valued attributes left on
        cls = " ".join(cls)
    ident = attrs.get("id") or ""
    return (f"{cls} {ident}" if ident else cls).lower()


def _hidden(el: Tag) -> bool:
    attrs = el.attrs
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style and "none" in style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


def collect(root: Tag | BeautifulSoup, strict: bool = True) -> Stats:
    """Measure ``root``; with ``strict``, leave out furniture by tag and class/id."""
    st = Stats()
    text, links, commas = st.text, st.links, st.commas
    excluded = st.excluded
    stack: list[tuple[Tag, Tag, bool]] = [(root, root, False)]
    order: list[Tag] = []  # every element measured, in document order
    while stack:
        node, block, in_link = stack.pop()
        order.append(node)
        pending: list[tuple[Tag, Tag, bool]] = []
        for child in node.contents:
            if isinstance(child, NavigableString):
                if type(child) is not NavigableString:
                    continue  # comments, doctype, CDATA
                n = weight(child.strip())
                if n:
                    key = id(block)
                    if key not in text:
                        text[key] = 0
                        links[key] = 0
                        commas[key] = 0
                        st.paragraphs.append(block)
                        if in_link:
                            st.lead_link.add(key)
                    text[key] += n
                    if in_link:
                        links[key] += n
                    commas[key] += child.count(",") if child.isascii() else count_commas(child)
                continue
            name = child.name
            attrs = child.attrs
            if attrs:
                if _hidden(child):
                    excluded.add(id(child))
                    continue
                names = class_and_id(child)
                if names:
                    if "byline" in names or "author" in names or "signature" in names:
                        st.bylines.append(child)
                    elif "date" in names or "time" in names:
                        st.dates.append(child)
                if "author" in str(attrs.get("rel") or "").split():
                    st.bylines.append(child)
                if (
                    strict
                    and names
                    and name not in ("body", "a", "html", "main", "article", "td")
                    and _furniture_name(child, names)
                ):
                    excluded.add(id(child))
                    continue
            if name == "time":
                st.times.append(child)
            elif name == "article":
                st.articles.append(child)
            if strict and name in FURNITURE_TAGS:
                excluded.add(id(child))
                continue
            pending.append((child, child if name in BLOCK_TAGS else block, in_link or name == "a"))
        stack.extend(reversed(pending))  # so the next pop is the first child: document order
    # Subtree sums bottom-up: in reverse document order every element comes
    # after its descendants, so each adds its sum to its parent once. Walking
    # each paragraph's ancestors instead is quadratic on a page of thousands
    # of unclosed <div>s (12,000 levels deep).
    total, total_links, prose = st.total, st.total_links, st.prose
    lead_link = st.lead_link
    for el in reversed(order):
        key = id(el)
        own = text.get(key, 0)
        n = total.get(key, 0) + own
        if not n:
            continue
        ln = total_links.get(key, 0) + links.get(key, 0)
        pr = prose.get(key, 0)
        if own >= PROSE_MIN:
            own_links = links[key]
            if own_links < PROSE_MAX_LINKS * own and not (
                key in lead_link and own_links >= TEASER_LINK * own
            ):
                pr += own
        total[key], total_links[key], prose[key] = n, ln, pr
        if el is not root and el.parent is not None:
            parent = id(el.parent)
            total[parent] = total.get(parent, 0) + n
            total_links[parent] = total_links.get(parent, 0) + ln
            prose[parent] = prose.get(parent, 0) + pr
    n, ln, pr = total.get(id(root), 0), total_links.get(id(root), 0), prose.get(id(root), 0)
    if n:
        for el in root.parents:  # collect() may measure a subtree of the page
            key = id(el)
            total[key] = total.get(key, 0) + n
            total_links[key] = total_links.get(key, 0) + ln
            prose[key] = prose.get(key, 0) + pr
    return st


def _furniture_name(el: Tag, names: str) -> bool:
    """Does ``el``'s class/id say "never the article" (see :data:`.patterns.UNLIKELY`)?"""
    if not _ANY_FURNITURE.search(names):  # one search for the common case
        return False
    if UNLIKELY.search(names):
        return (
            not MAYBE.search(names)
            and not wraps_prose(el, names)
            and not anchor_only(el, UNLIKELY)
        )
    if SHARE.search(names) and not MAYBE.search(names) and not anchor_only(el, SHARE):
        return weight(el.get_text()) < SHARE_MAX
    return False


def anchor_only(el: Tag, pattern: re.Pattern[str]) -> bool:
    """Does ``pattern`` match ``el``'s names only through an id that is its heading's anchor?

    Documentation generators (Sphinx, MkDocs, wikis) give each section the id
    of its heading's words: ``<div id="sharing-with-a-developer"><h2>Sharing
    with a developer</h2>`` is a chapter, not a share bar.
    """
    ident = el.attrs.get("id")
    if not ident or not isinstance(ident, str) or len(ident) < 6:
        return False
    cls = el.attrs.get("class") or ""
    if isinstance(cls, list):
        cls = " ".join(cls)
    if cls and pattern.search(cls.lower()):
        return False
    seen = 0
    for child in el.children:
        if not isinstance(child, Tag):
            continue
        if child.name in HEADINGS:
            slug = _SLUG.sub("-", child.get_text().casefold()).strip("-")
            anchor = _SLUG.sub("-", ident.casefold()).strip("-")
            return bool(slug) and (slug == anchor or slug.startswith(anchor + "-"))
        seen += 1
        if seen >= 3:
            break
    return False


def wraps_prose(el: Tag, names: str) -> bool:
    """Is ``el``, named like a reading aid ("tts-paragraph"), a wrapper of article prose?

    Only reading aids get this benefit of the doubt: a share bar or a comment
    section holding long paragraphs is still furniture.
    """
    if not READING_AID.search(names):
        return False
    return any(
        len(p.get_text(strip=True)) >= WRAPPED_PROSE_MIN for p in el.find_all("p", limit=3)
    )
