"""How a voice profile resolves to the best voice installed on this machine.

Resolution turns a profile into the best installed voice and says, in words,
how good the match is (``quality``) and why. espeak-ng has no Canadian French
voice and no female voices at all (a female voice is a *variant* of a voice,
e.g. ``roa/fr+f3``), so it must say so rather than pretend.

Resolution is a pure function of (profile, installed voice lists), so a test
can feed it a voice list from a platform that cannot exist here (Windows
SAPI5, macOS NSSS, a French Piper voice). The real lists come from the speech
processes (:mod:`.installed`), the only processes that load an engine.

Several engines may be installed: the platform's (espeak-ng) first, then the
natural ones (Piper, :data:`~.types.NATURAL_ENGINES`). A profile is resolved
over each; a natural voice wins wherever it matches the profile at least as
well (same quality or better: a Piper French voice with the Québécois rules
is as good a "French Canadian" as espeak-ng's French with them, and sounds
human), so a profile whose gender only espeak-ng's variants give stays with
espeak-ng. Where a natural voice wins, the profile pinned to the platform's
engine (``en-US-male@espeak``) is offered beside it, so the listener can keep
espeak-ng (fast, clear at high speed) and that choice is remembered like any
other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import replace

from lismoi.core.i18n import N_, _
from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice, split_tag
from lismoi.core.voices.installed import Installed, engines_of, installed_engines
from lismoi.core.voices.profiles import (
    derive_profiles,
    load_builtin_profiles,
    natural_voice_label,
    voice_label,
)
from lismoi.core.voices.types import (
    GENDERS,
    NATURAL_ENGINES,
    PIN_MARK,
    QUALITIES,
    ResolvedVoice,
    VoiceProfile,
    ui_language,
)

# ---------------------------------------------------------------- resolution

# Pronunciation rules a profile may ask for (lismoi.core.speech.accents), as named
# to the listener.
ACCENT_LABELS = {"fr-CA": N_("Québécois pronunciation rules")}
ENGINE_NAMES = {"espeak": "espeak-ng", "sapi5": "SAPI 5", "nsss": "macOS", "piper": "Piper"}
# Piper's model qualities, best first (the last part of a voice id: "fr_FR-siwis-medium").
_MODEL_QUALITY = ("high", "medium", "low", "x_low")

# espeak's female variants, best first. Chosen by MEASURING the median F0 of
# each variant on French text (tests/core/speech/test_pitch.py checks that the
# one we use is clearly higher than the male voice); names alone lie: several
# "female" variants sit barely above the male voice.
ESPEAK_FEMALE_VARIANTS = ("Annie", "f3", "f4", "f2", "f5")


def _voice_gender(voice: InstalledVoice) -> str | None:
    g = (voice.gender or "").lower()
    if "female" in g:
        return "female"
    if "male" in g:
        return "male"
    return None


def _find_named(voices: Iterable[InstalledVoice], name: str) -> InstalledVoice | None:
    """A voice whose id or name is ``name`` or starts with it (SAPI adds " - French")."""
    key = name.casefold()
    for voice in voices:
        if voice.id.casefold() == key or voice.name.casefold() == key:
            return voice
    for voice in voices:
        vname = voice.name.casefold()
        if vname.startswith(key + " ") or vname.startswith(key + "-"):
            return voice
        if voice.id.casefold().endswith("." + key) or voice.id.casefold().endswith("\\" + key):
            return voice
    return None


def _speaks(voice: InstalledVoice, lang: str) -> tuple[bool, str | None]:
    for vlang, vregion in voice.lang_tags:
        if vlang == lang:
            return True, vregion
    return False, None


def _region_name(lang: str, region: str | None) -> str:
    names = {
        ("fr", "FR"): _("French (France)"),
        ("fr", "CA"): _("Canadian French"),
        ("fr", "BE"): _("French (Belgium)"),
        ("fr", "CH"): _("French (Switzerland)"),
        ("fr", None): _("French"),
    }
    return names.get((lang, region), f"{lang}-{region}" if region else lang)


def _worse(a: str, b: str) -> str:
    return a if QUALITIES.index(a) >= QUALITIES.index(b) else b


def resolve_with(profile: VoiceProfile, installed: Installed) -> ResolvedVoice:
    """Bind ``profile`` to the best voice in ``installed`` (pure; tests feed fake lists).

    ``installed`` is one engine's voice list or several (the platform's first).
    """
    engines = engines_of(installed)
    if not engines:
        return ResolvedVoice(profile, "", "", None, "none", True,
                             _("no voice is installed for speech"))
    if profile.engine is not None:  # pinned: that engine or, if it went away, the platform's
        pinned = next((e for e in engines if e.engine == profile.engine), engines[0])
        return _resolve_one(profile, pinned)
    best = _resolve_one(profile, engines[0])
    for other in engines[1:]:
        if other.engine not in NATURAL_ENGINES or not _speaks_any(other, profile.lang):
            continue
        found = _resolve_one(profile, other)
        if QUALITIES.index(found.quality) <= QUALITIES.index(best.quality) and not best.natural:
            best = found
    return best


def _speaks_any(installed: EngineVoices, lang: str) -> bool:
    return any(_speaks(voice, lang)[0] for voice in installed.voices)


def _model_rank(voice: InstalledVoice) -> int:
    quality = voice.id.rsplit("-", 1)[-1]
    return _MODEL_QUALITY.index(quality) if quality in _MODEL_QUALITY else len(_MODEL_QUALITY)


def _resolve_one(profile: VoiceProfile, installed: EngineVoices) -> ResolvedVoice:
    """Bind ``profile`` to the best voice of one engine."""
    ui = ui_language()  # voices are named in the interface language (the cache key has it)
    engine = installed.engine
    natural = engine in NATURAL_ENGINES

    def named(voice: InstalledVoice) -> str:
        return natural_voice_label(voice, ui) if natural else voice_label(voice, ui)

    voices = list(installed.voices)
    if natural:  # the best model first: it wins the ties below
        voices.sort(key=_model_rank)
    if not voices:
        return ResolvedVoice(
            profile, engine, "", None, "none", True, _("no voice is installed for speech")
        )

    # 1. The profile's own candidates for this engine, in order.
    spec = profile.engines.get(engine) or profile.engines.get("any") or []
    accent: str | None = None
    if isinstance(spec, dict):  # espeak: {"accent": ..., "voices": [...], "variants": [...]}
        candidates = list(spec.get("voices", []))
        variants = list(spec.get("variants", []))
        # Only an engine that takes phonemes has a dict with an accent (espeak-ng).
        accent = spec.get("accent") if spec.get("accent") in ACCENT_LABELS else None
    else:
        candidates, variants = list(spec), []
    if natural:
        # Piper reads espeak-ng's phonemes: the profile's rules apply over its voices too.
        accent = profile.accent if profile.accent in ACCENT_LABELS else None
    chosen: InstalledVoice | None = None
    chosen_region: str | None = None
    for cand in candidates:
        voice = _find_named(voices, cand.get("id") or cand.get("name", ""))
        if voice is None:
            continue
        speaks, vregion = _speaks(voice, profile.lang)
        region = cand.get("region") or vregion
        if chosen is None or (region == profile.region and chosen_region != profile.region):
            chosen, chosen_region = voice, region
        if region == profile.region and _gender_ok(voice, profile, engine):
            break

    # 2. Any installed voice of the language: same region and gender first.
    if chosen is None or chosen_region != profile.region or not _gender_ok(chosen, profile, engine):
        best = None
        best_score = None
        for voice in voices:
            speaks, vregion = _speaks(voice, profile.lang)
            if not speaks:
                continue
            score = (
                vregion != profile.region and profile.region is not None,
                not _gender_ok(voice, profile, engine),
            )
            if best_score is None or score < best_score:
                best, best_score = voice, score
        if best is not None and (
            chosen is None
            or best_score
            < (
                chosen_region != profile.region and profile.region is not None,
                not _gender_ok(chosen, profile, engine),
            )
        ):
            chosen = best
            chosen_region = _speaks(best, profile.lang)[1]

    quality = "exact"
    reasons: list[str] = []
    if chosen is None:
        # 3. Nothing speaks the language: the engine's first voice, said plainly.
        chosen = _default_voice(voices)
        quality = "other-language"
        reasons.append(
            _("no {language} voice is installed; using {voice}").format(
                language=_region_name(profile.lang, profile.region), voice=named(chosen)
            )
        )
    elif profile.region and chosen_region and chosen_region != profile.region and accent:
        # No voice of the region, but its pronunciation over one of the language.
        quality = "accent"
        reasons.append(
            _("{rules} over {engine} {voice}").format(
                rules=_(ACCENT_LABELS[accent]), engine=ENGINE_NAMES.get(engine, engine),
                voice=named(chosen),
            )
        )
    elif profile.region and chosen_region and chosen_region != profile.region:
        quality = "other-region"
        reasons.append(
            _("no {wanted} voice is installed; using {got}").format(
                wanted=_region_name(profile.lang, profile.region),
                got=_region_name(profile.lang, chosen_region),
            )
        )

    variant: str | None = None
    if engine == "espeak":
        if profile.gender == "female":
            available = {v.casefold(): v for v in installed.variants}
            order = [v for v in variants if v] or list(ESPEAK_FEMALE_VARIANTS)
            variant = next(
                (available[v.casefold()] for v in order if v.casefold() in available), None
            )
            if variant is None and not installed.variants:
                # A list without variants (an old espeak): trust the usual name.
                variant = order[0]
            if variant is None:
                quality = _worse(quality, "other-gender")
                reasons.append(_("espeak-ng has no female variant installed; using a male voice"))
            else:
                reasons.append(
                    _("espeak-ng has no female voices; using the female variant {variant}").format(
                        variant=variant
                    )
                )
    elif not _gender_ok(chosen, profile, engine):
        quality = _worse(quality, "other-gender")
        reasons.append(
            _("no {gender} voice for this language; using {voice}").format(
                gender=_("female") if profile.gender == "female" else _("male"),
                voice=named(chosen),
            )
        )

    if quality == "exact":
        said = (_("natural voice {voice}") if natural else _("installed voice {voice}")).format(
            voice=named(chosen))
        reasons.insert(0, said)
    return ResolvedVoice(
        profile=profile,
        engine=engine,
        voice_id=chosen.id,
        variant=variant,
        quality=quality,
        fallback=quality not in ("exact", "accent"),
        reason="; ".join(reasons),
        voice_name=named(chosen),
        # The rules also over a real voice of the region (an MBROLA ca1 a listener
        # installed speaks from espeak's France-French phonemes), never over
        # another language's voice.
        # A natural voice of the region learnt its accent: the rules only over another's.
        accent=accent if quality == "accent" or (quality == "exact" and not natural) else None,
    )


def _gender_ok(voice: InstalledVoice, profile: VoiceProfile, engine: str) -> bool:
    if engine == "espeak":
        return True  # gender comes from the variant, decided apart
    gender = _voice_gender(voice)
    return gender is None or gender == profile.gender


def _default_voice(voices: Sequence[InstalledVoice]) -> InstalledVoice:
    for voice in voices:
        if _speaks(voice, "en")[0]:
            return voice
    return voices[0]


# Profiles and resolutions are pure functions of the (hashable) voice list:
# cache them, the player asks for every block.
@functools.lru_cache(maxsize=8)
def _all_profiles(installed: Installed) -> tuple[VoiceProfile, ...]:
    builtin = load_builtin_profiles()
    profiles = builtin + derive_profiles(installed, builtin)
    engines = engines_of(installed)
    natural_langs = {
        lang for e in engines[1:] if e.engine in NATURAL_ENGINES
        for v in e.voices for lang, _region in v.lang_tags
    }
    if not engines or not natural_langs:
        return tuple(profiles)
    platform = engines[0].engine
    name = ENGINE_NAMES.get(platform, platform)
    out: list[VoiceProfile] = []
    for profile in profiles:
        out.append(profile)
        if profile.lang in natural_langs and resolve_with(profile, installed).natural:
            out.append(pinned_profile(profile, platform, name))
    return tuple(out)


def pinned_profile(profile: VoiceProfile, engine: str, engine_name: str) -> VoiceProfile:
    """``profile`` read by ``engine`` only: "en-US-male@espeak", "… (espeak-ng)"."""
    return replace(
        profile,
        id=f"{profile.id}{PIN_MARK}{engine}",
        label_en=f"{profile.label_en} ({engine_name})",
        label_fr=f"{profile.label_fr} ({engine_name})",
        default_for_lang=False,
        engine=engine,
    )


@functools.lru_cache(maxsize=8)
def _profiles_by_id(installed: Installed) -> dict[str, VoiceProfile]:
    return {p.id.casefold(): p for p in _all_profiles(installed)}


def list_profiles(installed: Installed | None = None) -> list[VoiceProfile]:
    """The four French profiles, then one female and one male per other language.

    Each profile a natural voice reads is followed by the same profile pinned
    to the platform's engine ("en-US-male@espeak").
    """
    return list(_all_profiles(installed or installed_engines()))


def get_profile(profile_id: str, installed: Installed | None = None) -> VoiceProfile:
    """The profile called ``profile_id``; KeyError if there is none.

    A pinned id whose pin is not offered (espeak-ng already reads it, or the
    natural voice was removed) is the profile itself: a remembered choice
    stays valid.
    """
    profiles = _profiles_by_id(installed or installed_engines())
    key = profile_id.casefold()
    found = profiles.get(key) or profiles.get(key.split(PIN_MARK, 1)[0])
    if found is None:
        raise KeyError(profile_id)
    return found


@functools.lru_cache(maxsize=512)
def _resolve_cached(profile_id: str, installed: Installed, ui_language: str) -> ResolvedVoice:
    return resolve_with(get_profile(profile_id, installed), installed)


def resolve(profile_id: str, *, installed: Installed | None = None) -> ResolvedVoice:
    """The installed voice that plays ``profile_id`` on this machine (or on ``installed``)."""
    # The reason is in words of the interface language: part of the cache key.
    return _resolve_cached(profile_id, installed or installed_engines(), ui_language())


def best_profile_for(
    lang_tag: str, gender: str = "female", *, installed: Installed | None = None
) -> str | None:
    """The profile that reads ``lang_tag`` when the listener chose none.

    :func:`profile_for` in ``gender``, unless only the other gender has a
    natural voice: then that one (an English article reads with Piper's Joe
    rather than espeak-ng's female variant). Each profile stays true to its
    gender; only the automatic pick prefers a natural voice.
    """
    installed = installed or installed_engines()
    wanted = profile_for(lang_tag, gender, installed=installed)
    if wanted is None or resolve(wanted, installed=installed).natural:
        return wanted
    other_gender = "male" if gender == "female" else "female"
    other = profile_for(lang_tag, other_gender, installed=installed)
    if other is not None and resolve(other, installed=installed).natural:
        return other
    return wanted


def profile_for(
    lang_tag: str, gender: str = "female", *, installed: Installed | None = None
) -> str | None:
    """The profile id for a BCP 47 tag: "fr-CA" -> "fr-CA-female"; None if no voice fits."""
    lang, region = split_tag(lang_tag or "")
    if not lang:
        return None
    gender = gender if gender in GENDERS else "female"
    profiles = [
        p
        for p in _all_profiles(installed or installed_engines())
        if p.lang == lang and p.gender == gender and p.engine is None
    ]
    if not profiles:
        return None
    for profile in profiles:
        if region and profile.region == region:
            return profile.id
    for profile in profiles:
        if profile.default_for_lang:
            return profile.id
    return profiles[0].id

