"""One XHTML document of a book into blocks, through the extractor's builder.

A book has no boilerplate to find: the whole body is read, with the
extractor's :class:`~lismoi.core.extract.blocks.BlockBuilder` (headings,
paragraphs, lists, quotes, tables, code) minus its web-page guesses; only
navigation chrome is left out (``<nav>``, lists that are all links: a table of
contents page), and so are the printed edition's page numbers (``epub:type=
"pagebreak"``). Footnote markers (a noteref link, a ``<sup>`` number pointing
to a note) are dropped so "word 12" is never heard; the notes themselves are
read at the end of their document. Scripts, styles and forms are never text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import Tag
from lxml import etree

from lismoi.core.article import Block
from lismoi.core.extract.blocks import BlockBuilder
from lismoi.core.extract.dom import BLOCK_TAGS, collect

from . import xmlsafe
from .xmlsafe import local

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_DROP = frozenset(
    ("script", "style", "noscript", "template", "head", "svg", "math", "form", "button",
     "input", "select", "textarea", "object", "embed", "iframe", "audio", "video", "canvas")
)  # fmt: skip
_NOTE_TYPES = frozenset(("footnote", "endnote", "rearnote", "note"))
_NOTE_ROLES = frozenset(("doc-footnote", "doc-endnote"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_NOTE_MAX_CHARS = 1500  # longer than that, what a marker points to is not a note
# What a footnote marker says: "12", "[3]", "*", "†", "iv", "a".
_MARKER = re.compile(r"^\s*[\[(]?(?:\d{1,4}|[*†‡§¶]{1,3}|[ivxlc]{1,5}|[a-z])[\])]?\s*$", re.I)
# ... and a note's link back to its marker: "↩", "↑", "^".
_LINK_MARKER = re.compile(r"^\s*(?:[\[(]?(?:\d{1,4}|[*†‡§¶]{1,3})[\])]?|[↩↑⤴^]\ufe0e?)\s*$")
# A paragraph of its own before a TOC target: the block after it is where the
# chapter starts (clean_text keeps these characters as they are).
_ANCHOR = "lismoi-anchor-7f3a[{}]"
_ANCHOR_TEXT = re.compile(r"^lismoi-anchor-7f3a\[(.*)\]$")


@dataclass
class Content:
    blocks: list[Block] = field(default_factory=list)
    lang: str | None = None  # the document's <html lang> / xml:lang
    title: str = ""  # its <title>
    anchors: dict[str, int] = field(default_factory=dict)  # id -> index in blocks


class _BookBuilder(BlockBuilder):
    """The extractor's builder without its web-page furniture rules."""

    def skip(self, el: Tag) -> bool:
        if id(el) in self.stats.excluded:  # hidden (display:none, hidden)
            return True
        name = el.name
        if name == "nav":
            return True
        if name in ("ul", "ol", "dl", "table", "div", "section"):
            total = self.stats.total.get(id(el), 0)
            # A list of links is a table of contents, not text to read.
            return bool(total) and self.stats.total_links.get(id(el), 0) > 0.8 * total
        return False


def read_content(data: bytes, *, anchors: set[str], book_lang: str | None) -> Content | None:
    """The blocks of one content document; None when it is not even XML (an
    encrypted or garbled file); no blocks for an XML file that is not XHTML
    (an SVG page of a picture book)."""
    root = xmlsafe.parse(data, html_entities=True)
    if root is None:
        return None
    out = Content()
    if local(root.tag) != "html":
        return out
    out.lang = root.get(_XML_LANG) or root.get("lang") or None
    body = None
    for el in root.iter():
        tag = local(el.tag)
        if tag == "title" and not out.title:
            out.title = " ".join("".join(el.itertext()).split())
        elif tag == "body":
            body = el
            break
    if body is None:
        return out
    _clean(body, anchors)
    html = etree.tostring(body, method="html", encoding="unicode")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "lxml", multi_valued_attributes=None)
    top = soup.body or soup
    stats = collect(top, strict=False)
    builder = _BookBuilder(stats)
    # The document's language is each block's hint only when it differs from
    # the book's (an English chapter in a French book); otherwise it is the
    # page language, as <html lang> is for a web page.
    lang = out.lang if out.lang and out.lang != book_lang else None
    builder.visit(top, lang)
    builder.flush("paragraph", lang)
    for block in builder.blocks:
        found = _ANCHOR_TEXT.match(block.text)
        if found:
            out.anchors.setdefault(found.group(1), len(out.blocks))
        else:
            out.blocks.append(block)
    return out


def _clean(body: etree._Element, anchors: set[str]) -> None:
    """Drop what is never read, lift notes to the end, mark TOC targets."""
    doomed: list[etree._Element] = []
    notes: list[etree._Element] = []
    marks: list[tuple[etree._Element, str]] = []
    targets: set[str] = set()  # ids that note markers point to
    for el in body.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # an entity reference node: never resolved, never read
            continue
        tag = local(el.tag)
        el.tag = tag  # plain HTML names for the builder
        lang = el.attrib.pop(_XML_LANG, None)
        if lang and not el.get("lang"):
            el.set("lang", lang)
        kind = set((el.attrib.pop(_EPUB_TYPE, None) or "").split())
        role = el.get("role") or ""
        if tag in _DROP or _is_noteref(el, tag, kind, role):
            doomed.append(el)
            href = el.get("href") or next(
                (a.get("href") or "" for a in el.iter("a", "{*}a") if a is not el), "")
            if href.startswith("#"):
                targets.add(href[1:])  # the note it calls, in this document
        elif "pagebreak" in kind or role == "doc-pagebreak":
            doomed.append(el)  # the printed book's page number: never read mid-sentence
        elif tag == "aside" and (kind & _NOTE_TYPES or role in _NOTE_ROLES):
            notes.append(el)  # the builder skips <aside>: read as a paragraph at the end
        ident = el.get("id")
        if ident and ident in anchors:
            marks.append((el, ident))
    for el, ident in marks:
        target = el
        while target.getparent() is not None and target.tag not in BLOCK_TAGS:
            target = target.getparent()
        parent = target.getparent()
        if parent is None:
            continue
        marker = etree.Element("p")
        marker.text = _ANCHOR.format(ident)
        parent.insert(parent.index(target), marker)
    notes += _note_bodies(body, targets, notes)
    for el in doomed:
        _remove(el)
    for el in notes:
        _remove(el)  # its tail stays where it was
        el.tag = "div"
        el.tail = None
        body.append(el)
    etree.cleanup_namespaces(body)


def _note_bodies(
    body: etree._Element, targets: set[str], notes: list[etree._Element]
) -> list[etree._Element]:
    """The notes a marker points to that are not marked as notes (EPUB 2 books, or a
    ``<p id="fn3">`` between two paragraphs): read at the end too, not where they sit.

    Only a short block without a heading is taken: a marker pointing at a
    whole section is not a note.
    """
    found: list[etree._Element] = []
    if not targets:
        return found
    for el in body.iter():
        if not isinstance(el.tag, str) or el.get("id") not in targets:
            continue
        block = el
        while block.getparent() is not None and local(block.tag) not in BLOCK_TAGS:
            block = block.getparent()
        if block is body or any(block is n or n in block.iterancestors() for n in notes + found):
            continue
        if any(local(d.tag) in _HEADINGS for d in block.iter() if isinstance(d.tag, str)):
            continue
        if len("".join(block.itertext())) <= _NOTE_MAX_CHARS:
            found.append(block)
    return found


def _is_noteref(el: etree._Element, tag: str, kind: set[str], role: str) -> bool:
    if "noteref" in kind or role == "doc-noteref":
        return True
    if tag == "sup":
        text = "".join(el.itertext())
        if not _MARKER.match(text):
            return False
        # A number set high that links somewhere (or sits in a link): a marker.
        parent = el.getparent()
        in_link = parent is not None and local(parent.tag) == "a"
        return in_link or any(
            local(a.tag) == "a" and a.get("href") for a in el.iter() if a is not el
        )
    if tag == "a" and "#" in (el.get("href") or ""):
        # "12" or "[12]" alone in a link to a note (EPUB 2 books have no noteref type).
        return _LINK_MARKER.match("".join(el.itertext())) is not None
    return False


def _remove(el: etree._Element) -> None:
    """Remove ``el`` but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
