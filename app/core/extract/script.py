"""Measures that hold in every script: lengths, word counts, commas, sentence ends.

The extraction rules were written for spaced, Latin-like text: "25
characters make a paragraph", "three words or fewer is a label". Chinese and
Japanese put a word or more in one character and no spaces between words;
Thai, Lao, Khmer and Myanmar write words without spaces (a space ends a
phrase). So lengths are measured in *Latin-equivalent characters* (a Han or
kana character counts as three: a Chinese word is 1.5-2 characters, an English
one 5-6 with its space), word counts come from characters where there are no
spaces, and the comma and full stop of each script count like ``,`` and ``.``.
"""

from __future__ import annotations

import re

# Han (with extensions and compatibility forms), kana, and halfwidth katakana:
# dense scripts, about a word per one or two characters.
_DENSE = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0002fa1f]"
)
# Thai, Lao, Myanmar, Khmer (and Khmer symbols, Myanmar extensions, Tai scripts):
# spaceless scripts whose words are about as long in code points as Latin ones.
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1a20-\u1aaf\uaa60-\uaa7f]"
)
# A Han or kana character weighs this many Latin characters.
DENSE_WEIGHT = 3
# Code points per word in Thai-like scripts (vowel and tone marks included).
_SPACELESS_WORD = 5
# The first code point of any script above: text below it needs no regex.
_FIRST = "\u0e00"

# Commas (Latin, CJK fullwidth/ideographic/enumeration and halfwidth, Arabic,
# Myanmar, Ethiopic, NKo, Mongolian) and the CJK full stop and semicolon, which
# separate clauses as often as a Latin comma does.
COMMAS = (",", "，", "、", "､", "﹐", "﹑", "。", "｡", "；", "،", "၊", "፣", "߸", "᠂")
# Sentence-final punctuation in the scripts we read (closing quotes stripped first).
SENTENCE_END = (
    ".", "!", "?", "…", ":", "。", "！", "？", "｡", "：", "؟", "۔", "।", "॥", "။", "។", "៕",
    "፧", "።", "՞", "։",
)  # fmt: skip
_CLOSERS = " \"'”’»」』）)]】›"


def weight(text: str) -> int:
    """The length of ``text`` in Latin-equivalent characters."""
    n = len(text)
    if n and not text.isascii() and max(text) >= _FIRST:  # C-fast tests first
        n += (DENSE_WEIGHT - 1) * len(_DENSE.findall(text))
    return n


def word_count(text: str) -> int:
    """Words in ``text``: space-separated, or estimated from characters where
    the script writes no spaces (a Han or kana character is a word's worth)."""
    words = len(text.split())
    if not text or text.isascii() or max(text) < _FIRST:
        return words
    dense = len(_DENSE.findall(text))
    spaceless = len(_SPACELESS.findall(text))
    if not dense and not spaceless:
        return words
    # The spaced words that hold these characters are replaced by the estimate.
    runs = sum(1 for w in text.split() if _DENSE.search(w) or _SPACELESS.search(w))
    return words - runs + dense + -(-spaceless // _SPACELESS_WORD)


def ends_sentence(text: str) -> bool:
    """Does ``text`` end like a sentence, in any script?"""
    return text.rstrip(_CLOSERS).endswith(SENTENCE_END)


def count_commas(text: str) -> int:
    """Clause separators in ``text`` (see :data:`COMMAS`)."""
    return sum(text.count(c) for c in COMMAS)
