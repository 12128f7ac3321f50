"""Articles from plain text and Markdown (no HTML involved).

Plain text: paragraphs are separated by blank lines, and hard-wrapped lines
inside a paragraph are joined. A short first paragraph that does not end like
a sentence is the title. Markdown is parsed with markdown-it-py into
headings, paragraphs, list items and quotes; inline markup is dropped and
link texts kept (a listener cannot click a URL).
"""

from __future__ import annotations

import re

from lismoi.core.article import Article, Block

_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _clean(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return " ".join(line for line in lines if line)


def _looks_like_title(text: str) -> bool:
    return 0 < len(text) <= 150 and not text.endswith((".", "!", "?", ":", ";", "…", ","))


def article_from_plain_text(text: str) -> Article:
    """Split ``text`` into paragraph blocks; take a short first line as title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    paragraphs = [_clean(p) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    title = ""
    if len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
    return Article(title=title, blocks=[Block(kind="paragraph", text=p) for p in paragraphs])


def article_from_markdown(text: str) -> Article:
    """Blocks from Markdown, through markdown-it-py's token stream."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    tokens = md.parse(text.replace("\x00", ""))
    blocks: list[Block] = []
    title = ""
    kind_stack: list[str] = []
    heading_level = 0
    for tok in tokens:
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:])
        elif tok.type == "bullet_list_open" or tok.type == "ordered_list_open":
            kind_stack.append("list")
        elif tok.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            kind_stack.pop()
        elif tok.type == "blockquote_open":
            kind_stack.append("quote")
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type == "inline":
            words = _clean(
                "".join(
                    child.content
                    if child.type in ("text", "code_inline")
                    else (
                        " "
                        if child.type in ("softbreak",)
                        else "\n"
                        if child.type == "hardbreak"
                        else ""
                    )
                    for child in (tok.children or [])
                )
            )
            if not words:
                continue
            if heading_level:
                if heading_level == 1 and not title and not blocks:
                    title = words
                else:
                    blocks.append(Block(kind="heading", text=words, level=heading_level))
            elif kind_stack and kind_stack[-1] == "list":
                blocks.append(Block(kind="list_item", text=words))
            elif "quote" in kind_stack:
                blocks.append(Block(kind="quote", text=words))
            else:
                blocks.append(Block(kind="paragraph", text=words))
        elif tok.type in ("fence", "code_block"):
            code = tok.content.strip()
            if code:
                blocks.append(Block(kind="code", text=code))
    return Article(title=title, blocks=blocks)
