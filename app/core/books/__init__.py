"""Books and long documents: EPUB and PDF into an Article with chapters.

:func:`article_parts` reads a loaded book (a :class:`~lismoi.core.load.source.Document`
whose ``data`` holds its bytes) chapter by chapter: it yields the same growing
:class:`~lismoi.core.article.Article` each time a chapter's blocks are in, so
a caller can show and play the first chapter while the rest is read (the
window's loader, later); :func:`read_book` reads it all. Every failure is a
:class:`~lismoi.core.errors.LoadError` a listener understands (DRM, password,
damaged, scanned, too large).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lismoi.core.errors import LoadError
from lismoi.core.i18n import _
from lismoi.core.load.sniff import EPUB, PDF

if TYPE_CHECKING:
    from lismoi.core.article import Article
    from lismoi.core.load.source import Document

BOOK_TYPES = frozenset((EPUB, PDF))


def is_book(doc: Document) -> bool:
    return doc.media_type in BOOK_TYPES and doc.data is not None


def article_parts(
    doc: Document, progress: Callable[[float], None] | None = None
) -> Iterator[Article]:
    """The book's Article, yielded again after each chapter is added.

    Blocks already yielded never change (later parts only add blocks and
    chapters), so a caller may show them while the rest is read.
    ``progress`` hears, before each yield, the fraction of the book read.
    """
    assert doc.data is not None
    report = progress or (lambda _fraction: None)
    if doc.media_type == EPUB:
        from .epub import epub_parts

        yield from epub_parts(doc.data, report)
    else:
        from .pdf import pdf_parts

        yield from pdf_parts(doc.data, report)


def read_book(doc: Document, cancel: threading.Event | None = None) -> Article:
    """The whole book as one Article (its chapters filled); ``cancel``, when
    set, stops the reading at the next chapter (as a cancelled download stops)."""
    article = None
    parts = article_parts(doc)
    try:
        for article in parts:  # noqa: B007 - the last one is the whole book
            if cancel is not None and cancel.is_set():
                raise LoadError(_("Loading was cancelled."))
    finally:
        parts.close()  # the document is closed now, not when collected
    assert article is not None  # the readers always yield at least once or raise
    return article
