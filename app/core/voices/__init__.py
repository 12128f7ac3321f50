"""Voice profiles ("fr-CA-female") and how each resolves to a voice installed here.

A *profile* is what the listener picks; it lives as data in ``voices/*.json``
with candidate voices per engine (:mod:`.profiles`). *Resolution*
(:mod:`.resolve`) turns it into the best installed voice of every engine
(:mod:`.installed`: espeak-ng, and Piper's natural voices, whose gender is
measured from their pitch when unknown, :mod:`.measured`) and says, in
words, how good the match is. The types are in :mod:`.types`.
"""

from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice
from lismoi.core.voices.installed import (
    Installed,
    installed_engines,
    installed_voices,
    refresh_installed_voices,
    set_installed_voices_provider,
)
from lismoi.core.voices.profiles import derive_profiles, load_builtin_profiles
from lismoi.core.voices.resolve import (
    ACCENT_LABELS,
    ENGINE_NAMES,
    ESPEAK_FEMALE_VARIANTS,
    best_profile_for,
    get_profile,
    list_profiles,
    profile_for,
    resolve,
    resolve_with,
)
from lismoi.core.voices.types import (
    GENDERS,
    NATURAL_ENGINES,
    PIN_MARK,
    QUALITIES,
    ResolvedVoice,
    VoiceProfile,
    platform_engine,
)

__all__ = [
    "ACCENT_LABELS",
    "ENGINE_NAMES",
    "ESPEAK_FEMALE_VARIANTS",
    "GENDERS",
    "NATURAL_ENGINES",
    "PIN_MARK",
    "QUALITIES",
    "EngineVoices",
    "Installed",
    "InstalledVoice",
    "ResolvedVoice",
    "VoiceProfile",
    "best_profile_for",
    "derive_profiles",
    "get_profile",
    "installed_engines",
    "installed_voices",
    "list_profiles",
    "load_builtin_profiles",
    "platform_engine",
    "profile_for",
    "refresh_installed_voices",
    "resolve",
    "resolve_with",
    "set_installed_voices_provider",
]
