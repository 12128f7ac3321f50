"""What a listener picks (a voice profile) and what it resolves to on this machine."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from lismoi.core import i18n

GENDERS = ("female", "male")
# "accent": no voice of the region is installed, but the engine reads the
# region's pronunciation rules over a voice of the language (Québécois French
# over espeak-ng's French): what the profile promises, said as such, no fallback.
QUALITIES = ("exact", "accent", "other-region", "other-gender", "other-language", "none")


@dataclass(frozen=True)
class VoiceProfile:
    """A voice the user can pick: a language, a region, a gender, defaults."""

    id: str
    label_en: str
    label_fr: str
    lang: str
    region: str | None
    gender: str
    rate_wpm: int = 175
    pitch: int = 50
    default_for_lang: bool = False
    engines: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    derived: bool = False

    def label(self) -> str:
        """The label in the interface language."""
        return self.label_fr if ui_language().startswith("fr") else self.label_en


@dataclass(frozen=True)
class ResolvedVoice:
    """A profile bound to an installed voice, with an honest word on the match."""

    profile: VoiceProfile
    engine: str
    voice_id: str
    variant: str | None
    quality: str
    fallback: bool
    reason: str
    voice_name: str = ""
    accent: str | None = None  # pronunciation rules applied to the phonemes ("fr-CA")


    # What the speech worker needs of a voice (lismoi.core.speech.worker.SpeakingVoice).
    @property
    def lang(self) -> str:
        return self.profile.lang

    @property
    def rate_wpm(self) -> int:
        return self.profile.rate_wpm

    @property
    def pitch(self) -> int:
        return self.profile.pitch


def ui_language() -> str:
    return i18n.current_language()



def platform_engine(platform: str | None = None) -> str:
    """The pyttsx3 engine of a platform (``sys.platform`` by default)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "sapi5"
    if platform == "darwin":
        return "nsss"
    return "espeak"
