"""EPUB 2 and 3 books into an Article with chapters.

The spine gives the reading order; each content document becomes blocks
(:mod:`.xhtml`); the table of contents (nav document, else NCX) becomes the
chapters, each pointing at the first block of its target (a fragment inside
a document is found exactly, by an anchor marked before the build). A book
without a table of contents gets one chapter per document that has a title.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from lismoi.core.article import Article, Chapter, LangHints
from lismoi.core.errors import ExtractionError, UnsupportedContentError
from lismoi.core.i18n import _

from .archive import Archive
from .package import TocEntry, check_drm, read_package
from .xhtml import read_content

log = logging.getLogger(__name__)


def epub_parts(data: bytes, progress: Callable[[float], None]) -> Iterator[Article]:
    """The book, yielded after each document of its spine that added blocks."""
    archive = Archive(data)
    try:
        yield from _parts(archive, progress)
    finally:
        archive.close()


def _parts(archive: Archive, progress: Callable[[float], None]) -> Iterator[Article]:
    check_drm(archive)
    pkg = read_package(archive)
    article = Article(
        title=pkg.title,
        byline=pkg.creator,
        date=pkg.date,
        hints=LangHints(html_lang=pkg.language),
    )
    by_doc: dict[str, list[TocEntry]] = {}
    for entry in pkg.toc:
        by_doc.setdefault(entry.target, []).append(entry)
    unreadable = 0
    yielded = False
    for number, name in enumerate(pkg.spine, 1):
        if name == pkg.nav:
            continue  # the table of contents page: chrome, already the chapters
        if archive.encrypted(name):
            raise UnsupportedContentError(
                _("This EPUB book is password-protected (encrypted): Lis-moi cannot read it.")
            )
        data = archive.read(name)
        if data is None:
            log.info("spine document missing from the archive: %s", name)
            continue
        entries = by_doc.get(name, [])
        wanted = {e.fragment for e in entries if e.fragment}
        content = read_content(data, anchors=wanted, book_lang=pkg.language)
        if content is None:
            unreadable += 1
            continue
        start = len(article.blocks)
        article.blocks.extend(content.blocks)
        if entries:
            for e in entries:
                at = content.anchors.get(e.fragment, 0) if e.fragment else 0
                _add_chapter(article, Chapter(e.title, e.level, start + at, content.lang))
        elif not pkg.toc and content.blocks:
            title = content.title or next(
                (b.text for b in content.blocks if b.kind == "heading"), ""
            )
            if title:
                _add_chapter(article, Chapter(title, 1, start, content.lang))
        if len(article.blocks) > start:
            yielded = True
            progress(number / len(pkg.spine))
            yield article
    if not article.blocks:
        if unreadable and unreadable >= len(pkg.spine) // 2:
            # Content that is not XHTML at all: encrypted by a scheme that
            # left no encryption.xml, or garbage.
            raise UnsupportedContentError(
                _("The text of this EPUB book is encrypted or damaged: Lis-moi cannot read it.")
            )
        raise ExtractionError(_("This EPUB book holds no text to read."))
    # Chapters whose target came after the end (a TOC entry for an empty page).
    article.chapters = [c for c in article.chapters if c.first_block < len(article.blocks)]
    if not yielded:
        progress(1.0)
        yield article


def _add_chapter(article: Article, chapter: Chapter) -> None:
    """Chapters stay in reading order: an entry pointing back is dropped."""
    if article.chapters and chapter.first_block < article.chapters[-1].first_block:
        log.info("table of contents entry out of reading order dropped: %s", chapter.title)
        return
    article.chapters.append(chapter)
