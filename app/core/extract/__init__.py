"""Article extraction: an HTML page -> an :class:`~lismoi.core.article.Article`.

``extract_html(html, url)`` cuts script/style/SVG/comments from the string
(:mod:`.prune`), reads the declared metadata (:mod:`.metadata`), builds a
BeautifulSoup tree (lxml builder) of what is left, measures it in one pass
(:mod:`.dom`), picks the article's container(s) (:mod:`.candidates`), widens
them to a story split over sibling sections (:mod:`.widen`) and turns them
into speech-ready blocks (:mod:`.blocks`, :mod:`.text`). Lengths and word
counts hold in every script (:mod:`.script`).
"""

from __future__ import annotations

from .extractor import extract_html

__all__ = ["extract_html"]
