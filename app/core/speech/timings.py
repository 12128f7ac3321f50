"""What synthesis returns, and how the engine's word events become text offsets.

The engine reports words in the text it spoke (the prepared text, or word
indexes on the phoneme path); :func:`text_timings` maps them back to the
text the caller passed in, through the offsets :mod:`.normalize` kept.
:func:`clause_breaks` gives the phoneme path the punctuation between words,
which phonemes alone do not carry (without it espeak-ng drops the clause
pauses).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lismoi.core.speech.phonemes import PhonemeWord


@dataclass(frozen=True)
class WordTiming:
    """A word: [start, end) in the text passed to synthesize, and where it is heard."""

    start: int
    end: int
    audio_ms: float


@dataclass(frozen=True)
class Synthesis:
    """16-bit little-endian mono PCM at ``sample_rate``, with word timings."""

    pcm: bytes
    sample_rate: int
    words: list[WordTiming] = field(default_factory=list)
    voice_id: str = ""
    variant: str | None = None

    @property
    def duration_ms(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate * 1000.0 if self.sample_rate else 0.0


def text_timings(
    spans: Sequence[tuple[int, int, float]], starts: list[int] | None, ends: list[int] | None
) -> list[WordTiming]:
    """Word spans in the spoken text -> WordTimings in the caller's text."""
    words: list[WordTiming] = []
    for s, e, ms in spans:
        if starts is not None and ends is not None:
            start, end = starts[s], ends[e - 1]
        else:
            start, end = s, e
        if words and start < words[-1].end:
            continue  # two spoken words from one written one ("XXe" -> "20ème")
        words.append(WordTiming(start, max(end, start + 1), ms))
    return words


# Punctuation between two words, strongest first, as the engine gets it.
_BREAK_MARKS = (("?", "?"), ("!", "!"), (".", "."), ("…", "."), (";", ";"), (":", ":"),
                (",", ","), ("—", ","), ("–", ","), ("(", ","), (")", ","))


def clause_breaks(spoken: str, words: Sequence[PhonemeWord]) -> list[str]:
    """The punctuation after each word in ``spoken`` ("" for none): pauses and intonation."""
    breaks = []
    for i, word in enumerate(words):
        gap = spoken[word.end : words[i + 1].start] if i + 1 < len(words) else spoken[word.end :]
        breaks.append(next((mark for char, mark in _BREAK_MARKS if char in gap), ""))
    return breaks


def word_spans(spoken: str, raw: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """espeak's word events -> clean [start, end) spans in ``spoken``, in order.

    espeak counts characters from 1; after some inputs it also sends
    zero-length events (at clause ends, even at position 0): dropped. For
    « l’été » it reports only « l »: the span is widened over the apostrophe
    and the letters after it, so the whole written word lights up.
    """
    spans: list[tuple[int, int, float]] = []
    n = len(spoken)
    for pos, length, ms in raw:
        s = pos - 1
        if length <= 0 or s < 0 or s >= n:
            continue
        e = min(n, s + length)
        if e < n and spoken[e] in "'’":
            e += 1
            while e < n and spoken[e].isalnum():
                e += 1
        if spans and s < spans[-1][1]:
            continue  # going backwards: not a new word
        if not spoken[s:e].strip():
            continue
        spans.append((s, e, ms))
    return spans
