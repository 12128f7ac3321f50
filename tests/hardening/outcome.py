"""What every bad input must end in: a typed LismoiError or a readable Article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lismoi.core.article import Article
from lismoi.core.errors import LismoiError
from lismoi.core.load.source import load
from tests.hardening.strategies import SCRIPT_MARK


def check_article(article: Article, *, html: bool = True) -> None:
    """An article a listener can be given: clean text, never a script's text.

    ``html`` False: the source was plain text or Markdown, where "<script>" is
    just words the user asked to hear.
    """
    assert isinstance(article, Article)
    for block in article.blocks:
        assert isinstance(block.text, str) and block.text.strip(), block
        assert "\x00" not in block.text
        assert not html or SCRIPT_MARK not in block.text, "script text reached an article block"
        assert block.kind in ("heading", "paragraph", "list_item", "quote", "code", "table")
    assert not html or SCRIPT_MARK not in (article.title or "")


def is_html(path: Path) -> bool:
    """Was this file read as a web page? A file read as plain text or Markdown
    (a .txt, or bytes that do not look like HTML) holds words, not scripts."""
    try:
        return load(str(path)).media_type == "text/html"
    except LismoiError:
        return True


def check_languages(article: Article) -> None:
    """When the document has a locale, every block has a language (what picks its voice).

    A document with too little text to tell may have none: the Player then reads
    in the interface default. That case has its own tests (test_languages.py).
    """
    if article.locale:
        assert all(b.lang for b in article.blocks), "a block without a language"


def ends_well(
    fn: Callable[[], Article], *, annotated: bool = True, html: bool = True
) -> Article | LismoiError:
    """Run ``fn``; return its Article (checked) or the LismoiError it raised.

    Any other exception propagates, and so fails the test.
    """
    try:
        article = fn()
    except LismoiError as err:
        message = str(err)
        assert message.strip() and "\n" not in message.strip(), repr(message)
        assert "Traceback" not in message
        return err
    check_article(article, html=html)
    if annotated:
        check_languages(article)
    return article
