"""Sentence boundaries with each language's rules, as character spans.

A sentence ends at . ! ? or an ellipsis, with any closing guillemet, quote or
bracket that follows, when the next word starts a sentence (a capital, a
digit, an opening quote or a dash). A period after a known abbreviation
(« M. », « Mme. », « Dr. », Mr., e.g.) or an initial (« J. Dupont ») does not
end a sentence; « 3,5 » and « 5.000 » never do (no space after the mark).
A line break ("\\n", a <br> in the page) always ends one. A "sentence"
longer than ``max_chars`` (a paragraph without punctuation) is cut at the
last comma, semicolon or space before the limit, so the first audio comes
fast and highlighting stays useful.
"""

from __future__ import annotations

import re

# Abbreviations whose period does not end a sentence (compared case-folded,
# without the final period). "etc." is left out: it usually ends one.
_FR_ABBREVIATIONS = (
    "m mm mme mmes mlle mlles mgr me dr pr st ste ss cf env av apr j.-c p ex "
    "éd ed vol chap fig art p.ex réf tél boul bd ch hab min max sq suiv "
    "janv févr avr juil sept oct nov déc"
)
_EN_ABBREVIATIONS = (
    "mr mrs ms mx dr prof st jr sr vs e.g i.e cf no nos fig figs inc ltd co corp "
    "gen gov rep sen rev sgt capt col lt mt ft approx dept est vol ch p pp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m"
)
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fr": frozenset(_FR_ABBREVIATIONS.split()),
    "en": frozenset(_EN_ABBREVIATIONS.split()),
}
_COMMON = frozenset({"dr", "st", "cf", "vol", "p", "fig"})

_END = re.compile(r"(?:\.{3}|…|[.!?])+(?:[ \u00a0\u202f]*[»\"”’)\]])*")
_SPACE = " \t\u00a0\u202f\u2009"
_OPENERS = "«\"“‘([—–-¡¿'"


def _abbreviations(lang: str) -> frozenset[str]:
    base = (lang or "").split("-")[0].split("_")[0].lower()
    return _ABBREVIATIONS.get(base, _COMMON)


def _ends_sentence(text: str, mark_start: int, mark_end: int, abbrevs: frozenset[str]) -> bool:
    after = mark_end
    if after >= len(text):
        return True
    if text[after] == "\n":
        return True
    if text[after] not in _SPACE:
        return False  # "5.000", "3,5", "e.g.," "www.site.fr"
    while after < len(text) and text[after] in _SPACE:
        after += 1
    if after >= len(text):
        return True
    nxt = text[after]
    mark = text[mark_start:mark_end]
    if nxt.islower():
        return False  # « Quoi ? » dit-il. / an ellipsis mid-sentence
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or nxt == "\n"):
        return False
    if mark.startswith(".") and not mark.startswith("..."):
        # The word before the period: an abbreviation or an initial?
        word_start = mark_start
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:mark_start].lstrip('«"“‘([').casefold()
        if word in abbrevs:
            return False
        if len(word) == 1 and word.isalpha() and text[mark_start - 1].isupper():
            return False  # an initial: « J. Dupont »
    return True


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    spans = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind(","), window.rfind(";"), window.rfind(":"))
        if cut < max_chars // 3:
            cut = window.rfind(" ")
        if cut < max_chars // 3:
            cut = max_chars - 1  # one endless word: cut anyway
        spans.append((start, start + cut + 1))
        start += cut + 1
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return spans


def split_sentences(text: str, lang: str, *, max_chars: int = 400) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of ``text``, whitespace trimmed."""
    abbrevs = _abbreviations(lang)
    cuts = [0]
    for match in _END.finditer(text):
        if _ends_sentence(text, match.start(), match.end(), abbrevs):
            cuts.append(match.end())
    cuts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    spans: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.extend(_cut_long(text, a, b, max_chars))
    return spans
