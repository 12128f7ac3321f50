"""The article model shared by every stage of the pipeline.

An :class:`Article` is what the listener hears: a title, metadata that is not
read as body text (byline, date), and :class:`Block` s in reading order.
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
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for caching and round-trips."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        blocks = [Block(**b) for b in data.get("blocks", [])]
        hints = LangHints(**data.get("hints", {}))
        rest = {k: v for k, v in data.items() if k not in ("blocks", "hints")}
        return cls(blocks=blocks, hints=hints, **rest)

    def plain_text(self) -> str:
        """Title and blocks as plain text, one block per paragraph."""
        parts = [self.title] if self.title else []
        parts += [b.text for b in self.blocks]
        return "\n\n".join(parts)
