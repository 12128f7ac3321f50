"""The pipeline from a source to an annotated article, without Qt.

load (bytes -> text) -> extract (text -> Article) -> language (a locale per
block). A book (PDF, EPUB) is loaded as bytes and read by
:mod:`lismoi.core.books` instead of extract: the dispatch is here, above both,
so load never imports a layer above its own. The CLI, the window's loading
worker and the benchmarks all go through :func:`read_article`, so they read
every source the same way.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lismoi.core.article import Article
from lismoi.core.errors import ExtractionError
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
    article.source = doc.source
    article.url = article.url or doc.url
    if doc.content_language:
        article.hints.content_language = doc.content_language
    if not article.title and not is_url(doc.source):
        article.title = Path(doc.source).stem.replace("_", " ").replace("-", " ").strip()
    return article


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
