"""PDF documents with a text layer into an Article with chapters.

Pages are read in order through PDFium (pypdfium2: Apache-2.0/BSD, chosen
over pdfminer.six by speed on our generated books, see
docs/architecture.md): lines (:mod:`.pdf_lines`), running heads left out and
columns put in reading order (:mod:`.pdf_layout`), then paragraphs and
headings (:mod:`.pdf_paragraphs`). The outline (bookmarks) gives the
chapters; the Article is yielded at every chapter's end, so the first one can
be shown and played while the rest is read. Memory stays bounded: only the
pages around the current one are held, and at most :data:`MAX_PAGES` are read.

PDFium is not thread-safe: one document is read by one thread at a time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from lismoi.core.article import Article, Chapter
from lismoi.core.errors import ExtractionError, LoadError, UnsupportedContentError
from lismoi.core.i18n import _

from .pdf_layout import body_lines, reading_order
from .pdf_lines import PageLines, page_lines
from .pdf_paragraphs import Paragraphs, body_size, mostly_bold

log = logging.getLogger(__name__)

MAX_PAGES = 3000  # ~a million words; a 10,000-page file is read that far, and says so
MAX_OUTLINE = 5000
AROUND = 4  # pages compared on each side to find running heads
_SIZE_PAGES = 12  # pages that decide the body text's size
_YIELD_EVERY = 25  # pages, for a document without an outline
_NO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b")


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open the document, or say in words why it cannot be."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        # PDFium's last error is process-wide and not always set by a failed
        # load (a document of 0 pages fails with "success", or the previous
        # file's code): a password needs an /Encrypt dictionary in the file.
        encrypted = b"/Encrypt" in data
        if code == pdfium_c.FPDF_ERR_PASSWORD and encrypted:
            raise UnsupportedContentError(
                _(
                    "This PDF document is protected by a password: Lis-moi cannot open it. "
                    "Save a copy without the password and open that."
                )
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY and encrypted:
            raise UnsupportedContentError(
                _("This PDF document is encrypted in a way Lis-moi cannot read.")
            ) from None
        if _NO_PAGES.search(data):
            raise ExtractionError(_("This PDF document has no pages.")) from None
        raise LoadError(_("This PDF document is damaged and cannot be read.")) from None


def pdf_parts(data: bytes, progress: Callable[[float], None]) -> Iterator[Article]:
    pdf = open_pdf(data)
    try:
        yield from _parts(pdf, progress)
    finally:
        pdf.close()


def _outline(pdf: pdfium.PdfDocument, pages: int) -> list[tuple[str, int, int]]:
    """(title, level from 1, page index) of each bookmark that points into the pages read."""
    out: list[tuple[str, int, int]] = []
    try:
        for mark in pdf.get_toc(max_depth=8):
            if len(out) >= MAX_OUTLINE:
                break
            dest = mark.get_dest()
            index = dest.get_index() if dest is not None else None
            title = " ".join((mark.get_title() or "").split())
            if index is None or not title or not 0 <= index < pages:
                continue
            out.append((title, mark.level + 1, index))
    except (pdfium.PdfiumError, ValueError, RecursionError):  # a looping or broken outline
        log.info("PDF outline unreadable: read without chapters")
    return out


def _title(pdf: pdfium.PdfDocument) -> str:
    try:
        return " ".join((pdf.get_metadata_value("Title") or "").split())
    except (pdfium.PdfiumError, KeyError, ValueError):
        return ""


def _parts(pdf: pdfium.PdfDocument, progress: Callable[[float], None]) -> Iterator[Article]:
    total = len(pdf)
    if total == 0:
        raise ExtractionError(_("This PDF document has no pages."))
    pages = min(total, MAX_PAGES)
    article = Article(title=_title(pdf))
    if total > pages:
        article.notices.append(
            _("This document has {n} pages: only the first {max} were read.").format(
                n=total, max=pages
            )
        )
    outline = _outline(pdf, pages)
    starts: dict[int, list[tuple[str, int]]] = {}
    for title, level, index in outline:
        starts.setdefault(index, []).append((title, level))
    held: dict[int, PageLines] = {}  # the pages around the current one, read ahead
    read = 0  # pages read so far

    def hold(upto: int) -> None:
        nonlocal read
        while read <= min(upto, pages - 1):
            held[read] = page_lines(pdf, read)
            read += 1

    hold(min(_SIZE_PAGES, pages) - 1)
    sample = [ln for p in held.values() for ln in p.lines]
    para = Paragraphs(body_size(sample), bold_body=mostly_bold(sample))
    pending: list[tuple[str, int, int]] = []  # chapter title, level, first block candidate
    last_yield = 0
    for index in range(pages):
        hold(index + AROUND)
        for old in [k for k in held if k < index - AROUND]:
            del held[old]
        if index in starts:
            para.flush()
            if para.blocks and index - last_yield > 0:
                _resolve(article, para, pending)
                last_yield = index
                progress(index / pages)
                yield article
            pending += [(t, lv, len(para.blocks)) for t, lv in starts[index]]
        page = held[index]
        ordered = reading_order(body_lines(held, index, AROUND), page.width)
        para.feed_page(ordered)
        if not outline and index + 1 - last_yield >= _YIELD_EVERY and para.blocks:
            _resolve(article, para, pending)
            last_yield = index + 1
            progress(last_yield / pages)
            yield article
    para.flush()
    _resolve(article, para, pending)
    if not article.blocks:
        raise _no_text(pdf)
    if not outline:
        article.chapters = _chapters_from_headings(article)
    progress(1.0)
    yield article


def _resolve(article: Article, para: Paragraphs, pending: list) -> None:
    """Move the blocks built so far into the article and place the pending
    chapters: at the heading that bears the bookmark's title on its page,
    else at the page's first block."""
    article.blocks = para.blocks
    for title, level, start in pending:
        floor = article.chapters[-1].first_block if article.chapters else 0
        start = max(start, floor)
        at = start
        want = _norm(title)
        for k in range(start, min(len(para.blocks), start + 60)):
            block = para.blocks[k]
            text = _norm(block.text)
            if block.kind == "heading" and (
                text == want or text.startswith(want) or (len(text) >= 3 and want.startswith(text))
            ):
                at = k
                break
        if at < len(para.blocks) or not para.blocks:
            article.chapters.append(Chapter(title, level, at))
    pending.clear()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _chapters_from_headings(article: Article) -> list[Chapter]:
    """No outline: the top-level headings are the chapters (when there are two or more)."""
    headings = [(i, b) for i, b in enumerate(article.blocks) if b.kind == "heading"]
    if not headings:
        return []
    top = min(b.level for _, b in headings)
    marks = [Chapter(b.text, 1, i) for i, b in headings if b.level == top]
    return marks if len(marks) >= 2 else []


def _no_text(pdf: pdfium.PdfDocument) -> LoadError:
    # No text but pictures (a scan; maybe with a scanner's stamp that reads as
    # a running head): say so, rather than "no text".
    if _has_images(pdf):
        return UnsupportedContentError(
            _(
                "This PDF document holds pictures of its pages (a scan) and no text: "
                "Lis-moi cannot read it, as it does not recognise text in pictures (OCR)."
            )
        )
    return ExtractionError(_("This PDF document holds no text to read."))


def _has_images(pdf: pdfium.PdfDocument) -> bool:
    for index in range(min(len(pdf), 5)):
        page = pdf[index]
        try:
            if any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                return True
        finally:
            page.close()
    return False
