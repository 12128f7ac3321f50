"""The pipeline from a source to an annotated article, without Qt.

load (bytes -> text) -> extract (text -> Article) -> language (a locale per
block). A book (PDF, EPUB) is loaded as bytes and read by
:mod:`lismoi.core.books` instead of extract: the dispatch is here, above both,
so load never imports a layer above its own. The CLI, the window's loading
worker and the benchmarks all go through :func:`read_article`, so they read
every source the same way; the window reads a book through
:func:`book_growth`, which hands it a chapter at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lismoi.core.article import Article, Block, Chapter
from lismoi.core.errors import ExtractionError, LoadError
from lismoi.core.extract.textdoc import article_from_markdown, article_from_plain_text
from lismoi.core.i18n import _
from lismoi.core.load.source import Document, is_url, load

if TYPE_CHECKING:
    from lismoi.core.load.fetch import Progress


def article_from_document(doc: Document, cancel: threading.Event | None = None) -> Article:
    """Extract the article of a loaded document (no language yet); ``cancel``
    stops a long book between two chapters."""
    from lismoi.core.books import is_book, read_book

    if is_book(doc):
        article = read_book(doc, cancel)
    elif doc.media_type == "text/html":
        from lismoi.core.extract import extract_html

        article = extract_html(doc.text, url=doc.url)
    elif doc.media_type == "text/markdown":
        article = article_from_markdown(doc.text)
    else:
        article = article_from_plain_text(doc.text)
    _complete_metadata(article, doc)
    return article


def _complete_metadata(article: Article, doc: Document) -> None:
    """Where the article came from, its server's language, a title from its file name."""
    article.source = doc.source
    article.url = article.url or doc.url
    if doc.content_language:
        article.hints.content_language = doc.content_language
    if not article.title and not is_url(doc.source):
        article.title = Path(doc.source).stem.replace("_", " ").replace("-", " ").strip()


def read_article(
    source: str,
    *,
    lang: str | None = None,
    timeout: float = 10.0,
    total_timeout: float = 60.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Article:
    """Load, extract and annotate ``source``; raise a LismoiError on failure.

    ``lang`` is the user's locale override ("fr-CA"): it wins over every hint.
    """
    doc = load(
        source, timeout=timeout, total_timeout=total_timeout, progress=progress, cancel=cancel
    )
    article = article_from_document(doc, cancel)
    if not article.blocks:
        raise ExtractionError(_("No article text was found in this page."))
    annotate_language(article, lang)
    return article


def article_from_text(text: str, *, lang: str | None = None, source: str = "clipboard") -> Article:
    """An article from pasted text (HTML if it looks like markup)."""
    from lismoi.core.load.sniff import sniff_media_type

    media = sniff_media_type(text.encode("utf-8", "replace"), None)
    doc = Document(
        text=text, media_type="text/html" if media != "text/plain" else media, source=source
    )
    article = article_from_document(doc)
    if not article.blocks:
        raise ExtractionError(_("The pasted text holds nothing to read."))
    annotate_language(article, lang)
    return article


def annotate_language(article: Article, lang: str | None) -> None:
    """Fill the document locale and each block's language."""
    from lismoi.core.language import annotate

    annotate(article, override=lang)


# Text that decides a book's language for its later chapters: a title page or
# a short preface alone could be in another language than the book.
DECIDING_CHARS = 2000


@dataclass
class Growth:
    """What one more part of a book adds to the Article the caller shows.

    The first Growth of :func:`book_growth` carries that Article (``article``);
    the later ones carry only what is new, to add with :meth:`apply_to` on the
    caller's thread: the reader's own Article is never shared across threads.
    """

    blocks: list[Block]  # new blocks, their languages set
    chapters: list[Chapter]  # the whole table of contents as known now
    notices: list[str]
    read: float  # the fraction of the book read so far
    complete: bool = False
    article: Article | None = field(default=None, repr=False)

    def apply_to(self, article: Article) -> int:
        """Add the new blocks and chapters to ``article``; return the first new block."""
        start = len(article.blocks)
        article.blocks.extend(self.blocks)
        article.chapters = list(self.chapters)
        article.notices = list(self.notices)
        return start


def book_growth(
    doc: Document, *, lang: str | None = None, cancel: threading.Event | None = None
) -> Iterator[Growth]:
    """Read the book in ``doc`` a part (a chapter, or 25 pages) at a time.

    Each part's blocks get their languages before they are handed out, so
    the first one can be shown and read at once; the last Growth is
    ``complete``. ``cancel`` stops between two parts (LoadError).
    """
    from lismoi.core.books import article_parts
    from lismoi.core.language import annotate

    read = 0.0

    def progress(fraction: float) -> None:
        nonlocal read
        read = fraction

    parts = article_parts(doc, progress)
    head: Article | None = None  # the caller's from its first Growth: not touched again
    sent = 0  # blocks handed out
    known: str | None = None  # the book's locale, once enough text decided it
    seen = 0  # characters handed out
    last = Growth([], [], [], 1.0, complete=True)
    try:
        for book in parts:
            if cancel is not None and cancel.is_set():
                raise LoadError(_("Loading was cancelled."))
            growth = Growth(book.blocks[sent:], list(book.chapters), list(book.notices), read)
            if head is None:
                head = replace(book, blocks=list(growth.blocks), chapters=list(book.chapters),
                               notices=list(book.notices), hints=replace(book.hints))
                _complete_metadata(head, doc)
                annotate_language(head, lang)
                growth.article, locale = head, head.locale
            else:
                part = Article(title=head.title, blocks=growth.blocks, url=head.url,
                               hints=head.hints)
                annotate(part, override=lang, document=known)
                locale = part.locale
            sent += len(growth.blocks)
            seen += sum(len(b.text) for b in growth.blocks)
            if known is None and seen >= DECIDING_CHARS:
                known = locale
            last.chapters, last.notices = growth.chapters, growth.notices
            yield growth
    finally:
        parts.close()
    if head is None or not sent:
        raise ExtractionError(_("No article text was found in this page."))
    yield last
