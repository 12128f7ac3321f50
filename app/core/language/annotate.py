"""The language of every block of an article, from the model and the document's context.

Context rules (:func:`annotate`):

- a block's own ``lang`` attribute wins for that block; a ``lang`` the whole
  page shares (<html lang>, or a wrapper's copied down by extraction) is a
  page hint, not a block's;
- the document language is the best language of all the text together, with a
  prior towards what the page declares;
- a long block leaves the document language only when another language wins
  by a clear margin (a quoted English paragraph in a French article);
- a short block (a heading, "Oui.", a name: up to :data:`SHORT_WORDS` words)
  takes its neighbours' language (or the document's) unless it is very sure
  of another one (another script, "Thank you very much!"); a run of short
  blocks (list items) is also judged together.

Locales (fr-FR vs fr-CA) come from :mod:`lismoi.core.language.locales`, never
from the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lismoi.core.article import Article, Block
from lismoi.core.language.locales import LocaleEvidence, language_of, normalize_tag
from lismoi.core.language.model import (
    MARGIN_LONG,
    MARGIN_SHORT,
    PAGE_PRIOR,
    TEMPERATURE,
    _evidence,
    _Model,
    _model,
    _scores_for,
    detect,
    from_bcp47,
    is_short,
    to_bcp47,
)

if TYPE_CHECKING:
    import numpy as np


def _block_hints(article: Article) -> tuple[list[str | None], str | None]:
    """Per-block ``lang`` hints that are really the block's own, and a container's.

    Extraction copies the nearest ancestor's lang down, so a page's <html lang>
    (or a <body>/<article> lang covering most blocks) reaches every block: that
    is a statement about the page, not about the block, and must not stop an
    English quote from being detected.
    """
    blocks = article.blocks
    page = language_of(article.hints.html_lang)
    hints = [normalize_tag(b.lang_hint) for b in blocks]
    counts = Counter(language_of(h) for h in hints if h)
    wide = None
    if counts:
        lang, n = counts.most_common(1)[0]
        if len(blocks) >= 3 and n * 2 > len(blocks):
            wide = Counter(h for h in hints if language_of(h) == lang).most_common(1)[0][0]
    own: list[str | None] = []
    for hint in hints:
        primary = language_of(hint)
        own.append(None if primary is None or primary in (page, language_of(wide)) else hint)
    return own, wide


def annotate(
    article: Article, *, override: str | None = None, document: str | None = None
) -> None:
    """Set ``article.locale`` and every ``block.lang`` (BCP 47), in place.

    ``override`` ("fr-CA") is the user's choice: it becomes the document's
    locale, and every block in the document's language is read in it; blocks
    clearly in another language (an English quote) keep their own language.
    ``document`` is the document's locale when it is known already: a book is
    annotated a chapter at a time, and its later chapters keep the language
    found on the first one rather than each deciding again on a few pages.
    Safe to call from a worker thread.
    """

    model = _model()
    own_hints, wide_hint = _block_hints(article)
    evidence = LocaleEvidence.collect(article.hints, article.url, override, wide_hint)
    page_lang = evidence.page_language
    blocks = article.blocks

    # Evidence per block (None: no text to go on, or decided by its own hint).
    scores: list[np.ndarray | None] = []
    for block, hint in zip(blocks, own_hints, strict=True):
        found = None if hint or block.kind == "code" else _scores_for(model, block.text)
        scores.append(None if found is None else _evidence(model, found[0]))

    known = from_bcp47(document) if document else None
    if known in model.codes:
        doc_code: str | None = known
    else:
        doc_code = _document_language(model, article.title, scores, page_lang)
    codes: list[str | None] = [None] * len(blocks)
    if doc_code is not None:
        doc = model.codes.index(doc_code) if doc_code in model.codes else None
        short = [is_short(b.text) for b in blocks]
        # Long blocks first: they are the neighbours short blocks lean on.
        for i, s in enumerate(scores):
            if s is not None and not short[i]:
                codes[i] = model.codes[_choose(s, doc, MARGIN_LONG)]
        long_langs: list[str | None] = [
            (from_bcp47(own_hints[i]) if own_hints[i] else codes[i]) if not short[i] else None
            for i in range(len(blocks))
        ]
        contexts: list[int | None] = [None] * len(blocks)
        leans = _leanings(blocks, long_langs, doc_code)
        for i, s in enumerate(scores):
            if codes[i] is not None or own_hints[i]:
                continue
            context = leans[i]
            if s is None:
                codes[i] = context
                continue
            ctx = model.codes.index(context) if context in model.codes else doc
            codes[i] = model.codes[_choose(s, ctx, MARGIN_SHORT)]
            contexts[i] = ctx if codes[i] == model.codes[ctx] else None
        _switch_runs(model, blocks, scores, contexts, codes)

    doc_tag = to_bcp47(doc_code) if doc_code else None
    if doc_tag is None:
        # No text outside elements with their own lang: those say it all.
        hinted = Counter(language_of(h) for h in own_hints if h)
        if hinted:
            lang = hinted.most_common(1)[0][0]
            doc_tag = next(h for h in own_hints if h and language_of(h) == lang)
        else:
            # Only code (or nothing the detector scores): its words still say
            # something, and a locale is better than none for the voice.
            doc_tag = detect(" ".join([article.title, *(b.text for b in blocks)]))[0]
    override_tag = normalize_tag(override)
    article.locale = override_tag or (evidence.locale_for(doc_tag) if doc_tag else None)
    for block, hint, code in zip(blocks, own_hints, codes, strict=True):
        if hint:
            same = override_tag and language_of(hint) == language_of(override_tag)
            block.lang = override_tag if same else evidence.locale_for(hint, hint)
        elif code is None:
            block.lang = article.locale
        elif override_tag and code == doc_code:
            block.lang = override_tag
        else:
            block.lang = evidence.locale_for(to_bcp47(code))


def _document_language(
    model: _Model, title: str, scores: list[np.ndarray | None], page_lang: str | None
) -> str | None:
    """The langdetect code of the whole text, leaning towards the declared language."""
    import numpy as np

    # Block evidence already holds the web prior once each: sum the likelihoods
    # alone, then add the priors once.
    total = np.zeros(len(model.codes))
    seen = False
    title_scores = _scores_for(model, title) if title else None
    if title_scores:
        total += title_scores[0] / TEMPERATURE
        seen = True
    for s in scores:
        if s is not None:
            total += s - model.prior
            seen = True
    page_code = from_bcp47(page_lang) if page_lang else None
    if not seen:
        return page_code
    total += model.prior
    if page_code in model.codes:
        total[model.codes.index(page_code)] += PAGE_PRIOR
    return model.codes[int(total.argmax())]


def _choose(scores: np.ndarray, context: int | None, margin: float) -> int:
    """The best language, unless it does not beat the context language by ``margin``."""
    best = int(scores.argmax())
    if context is None or best == context:
        return best
    return best if scores[best] - scores[context] >= margin else context


def _switch_runs(
    model: _Model,
    blocks: Sequence[Block],
    scores: Sequence[np.ndarray | None],
    contexts: Sequence[int | None],
    codes: list[str | None],
) -> None:
    """Short blocks in a row (list items, replies) judged together.

    "Open source / Privacy first / No tracking" in a French article: no item
    alone is sure enough, together they are. A run switches to a language
    when every item leans to it and the summed margin is "very sure".
    ``contexts`` holds the context language of each short block that kept it
    (a block sure enough on its own to switch does not lend its weight: that
    pulled a neighbouring "Guten Appetit!" into English in the bench).
    """
    import numpy as np

    i = 0
    while i < len(blocks):
        j = i
        while (
            j < len(blocks)
            and contexts[j] is not None
            and contexts[j] == contexts[i]
            and blocks[j].kind != "heading"
        ):
            j += 1
        if j - i >= 2:
            ctx = contexts[i]
            margins = np.array([s - s[ctx] for s in scores[i:j]])
            joint = np.where((margins >= 0).all(axis=0), margins.sum(axis=0), -np.inf)
            joint[ctx] = -np.inf
            best = int(joint.argmax())
            if joint[best] >= MARGIN_SHORT:
                codes[i:j] = [model.codes[best]] * (j - i)
        i = max(j, i + 1)


def _leanings(blocks: Sequence[Block], long_langs: Sequence[str | None], doc: str) -> list[str]:
    """The language each short block leans to: the run it sits in, else the document's.

    A short block (a reply, a name, a list item) between two long blocks of
    the same language belongs with them; a heading belongs with its section
    when every long block in it is in one language. Computed for all blocks
    in two linear passes, so a page of 45,000 one-word blocks stays cheap.
    """
    n = len(blocks)
    before: list[str | None] = [None] * n
    after: list[str | None] = [None] * n
    last: str | None = None
    for i in range(n):
        before[i] = last
        last = long_langs[i] or last
    last = None
    # Walking backwards also gathers each section's languages for its heading.
    section: set[str] = set()
    heading_section: dict[int, set[str]] = {}
    for i in range(n - 1, -1, -1):
        after[i] = last
        last = long_langs[i] or last
        if blocks[i].kind == "heading":
            heading_section[i] = section
            section = set()
        elif long_langs[i]:
            section.add(long_langs[i])
    leans: list[str] = []
    for i in range(n):
        if before[i] and before[i] == after[i]:
            leans.append(before[i])
        elif i in heading_section and len(heading_section[i]) == 1:
            leans.append(next(iter(heading_section[i])))
        else:
            leans.append(doc)
    return leans
