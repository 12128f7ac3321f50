"""One pass over the parsed tree: text statistics per element.

For every text node we find the nearest block-level ancestor (its
"paragraph") and whether it sits inside a link. Each paragraph's text length,
link-text length and comma count are then added to its ancestors, so any
element's link density is a dictionary lookup. Elements whose class/id or tag
says "furniture" are excluded during the same pass (their text never counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from .patterns import MAYBE, READING_AID, UNLIKELY, WRAPPED_PROSE_MIN

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
# Commas (Latin, CJK, Arabic): a sign of prose rather than a list of links.
_COMMAS = (",", "，", "、", "،")


@dataclass
class Stats:
    """Text statistics of one tree (keys are ``id(element)``)."""

    paragraphs: list[Tag] = field(default_factory=list)  # every element with own text
    text: dict[int, int] = field(default_factory=dict)  # own inline text length
    links: dict[int, int] = field(default_factory=dict)  # own inline link text length
    commas: dict[int, int] = field(default_factory=dict)
    total: dict[int, int] = field(default_factory=dict)  # subtree text length
    total_links: dict[int, int] = field(default_factory=dict)
    excluded: set[int] = field(default_factory=set)
    bylines: list[Tag] = field(default_factory=list)  # rel=author / class byline
    times: list[Tag] = field(default_factory=list)  # <time> elements
    dates: list[Tag] = field(default_factory=list)  # class "date" / "published"...

    def link_density(self, el: Tag) -> float:
        total = self.total.get(id(el), 0)
        return self.total_links.get(id(el), 0) / total if total else 0.0


def class_and_id(el: Tag) -> str:
    """The element's class and id as one string for pattern matching."""
    attrs = el.attrs
    cls = attrs.get("class") or ""
    if isinstance(cls, list):  # multi-valued attributes left on
        cls = " ".join(cls)
    ident = attrs.get("id") or ""
    return f"{cls} {ident}" if ident else cls


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
                n = len(child.strip())
                if n:
                    key = id(block)
                    if key not in text:
                        text[key] = 0
                        links[key] = 0
                        commas[key] = 0
                        st.paragraphs.append(block)
                    text[key] += n
                    if in_link:
                        links[key] += n
                    for c in _COMMAS:
                        commas[key] += child.count(c)
                continue
            name = child.name
            attrs = child.attrs
            if attrs:
                if _hidden(child):
                    excluded.add(id(child))
                    continue
                names = class_and_id(child)
                if names:
                    lowered = names.lower()
                    if "byline" in lowered or "author" in lowered or "signature" in lowered:
                        st.bylines.append(child)
                    elif "date" in lowered or "time" in lowered:
                        st.dates.append(child)
                if "author" in str(attrs.get("rel") or "").split():
                    st.bylines.append(child)
                if (
                    strict
                    and names
                    and name not in ("body", "a", "html", "main", "article", "td")
                    and UNLIKELY.search(names)
                    and not MAYBE.search(names)
                    and not wraps_prose(child, names)
                ):
                    excluded.add(id(child))
                    continue
            if name == "time":
                st.times.append(child)
            if strict and name in FURNITURE_TAGS:
                excluded.add(id(child))
                continue
            pending.append((child, child if name in BLOCK_TAGS else block, in_link or name == "a"))
        stack.extend(reversed(pending))  # so the next pop is the first child: document order
    # Subtree sums bottom-up: in reverse document order every element comes
    # after its descendants, so each adds its sum to its parent once. Walking
    # each paragraph's ancestors instead is quadratic on a page of thousands
    # of unclosed <div>s (12,000 levels deep).
    total, total_links = st.total, st.total_links
    for el in reversed(order):
        key = id(el)
        n = total.get(key, 0) + text.get(key, 0)
        if not n:
            continue
        ln = total_links.get(key, 0) + links.get(key, 0)
        total[key], total_links[key] = n, ln
        if el is not root and el.parent is not None:
            parent = id(el.parent)
            total[parent] = total.get(parent, 0) + n
            total_links[parent] = total_links.get(parent, 0) + ln
    n, ln = total.get(id(root), 0), total_links.get(id(root), 0)
    if n:
        for el in root.parents:  # collect() may measure a subtree of the page
            key = id(el)
            total[key] = total.get(key, 0) + n
            total_links[key] = total_links.get(key, 0) + ln
    return st


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
