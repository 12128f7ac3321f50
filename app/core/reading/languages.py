"""The language each block is read in, and the languages of an article.

The app's one default locale lives here: a block or article that says
nothing of its language is read as French of France.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from lismoi.core.article import Article

DEFAULT_LOCALE = "fr-FR"  # the documented default (core/language/locales.py agrees)
DEFAULT_PROFILE = "fr-FR-female"  # the voice of last resort, installed everywhere espeak is


def main_lang(article: Article | None) -> str:
    """The locale the article is read in when a block says nothing else."""
    return (article.locale if article is not None else None) or DEFAULT_LOCALE


def block_lang(article: Article | None, index: int) -> str:
    """The BCP 47 tag block ``index`` is read in.

    The language stage's ``lang`` first, then the page's own ``lang``
    attribute (``lang_hint``), then the article's locale, then the default.
    """
    if article is None or not 0 <= index < len(article.blocks):
        return DEFAULT_LOCALE
    block = article.blocks[index]
    return block.lang or block.lang_hint or main_lang(article)


class ArticleLanguages(NamedTuple):
    """The languages of an article as the voice bar offers them."""

    main: str  # base language of the article ("fr")
    others: list[str]  # other base languages of its blocks, sorted ("en", "es")
    locale_of: dict[str, str]  # base language -> the tag most blocks use ("fr" -> "fr-CA")


def article_languages(article: Article | None) -> ArticleLanguages:
    """(main language, other languages, the locale tag of each) of ``article``.

    Only the language stage's ``block.lang`` counts here (a hint alone is
    not offered a voice of its own); the main language keeps the article's
    locale even when a block says otherwise.
    """
    main_tag = main_lang(article)
    main = main_tag.split("-")[0].lower()
    tags: dict[str, Counter[str]] = {}
    for block in article.blocks if article is not None else ():
        if block.lang:
            lang = block.lang.split("-")[0].lower()
            tags.setdefault(lang, Counter())[block.lang] += 1
    others = sorted(lang for lang in tags if lang != main)
    locale_of = {lang: counter.most_common(1)[0][0] for lang, counter in tags.items()}
    locale_of[main] = main_tag
    return ArticleLanguages(main, others, locale_of)
