"""The article model shared by every stage of the pipeline.

An :class:`Article` is what the listener hears: a title, metadata that is not
read as body text (byline, date), and :class:`Block` s in reading order. A
book or a long document also has :class:`Chapter` s: a table of contents
whose entries point into ``blocks`` (a web page has none).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "code", "table"]


@dataclass
class Block:
    """One unit of reading: a heading, paragraph, list item or quote.

    ``lang`` is the BCP 47 tag the block is read in ("fr-FR", "en"...), filled
    by the language stage; ``lang_hint`` is the element's own ``lang`` /
    ``xml:lang`` attribute (or its nearest ancestor's), which wins over
    detection. ``text`` is clean text for speech: whitespace collapsed, line
    breaks (from ``<br>``) kept as ``\\n`` so speech can pause on them.
    """

    kind: BlockKind
    text: str
    level: int = 0
    lang: str | None = None
    lang_hint: str | None = None


@dataclass
class LangHints:
    """What the page itself says about its language and locale."""

    html_lang: str | None = None
    content_language: str | None = None
    og_locale: str | None = None


@dataclass
class Chapter:
    """One entry of a document's table of contents.

    ``first_block`` indexes ``Article.blocks``: the chapter runs from there to
    the next chapter's first block (of any level), so chapters never copy text
    and a position (block, sentence) says its chapter by a lookup. ``level`` is
    1 for a top entry (a part or a chapter), 2 for a section under it...
    ``lang`` is the chapter's own declared language (an EPUB document's
    ``xml:lang``), None when it has none.
    """

    title: str
    level: int = 1
    first_block: int = 0
    lang: str | None = None


@dataclass
class Article:
    """A cleaned article ready to be read aloud."""

    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    locale: str | None = None
    hints: LangHints = field(default_factory=LangHints)
    # A book's table of contents, in reading order (first_block never decreases).
    chapters: list[Chapter] = field(default_factory=list)
    # What the listener should know about how the document was read ("only the
    # first 2,000 pages were read"): shown, never read aloud.
    notices: list[str] = field(default_factory=list)

    def chapter_at(self, block_index: int) -> int | None:
        """The index in ``chapters`` of the chapter holding that block (the
        deepest one starting at or before it), None before the first chapter."""
        found = None
        for i, chapter in enumerate(self.chapters):
            if chapter.first_block > block_index:
                break
            found = i
        return found

    def chapter_range(self, index: int) -> range:
        """The block indexes of chapter ``index``, up to the next chapter of any level."""
        start = self.chapters[index].first_block
        end = len(self.blocks)
        for chapter in self.chapters[index + 1 :]:
            if chapter.first_block > start:
                end = chapter.first_block
                break
        return range(start, end)

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record of ``lismoi extract --format json``."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "locale": self.locale,
            "blocks": [
                {
                    "kind": b.kind,
                    "text": b.text,
                    "lang": b.lang,
                    **({"level": b.level} if b.level else {}),
                }
                for b in self.blocks
            ],
            # Only for a document that has chapters: a web page's record is unchanged.
            **(
                {
                    "chapters": [
                        {"title": c.title, "level": c.level, "first_block": c.first_block}
                        | ({"lang": c.lang} if c.lang else {})
                        for c in self.chapters
                    ]
                }
                if self.chapters
                else {}
            ),
            **({"notices": list(self.notices)} if self.notices else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for caching and round-trips."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        blocks = [Block(**b) for b in data.get("blocks", [])]
        hints = LangHints(**data.get("hints", {}))
        chapters = [Chapter(**c) for c in data.get("chapters", [])]
        rest = {k: v for k, v in data.items() if k not in ("blocks", "hints", "chapters")}
        return cls(blocks=blocks, hints=hints, chapters=chapters, **rest)

    def plain_text(self) -> str:
        """Title and blocks as plain text, one block per paragraph."""
        parts = [self.title] if self.title else []
        parts += [b.text for b in self.blocks]
        return "\n\n".join(parts)
