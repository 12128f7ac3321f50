"""The phoneme stage's types: a text's words with their phonemes, and an accent.

Between the text and the engine, an *accent* may rewrite each word's phonemes
(Québécois French over a France-French voice). The engine's phonemiser gives
the phonemes, word by word with each word's place in the spoken text, so that
word timings of the synthesis from phonemes can be mapped back to the text.

Phonemes are espeak-ng's ASCII mnemonics as ``espeak-ng -x`` prints them
(``p@t'it`` for *petit*: ``'`` before the stressed syllable, ``,`` before a
secondary stress; a trailing ``-`` marks an unstressed function word); they
are also what espeak-ng reads back between ``[[`` and ``]]``. An engine that
takes IPA (Piper) converts at its own edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PhonemeWord:
    """One spoken word and its phonemes."""

    text: str  # the word as written in the spoken (prepared) text
    start: int  # [start, end) in the spoken text
    end: int
    phonemes: str  # espeak-ng mnemonics, e.g. "p@t'it"


class Accent(Protocol):
    """Rules that rewrite phonemes (one accent: "fr-CA" Québécois, ...)."""

    name: str  # "fr-CA"

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        """The new phonemes of each word, in order (one string per word)."""
        ...
