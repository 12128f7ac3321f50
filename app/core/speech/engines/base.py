"""What every speech engine offers: its voices, and a sentence synthesised to PCM.

An engine runs inside the speech worker's child process (see
:mod:`lismoi.core.speech.server`); the parent only sees the voice list
(:class:`EngineVoices`) and the synthesised audio. A new engine is one module
in this package implementing :class:`SpeechEngine`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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

