"""The profiles a listener can pick: hand-written ones from ``voices/*.json``, and
a female and a male one derived for every other language the engine speaks."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence

from lismoi.core import i18n
from lismoi.core.paths import VOICES_DIR
from lismoi.core.speech.engines.base import InstalledVoice
from lismoi.core.voices.installed import Installed, engines_of
from lismoi.core.voices.types import GENDERS, VoiceProfile


def load_builtin_profiles() -> list[VoiceProfile]:
    """The hand-written profiles in ``voices/*.json``, sorted by id."""
    return list(_builtin_profiles())


@functools.lru_cache(maxsize=1)
def _builtin_profiles() -> tuple[VoiceProfile, ...]:
    profiles = []
    for path in sorted(VOICES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        profiles.append(
            VoiceProfile(
                id=data["id"],
                label_en=data["label_en"],
                label_fr=data["label_fr"],
                lang=data["lang"],
                region=data.get("region"),
                gender=data["gender"],
                rate_wpm=int(data.get("rate_wpm", 175)),
                pitch=int(data.get("pitch", 50)),
                default_for_lang=bool(data.get("default_for_lang", False)),
                engines=data.get("engines", {}),
            )
        )
    return tuple(profiles)


_LABELS = {
    "female": ("{name} Female", "{name}, voix féminine"),
    "male": ("{name} Male", "{name}, voix masculine"),
}


def pretty_name(voice: InstalledVoice) -> str:
    """The engine's own name of a voice, tidied (English, as engines name them)."""
    # espeak: "English_(Great_Britain)"; SAPI: "Microsoft David Desktop - English (United States)"
    name = voice.name.replace("_", " ")
    return name.split(" - ", 1)[1] if " - " in name else name


def voice_label(voice: InstalledVoice, ui: str) -> str:
    """The name of an installed voice in the interface language ``ui`` ("fr", "en").

    Engines name their voices in English ("French (France)"); what a voice
    speaks is named from CLDR instead ("Français (France)" in the French
    interface), like the derived profiles. The engine's name stays only where
    the voice says no language or CLDR does not know it.
    """
    engine_name = pretty_name(voice)
    tags = voice.lang_tags
    if not tags or not tags[0][0]:
        return engine_name
    lang, region = tags[0]
    english, french = _language_labels(lang, region, engine_name)
    name = french if ui.startswith("fr") else english
    # CLDR without a name for the language gives the bare code in French: the
    # engine's name says more.
    return engine_name if name == lang else name


def natural_voice_label(voice: InstalledVoice, ui: str) -> str:
    """A natural voice by its own name: "Joe (en_US, medium)" (a person's or a corpus's name).

    The profile's label already says the language; the name tells one voice from another.
    """
    return voice.name or voice.id


_MACROLANGUAGES = {"cmn": "zh"}


def _language_labels(lang: str, region: str | None, engine_name: str) -> tuple[str, str]:
    """English and French names of a language (and region), from CLDR via babel.

    The engine's own names are English only ("German", "Chinese (Mandarin)");
    CLDR names every language in every interface language. Where CLDR has no
    name, English keeps the engine's and French the code, never English words.
    """
    try:
        from babel import Locale
    except ImportError:  # a stripped-down bundle: the engine's name will do
        return engine_name, engine_name
    names = []
    for ui, fallback in (("en", engine_name), ("fr", lang)):
        # CLDR names Mandarin (espeak's "cmn") as Chinese, its macrolanguage.
        language = i18n.language_name(lang, ui) or i18n.language_name(
            _MACROLANGUAGES.get(lang, ""), ui)
        if language is None:
            names.append(fallback)
            continue
        if region:
            place = Locale(ui).territories.get(region.upper(), region.upper())
            language = f"{language} ({place})"
        names.append(language)
    return names[0], names[1]


def derive_profiles(installed: Installed, builtin: Sequence[VoiceProfile]) -> list[VoiceProfile]:
    """A female and a male profile for every language the engines speak.

    One region-less profile per language ("en-female", bound to the language's
    main voice) and one per regional voice ("en-US-female"); nothing that a
    hand-written profile already covers. The platform's engine names the
    language's voices; another engine's (Piper) only adds what it lacks.
    """
    taken = {(p.lang, p.region) for p in builtin}
    taken_langs = {p.lang for p in builtin}
    by_key: dict[tuple[str, str | None], InstalledVoice] = {}
    # The platform's voices first: another engine's only fill what it lacks (setdefault).
    for voice in (v for e in engines_of(installed) for v in e.voices):
        tags = voice.lang_tags
        if not tags:
            continue
        lang, region = tags[0]
        if not lang or lang == "variant":
            continue
        by_key.setdefault((lang, region), voice)
        # The language's main voice: espeak's file named after the bare language
        # ("gmw/en" for en-gb, not "gmw/en-US"), otherwise the first one listed.
        if voice.id.rsplit("/", 1)[-1].lower() == lang:
            by_key[(lang, None)] = voice
        else:
            by_key.setdefault((lang, None), voice)
    profiles = []
    for (lang, region), voice in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if (lang, region) in taken or (region is None and lang in taken_langs):
            continue
        name_en, name_fr = _language_labels(lang, region, pretty_name(voice))
        for gender in GENDERS:
            en, fr = _LABELS[gender]
            pid = f"{lang}-{region}-{gender}" if region else f"{lang}-{gender}"
            profiles.append(
                VoiceProfile(
                    id=pid,
                    label_en=en.format(name=name_en),
                    label_fr=fr.format(name=name_fr),
                    lang=lang,
                    region=region,
                    gender=gender,
                    default_for_lang=region is None,
                    engines={"any": [{"id": voice.id, "region": region}]},
                    derived=True,
                )
            )
    return profiles

