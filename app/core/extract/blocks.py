"""Turn the chosen content into :class:`Block` s in reading order.

A walk over the content roots: headings (with their level), paragraphs, list
items, quotes, code and table rows each become a block; inline text between
block elements (``<div>text<br>text</div>`` sites) becomes a paragraph. Page
furniture met on the way (share bars, newsletter boxes, related lists,
captions, link-heavy lists) is skipped, and short blocks that are known
boilerplate ("Advertisement", "Partager sur…") are dropped.

Tables: a data table (cells without block content) is read row by row, one
``table`` block per row, as "header: value" pairs when it has header cells,
else the cells joined by commas; a layout table is walked like a ``div``.
Code: ``<pre>`` is kept as one ``code`` block with its line breaks, so the
reader can show it and the player can choose to skip it.
"""

from __future__ import annotations

import re

from bs4.element import NavigableString, Tag

from ..article import Block
from .dom import BLOCK_TAGS, HEADINGS, Stats, anchor_only, class_and_id, wraps_prose
from .patterns import ARTICLE_BODY, BOILERPLATE, BOILERPLATE_MAX, CLUTTER, SHARE, SHARE_MAX
from .text import BR, clean_code, clean_text

# Two <br> in a row (only spaces between): a paragraph break in <div>-and-<br> pages.
_PARAGRAPH_BREAK = re.compile(f"{BR}\\s*{BR}[\\s{BR}]*")
_SKIP_TAGS = frozenset(["figcaption", "aside", "nav"])
_CONTAINERS = frozenset(["div", "section", "ul", "ol", "dl", "table", "form", "figure"])
_PERMALINKS = frozenset(["¶", "#", "§", "🔗", "⚓", "¶¶"])


class BlockBuilder:
    """Accumulates inline text and emits blocks at block boundaries."""

    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        # The language each piece of text in ``buf`` was marked with, for a paragraph
        # wholly wrapped in <span lang="en">: that span's language becomes the hint.
        self.buf_langs: set[str | None] = set()

    # -- decisions -------------------------------------------------------
    def skip(self, el: Tag) -> bool:
        """Is this element furniture inside the content?"""
        key = id(el)
        if key in self.stats.excluded:
            return True
        if key in self.stats.kept:
            return False
        name = el.name
        if name in _SKIP_TAGS:
            return True
        if name == "a":  # a heading's permalink ("¶", "#"): a symbol, not words
            return el.string is not None and el.string.strip() in _PERMALINKS
        names = class_and_id(el) if el.attrs else ""
        total = self.stats.total.get(key, 0)
        if names and not ARTICLE_BODY.search(names):
            if CLUTTER.search(names):
                if not wraps_prose(el, names) and not anchor_only(el, CLUTTER):
                    return True
            elif SHARE.search(names) and total < SHARE_MAX and not anchor_only(el, SHARE):
                return True
        if name == "p" and 0 < total < 200:
            # A paragraph that is one link: a promo for another story.
            return self.stats.total_links.get(key, 0) >= 0.9 * total
        if name in _CONTAINERS and total:
            density = self.stats.total_links.get(key, 0) / total
            if name in ("ul", "ol", "dl"):
                return density > 0.6
            if name == "figure":
                # A picture with its caption; but HTML5 (and France's state design
                # system, "fr-quote") wraps quotations and tables in <figure> too.
                return total < 400 and el.find(["blockquote", "table"]) is None
            # A block of mostly links (a "more stories" box) unless it is long prose.
            if density > 0.5 and total < 2000:
                return True
        return False

    # -- emission --------------------------------------------------------
    def flush(self, kind: str, lang: str | None, level: int = 0) -> None:
        """The text gathered so far becomes a block (or several: <br><br> splits)."""
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        if len(self.buf_langs) == 1:
            lang = next(iter(self.buf_langs))  # all of it in one language (maybe a span's)
        self.buf_langs = set()
        parts = _PARAGRAPH_BREAK.split(raw) if raw.count(BR) > 1 else [raw]
        for part in parts:
            text = clean_text(part)
            if not text or (len(text) <= BOILERPLATE_MAX and BOILERPLATE.match(text)):
                continue
            self.blocks.append(Block(kind=kind, text=text, level=level, lang_hint=lang))  # type: ignore[arg-type]

    def visit(self, root: Tag, lang: str | None) -> None:
        """Emit the blocks of ``root`` (a content root: never skipped itself).

        Iterative, not recursive: a page of 5,000 nested tags must not blow the stack.
        The stack holds (node, kind, lang) to visit, or (None, kind, lang, closing
        element) markers that flush the block an element opened once its children
        are done.
        """
        stack: list[tuple] = [(root, "paragraph", lang, True)]
        while stack:
            item = stack.pop()
            node = item[0]
            if node is None:
                self.close(item[3], item[1], item[2])
                continue
            kind, lang = item[1], item[2]
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:
                    self.buf.append(node)
                    if not node.isspace():
                        self.buf_langs.add(lang)
                continue
            name = node.name
            if name == "br":
                self.buf.append(BR)
                continue
            if not item[3] and self.skip(node):
                continue
            attrs = node.attrs
            own_lang = (attrs.get("lang") or attrs.get("xml:lang") or lang) if attrs else lang
            if name not in BLOCK_TAGS:  # inline: its text joins the current block
                stack.extend((c, kind, own_lang, False) for c in reversed(node.contents))
                continue
            self.flush(kind, lang)
            if name == "pre":
                self.code(node, own_lang)
                continue
            if name == "table" and self.is_data_table(node):
                self.table(node, own_lang)
                continue
            inner = "list_item" if name == "li" else "quote" if name == "blockquote" else kind
            stack.append((None, inner, own_lang, node))
            stack.extend((c, inner, own_lang, False) for c in reversed(node.contents))

    def close(self, el: Tag, kind: str, lang: str | None) -> None:
        """The end of a block element: its text so far is one block."""
        if el.name in HEADINGS:
            self.flush_heading(el, lang)
        else:
            self.flush(kind, lang)

    def flush_heading(self, el: Tag, lang: str | None) -> None:
        key = id(el)
        if self.stats.link_density(el) > 0.5 and self.stats.total.get(key, 0) < 200:
            self.buf = []  # a heading that is a link to another story
            self.buf_langs = set()
            return
        self.flush("heading", lang, level=int(el.name[1]))

    def code(self, el: Tag, lang: str | None) -> None:
        text = clean_code(el.get_text())
        if text:
            self.blocks.append(Block(kind="code", text=text, lang_hint=lang))

    # -- tables ----------------------------------------------------------
    @staticmethod
    def _rows(table: Tag) -> list[Tag]:
        return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]

    def is_data_table(self, table: Tag) -> bool:
        if table.find(["table", "p", "div", "ul", "ol", "blockquote", "h1", "h2", "h3"]):
            return False
        return len(self._rows(table)) >= 1

    def table(self, table: Tag, lang: str | None) -> None:
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            title = clean_text(caption.get_text(" "))
            if title:  # what the table is about, heard before its rows
                self.blocks.append(Block(kind="paragraph", text=title, lang_hint=lang))
        headers: list[str] = []
        for tr in self._rows(table):
            cells = tr.find_all(["th", "td"], recursive=False)
            texts = [clean_text(c.get_text(" ")) for c in cells]
            if cells and all(c.name == "th" for c in cells):
                headers = texts
                continue
            if not any(texts):
                continue
            if headers and len(headers) == len(texts):
                parts = [f"{h}: {t}" if h else t for h, t in zip(headers, texts, strict=True) if t]
                text = "; ".join(parts)
            else:
                text = ", ".join(t for t in texts if t)
            self.blocks.append(Block(kind="table", text=text, lang_hint=lang))


def build_blocks(roots: list[Tag], stats: Stats) -> list[Block]:
    """Blocks of the content roots, in document order."""
    builder = BlockBuilder(stats)
    for root in roots:
        lang = _inherited_lang(root)
        builder.visit(root, lang)
        builder.flush("paragraph", lang)
    return builder.blocks


def _inherited_lang(el: Tag) -> str | None:
    """The nearest ``lang`` above ``el`` inside the body (``<html lang>`` is a page hint)."""
    for parent in el.parents:
        if parent.name in ("html", "[document]"):
            return None
        attrs = parent.attrs
        if attrs:
            value = attrs.get("lang") or attrs.get("xml:lang")
            if value:
                return value
    return None
