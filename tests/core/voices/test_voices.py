"""Voice profiles and their resolution: the real espeak-ng list and fake foreign ones."""

from __future__ import annotations

import pytest

from lismoi.core.voices import (
    EngineVoices,
    InstalledVoice,
    derive_profiles,
    get_profile,
    installed_voices,
    list_profiles,
    load_builtin_profiles,
    platform_engine,
    profile_for,
    resolve,
    resolve_with,
)

# What pyttsx3's SAPI5 driver would list on a Windows machine with the French
# (France) desktop voice and two English ones. FAKE: Windows cannot exist here.
FAKE_SAPI5_VOICES = EngineVoices(
    engine="sapi5",
    voices=(
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_FR-FR_HORTENSE_11.0",
            "Microsoft Hortense Desktop - French",
            ("fr-FR",),
            "female",
        ),
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_DAVID_11.0",
            "Microsoft David Desktop - English (United States)",
            ("en-US",),
            "male",
        ),
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0",
            "Microsoft Zira Desktop - English (United States)",
            ("en-US",),
            "female",
        ),
    ),
)
FAKE_SAPI5_CANADIAN = EngineVoices(
    engine="sapi5",
    voices=FAKE_SAPI5_VOICES.voices
    + (
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens\MSTTS_V110_frCA_CarolineM",
            "Microsoft Caroline - French (Canada)",
            ("fr-CA",),
            "female",
        ),
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens\MSTTS_V110_frCA_ClaudeM",
            "Microsoft Claude - French (Canada)",
            ("fr-CA",),
            "male",
        ),
        InstalledVoice(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens\MSTTS_V110_frFR_PaulM",
            "Microsoft Paul - French (France)",
            ("fr-FR",),
            "male",
        ),
    ),
)
# What the NSSS driver would list on a Mac. FAKE: macOS cannot exist here.
FAKE_NSSS_VOICES = EngineVoices(
    engine="nsss",
    voices=(
        InstalledVoice(
            "com.apple.voice.compact.fr-CA.Amelie", "Amélie", ("fr_CA",), "VoiceGenderFemale"
        ),
        InstalledVoice(
            "com.apple.voice.compact.fr-FR.Thomas", "Thomas", ("fr_FR",), "VoiceGenderMale"
        ),
        InstalledVoice(
            "com.apple.voice.compact.en-US.Samantha", "Samantha", ("en_US",), "VoiceGenderFemale"
        ),
    ),
)


def by_id(installed: EngineVoices, profile_id: str):
    return resolve_with(get_profile(profile_id, installed), installed)


def test_the_four_french_profiles_and_their_labels():
    profiles = {p.id: p for p in load_builtin_profiles()}
    assert set(profiles) == {"fr-FR-female", "fr-FR-male", "fr-CA-female", "fr-CA-male"}
    assert profiles["fr-FR-female"].label_en == "French Female"
    assert profiles["fr-FR-female"].label_fr == "Français, voix féminine"
    assert profiles["fr-CA-female"].label_en == "French Canadian Female"
    assert profiles["fr-CA-female"].label_fr == "Français canadien, voix féminine"
    assert profiles["fr-CA-male"].label_fr == "Français canadien, voix masculine"
    for p in profiles.values():
        assert p.lang == "fr" and p.region in ("FR", "CA") and p.gender in ("female", "male")
        assert 100 <= p.rate_wpm <= 250 and 0 <= p.pitch <= 99
        assert {"espeak", "sapi5", "nsss"} <= set(p.engines)


def test_platform_detection():
    assert platform_engine("win32") == "sapi5"
    assert platform_engine("darwin") == "nsss"
    assert platform_engine("linux") == "espeak"


# ---------------------------------------------------------------- the real engine


def test_espeak_reads_canadian_french_with_quebec_rules_and_says_so():
    installed = installed_voices()
    assert installed.engine == "espeak"
    for gender in ("female", "male"):
        r = resolve(f"fr-CA-{gender}")
        assert r.voice_id == "roa/fr"  # espeak-ng has no Canadian French voice ...
        assert r.accent == "fr-CA"  # ... so the Québécois rules are read over its French
        assert r.quality == "accent" and not r.fallback
        assert r.reason.startswith("Québécois pronunciation rules over espeak-ng French (France)")
    exact = resolve("fr-FR-male")
    assert (exact.voice_id, exact.variant, exact.quality, exact.fallback) == (
        "roa/fr",
        None,
        "exact",
        False,
    )


def test_espeak_female_is_a_variant_that_exists():
    installed = installed_voices()
    r = resolve("fr-FR-female")
    assert r.variant in installed.variants
    assert "variant" in r.reason


def test_derived_profiles_cover_the_engines_languages():
    profiles = {p.id: p for p in list_profiles()}
    for lang in ("en", "de", "es", "it"):
        assert f"{lang}-female" in profiles and f"{lang}-male" in profiles
        assert profiles[f"{lang}-female"].derived
    assert "en-US-male" in profiles
    # French is covered by the hand-written profiles, not derived ones.
    assert "fr-female" not in profiles
    assert "fr-BE-female" in profiles  # espeak-ng has a Belgian French voice
    assert resolve("en-US-female").voice_id == "gmw/en-us"


@pytest.mark.parametrize(
    ("tag", "gender", "expected"),
    [
        ("fr-CA", "female", "fr-CA-female"),
        ("fr-CA", "male", "fr-CA-male"),
        ("fr", "female", "fr-FR-female"),
        ("fr-FR", "male", "fr-FR-male"),
        ("fr_CA", "male", "fr-CA-male"),
        ("fr-BE", "female", "fr-BE-female"),
        ("en", "female", "en-female"),
        ("en-US", "male", "en-US-male"),
        ("en-NZ", "male", "en-male"),
        ("de-DE", "female", "de-female"),
        ("xx", "female", None),
        ("", "female", None),
    ],
)
def test_profile_for(tag, gender, expected):
    assert profile_for(tag, gender) == expected


# ---------------------------------------------------------------- fake foreign platforms


def test_fake_sapi5_list_french_france_only():
    female = by_id(FAKE_SAPI5_VOICES, "fr-FR-female")
    assert female.engine == "sapi5"
    assert female.voice_id.endswith("TTS_MS_FR-FR_HORTENSE_11.0")
    assert (female.quality, female.fallback, female.variant) == ("exact", False, None)
    canadian = by_id(FAKE_SAPI5_VOICES, "fr-CA-female")
    assert canadian.voice_id == female.voice_id
    assert canadian.quality == "other-region" and canadian.fallback
    assert "Canadian French" in canadian.reason
    # No French male voice at all: Hortense, and the reason says it is not male.
    male = by_id(FAKE_SAPI5_VOICES, "fr-FR-male")
    assert male.voice_id == female.voice_id
    assert male.quality == "other-gender" and male.fallback
    assert "male" in male.reason


def test_fake_sapi5_list_with_canadian_voices():
    assert by_id(FAKE_SAPI5_CANADIAN, "fr-CA-female").voice_id.endswith("CarolineM")
    assert by_id(FAKE_SAPI5_CANADIAN, "fr-CA-male").voice_id.endswith("ClaudeM")
    assert by_id(FAKE_SAPI5_CANADIAN, "fr-FR-male").voice_id.endswith("PaulM")
    for pid in ("fr-CA-female", "fr-CA-male", "fr-FR-male", "fr-FR-female"):
        r = by_id(FAKE_SAPI5_CANADIAN, pid)
        assert (r.quality, r.fallback) == ("exact", False), (pid, r.reason)


def test_fake_sapi5_derived_english_profiles():
    derived = {p.id: p for p in derive_profiles(FAKE_SAPI5_VOICES, load_builtin_profiles())}
    assert {"en-US-female", "en-US-male"} <= set(derived)
    assert by_id(FAKE_SAPI5_VOICES, "en-US-female").voice_id.endswith("ZIRA_11.0")
    assert by_id(FAKE_SAPI5_VOICES, "en-US-male").voice_id.endswith("DAVID_11.0")
    assert profile_for("en-US", "male", installed=FAKE_SAPI5_VOICES) == "en-US-male"
    assert profile_for("de", installed=FAKE_SAPI5_VOICES) is None


def test_fake_nsss_list():
    assert by_id(FAKE_NSSS_VOICES, "fr-CA-female").voice_id.endswith("Amelie")
    assert by_id(FAKE_NSSS_VOICES, "fr-CA-female").quality == "exact"
    thomas = by_id(FAKE_NSSS_VOICES, "fr-FR-male")
    assert thomas.voice_id.endswith("Thomas") and thomas.quality == "exact"
    # fr-FR female: only Amélie (Canadian) is female; Thomas is French but male.
    r = by_id(FAKE_NSSS_VOICES, "fr-FR-female")
    assert r.fallback and r.quality in ("other-region", "other-gender")


def test_no_voice_for_the_language_and_no_voice_at_all():
    english_only = EngineVoices("sapi5", FAKE_SAPI5_VOICES.voices[1:])
    r = by_id(english_only, "fr-FR-female")
    assert r.quality == "other-language" and r.fallback
    assert "English" in r.reason
    nothing = EngineVoices("sapi5", ())
    r = by_id(nothing, "fr-FR-female")
    assert (r.quality, r.voice_id) == ("none", "")


def test_a_voice_is_named_in_the_interface_language() -> None:
    from lismoi.core.voices.profiles import voice_label

    espeak_fr = InstalledVoice("roa/fr", "French_(France)", ("fr-fr", "fr"), "male")
    assert voice_label(espeak_fr, "en") == "French (France)"
    assert voice_label(espeak_fr, "fr") == "Français (France)"
    sapi = InstalledVoice("TTS_FR-CA_SYLVIE", "Microsoft Sylvie - French (Canada)", ("fr-CA",))
    assert voice_label(sapi, "fr") == "Français (Canada)"
    # No language said, or one CLDR does not know: the engine's own name.
    assert voice_label(InstalledVoice("x", "Mystery_voice", ()), "fr") == "Mystery voice"
    unknown = InstalledVoice("art/qq", "Qq_speech", ("qq",))
    assert voice_label(unknown, "fr") == "Qq speech"


def test_the_quebec_rules_only_where_the_engine_takes_phonemes():
    # A SIMULATION of the two other platforms' voice lists (no SAPI5 or NSSS here).
    sapi = EngineVoices("sapi5", (InstalledVoice("H", "Microsoft Hortense - French (France)",
                                                 ("fr-FR",), "female"),))
    r = resolve_with(get_profile("fr-CA-female", sapi), sapi)
    assert r.accent is None and r.quality == "other-region" and r.fallback
    native = EngineVoices("sapi5", (InstalledVoice("C", "Microsoft Caroline - French (Canada)",
                                                   ("fr-CA",), "female"),))
    r = resolve_with(get_profile("fr-CA-female", native), native)
    assert r.accent is None and r.quality == "exact" and r.voice_id == "C"
