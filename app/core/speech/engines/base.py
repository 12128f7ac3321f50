"""What every speech engine offers: its voices, and a sentence synthesised to PCM.

An engine runs inside the speech worker's child process (see
:mod:`lismoi.core.speech.server`); the parent only sees the voice list
(:class:`EngineVoices`) and the synthesised audio (:class:`EngineAudio`). A
new engine is one module in this package implementing :class:`SpeechEngine`,
plus one line in the registry (:mod:`lismoi.core.speech.engines`).

An engine that reads phonemes (``takes_phonemes`` True) also implements
:class:`PhonemeEngine`: its own phonemiser (text -> each word's phonemes and
place in the text) and synthesis from phonemes, so that an accent can rewrite
the phonemes in between (see :mod:`lismoi.core.speech.phonemes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

from lismoi.core.speech.phonemes import PhonemeWord


def split_tag(tag: str) -> tuple[str, str | None]:
    """ "fr-ca", "fr_CA", "fr-Latn-CA", "en" -> ("fr", "CA") ... ("en", None)."""
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        return "", None
    lang = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return lang, region


@dataclass(frozen=True)
class InstalledVoice:
    """One voice the engine reports (engine-neutral: pyttsx3's Voice, flattened)."""

    id: str  # what pyttsx3's 'voice' property takes
    name: str
    languages: tuple[str, ...] = ()  # as the engine says them: "fr", "en-gb", "fr_CA", "fr-FR"
    gender: str | None = None  # "female" | "male" | None

    @property
    def lang_tags(self) -> list[tuple[str, str | None]]:
        """Each language as (lang, REGION or None), lower/upper-cased."""
        return [split_tag(tag) for tag in self.languages if tag]


@dataclass(frozen=True)
class EngineVoices:
    """What the engine of this platform can speak with."""

    engine: str  # "espeak" | "sapi5" | "nsss"
    voices: tuple[InstalledVoice, ...]
    variants: tuple[str, ...] = ()  # espeak variant names ("f3", "Annie", ...)



class WordEvent(NamedTuple):
    """A word as the engine reports it, in the text it was given.

    ``position`` counts characters from 1 (espeak-ng's convention, kept by
    every engine so the worker maps them one way); ``audio_ms`` is where the
    word is heard, or -1.0 when the engine does not know.
    """

    position: int
    length: int
    audio_ms: float


@dataclass(frozen=True)
class EngineAudio:
    """One synthesised text: 16-bit little-endian mono PCM at ``sample_rate``.

    From :meth:`PhonemeEngine.synthesize_phonemes`, each word event's
    ``position`` is the index (from 0) of the word in the list it was given.
    """

    pcm: bytes
    sample_rate: int  # the rate of *this* audio (a voice may bring its own)
    words: tuple[WordEvent, ...] = ()  # empty when the engine gives no word events


@runtime_checkable
class SpeechEngine(Protocol):
    """A speech engine, as the worker process drives it (one per process)."""

    name: str  # "espeak" | "sapi5" | "nsss" | ...: what the voice list says
    sample_rate: int  # the engine's usual rate (reported before any synthesis)
    takes_phonemes: bool  # True: it is a PhonemeEngine too

    def voices(self) -> EngineVoices:
        """Every voice (and espeak-style variant) this engine can speak with."""
        ...

    def synthesize(
        self,
        text: str,
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
    ) -> EngineAudio:
        """Speak ``text`` as is (no markup is interpreted); blocking.

        ``wpm`` is words per minute, ``pitch`` is on espeak's 0-99 scale (50:
        the voice's own), ``volume`` 1.0 is the voice's normal level. An
        unknown voice raises an exception (the worker reports it).
        """
        ...


# Between-word punctuation synthesize_phonemes accepts (anything else is "").
BREAKS = frozenset({",", ".", "?", "!", ";", ":"})


@runtime_checkable
class PhonemeEngine(SpeechEngine, Protocol):
    """An engine that gives a text's phonemes and speaks from phonemes."""

    def phonemize(
        self, text: str, voice_id: str, variant: str | None = None
    ) -> list[PhonemeWord] | None:
        """Each spoken word of ``text`` with its phonemes and its [start, end) in ``text``.

        One word may cover several written ones ("parce que") or several
        spoken ones ("1994"). None when the engine's words cannot be put
        on the text's words with confidence: the caller then speaks the text
        as text (never phonemes placed on the wrong words).
        """
        ...

    def synthesize_phonemes(
        self,
        words: Sequence[str],
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
        breaks: Sequence[str] | None = None,
    ) -> EngineAudio:
        """Speak ``words`` (one phoneme string per word, the engine's own notation).

        ``breaks[i]``, if given, is the punctuation after word ``i`` (one of
        :data:`BREAKS`, else ignored): clause pauses and intonation as the
        text had them. Word events' positions are word indexes (from 0).
        """
        ...
