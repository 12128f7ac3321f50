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
# Engines whose voices are neural models (Piper): they win over the platform's
# engine wherever they match a profile as well, and give no word timings.
NATURAL_ENGINES = frozenset({"piper"})
# A profile id with this mark and an engine name ("en-US-male@espeak") is the
# profile pinned to that engine: the listener's "espeak-ng instead of the natural voice".
PIN_MARK = "@"


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
    engine: str | None = None  # pinned to this engine (None: the best installed voice)

    def label(self) -> str:
        """The label in the interface language."""
        return self.label_fr if ui_language().startswith("fr") else self.label_en

    @property
    def base_id(self) -> str:
        """The profile's id without its engine pin ("en-US-male@espeak" -> "en-US-male")."""
        return self.id.split(PIN_MARK, 1)[0]

    @property
    def accent(self) -> str | None:
        """The pronunciation rules the profile asks for ("fr-CA"), from any engine's entry."""
        for spec in self.engines.values():
            if isinstance(spec, dict) and spec.get("accent"):
                return str(spec["accent"])
        return None


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

    @property
    def natural(self) -> bool:
        """A neural voice (Piper), not a formant one (espeak-ng)."""
        return self.engine in NATURAL_ENGINES

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
