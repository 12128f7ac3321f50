"""Voice profiles ("fr-CA-female") and how each resolves to a voice installed here.

A *profile* is what the listener picks; it lives as data in ``voices/*.json``
with candidate voices per engine (:mod:`.profiles`). *Resolution*
(:mod:`.resolve`) turns it into the best installed voice and says, in words,
how good the match is. The types are in :mod:`.types`.
"""

from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice
from lismoi.core.voices.profiles import derive_profiles, load_builtin_profiles
from lismoi.core.voices.resolve import (
    ACCENT_LABELS,
    ESPEAK_FEMALE_VARIANTS,
    get_profile,
    installed_voices,
    list_profiles,
    profile_for,
    resolve,
    resolve_with,
    set_installed_voices_provider,
)
from lismoi.core.voices.types import (
    GENDERS,
    QUALITIES,
    ResolvedVoice,
    VoiceProfile,
    platform_engine,
)

__all__ = [
    "ACCENT_LABELS",
    "ESPEAK_FEMALE_VARIANTS",
    "GENDERS",
    "QUALITIES",
    "EngineVoices",
    "InstalledVoice",
    "ResolvedVoice",
    "VoiceProfile",
    "derive_profiles",
    "get_profile",
    "installed_voices",
    "list_profiles",
    "load_builtin_profiles",
    "platform_engine",
    "profile_for",
    "resolve",
    "resolve_with",
    "set_installed_voices_provider",
]
