"""The synthesis worker with the real engine (pyttsx3 + libespeak-ng)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import threading
import wave

import pytest

from lismoi.core.errors import SpeechError
from lismoi.core.speech.pitch import median_f0, rms_level
from lismoi.core.speech.worker import Synthesis
from lismoi.core.voices import resolve

FRENCH = ["fr-FR-female", "fr-FR-male", "fr-CA-female", "fr-CA-male"]
SENTENCE = (
    "Le petit chat dort sur le canapé du salon depuis ce matin, et personne n'ose le réveiller."
)
WORDS = len(SENTENCE.split())


def assert_speech(result: Synthesis, text: str, *, words: int) -> None:
    assert result.sample_rate > 0
    seconds = result.duration_ms / 1000
    # Plausible: between 80 and 400 words a minute, whatever the voice.
    assert words / 400 * 60 < seconds < words / 80 * 60 + 1.0, seconds
    assert rms_level(result.pcm) > 0.02
    assert result.words, "the engine gave no word events"
    for word in result.words:
        assert 0 <= word.start < word.end <= len(text)
        assert 0 <= word.audio_ms <= result.duration_ms
    assert [w.audio_ms for w in result.words] == sorted(w.audio_ms for w in result.words)


@pytest.mark.parametrize("profile", FRENCH)
def test_every_french_profile_speaks(worker, profile):
    result = worker.synthesize(SENTENCE, resolve(profile))
    assert_speech(result, SENTENCE, words=WORDS)
    assert [SENTENCE[w.start : w.end] for w in result.words][:3] == ["Le", "petit", "chat"]


@pytest.mark.parametrize("region", ["FR", "CA"])
def test_female_is_clearly_higher_than_male(worker, region):
    female = worker.synthesize(SENTENCE, resolve(f"fr-{region}-female"))
    male = worker.synthesize(SENTENCE, resolve(f"fr-{region}-male"))
    f0_female = median_f0(female.pcm, female.sample_rate)
    f0_male = median_f0(male.pcm, male.sample_rate)
    assert f0_male > 60
    assert f0_female > 1.4 * f0_male, (f0_female, f0_male)


def test_derived_english_profiles_differ_in_pitch_too(worker):
    text = "The little cat has been asleep on the sofa since this morning."
    female = worker.synthesize(text, resolve("en-female@espeak"))
    male = worker.synthesize(text, resolve("en-male@espeak"))
    assert median_f0(female.pcm, 22050) > 1.4 * median_f0(male.pcm, 22050)


def test_sample_rate_is_the_engines_real_rate(worker):
    """The espeak-ng command line writes the true rate in its WAV header: ours must agree."""
    voice = resolve("fr-FR-male")
    ours = worker.synthesize(SENTENCE, voice, prepared=False)
    wav = subprocess.run(
        ["espeak-ng", "-v", voice.voice_id, "-s", str(voice.profile.rate_wpm), "--stdout"]
        + [SENTENCE],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as reader:
        cli_rate = reader.getframerate()
    # espeak-ng streams its WAV: the header's length field is a placeholder.
    cli_seconds = (len(wav) - 44) / 2 / cli_rate
    assert ours.sample_rate == cli_rate
    assert abs(ours.duration_ms / 1000 - cli_seconds) < 0.1 * cli_seconds


def test_word_offsets_point_into_the_callers_text(worker):
    text = "Bonjour M. Dupont, nous sommes au XXe siècle."
    result = worker.synthesize(text, resolve("fr-FR-male"))
    heard = [text[w.start : w.end] for w in result.words]
    assert "M." in heard  # spoken "Monsieur", highlighted where the reader sees it
    assert "XXe" in heard
    assert heard[0] == "Bonjour"


def test_word_spans_are_whole_words_in_order(worker):
    voice = resolve("fr-FR-male")
    worker.synthesize("l’été est là et encore", voice)  # leaves espeak in the state below
    text = "Quoi ? Oui, l’été, aujourd'hui."
    result = worker.synthesize(text, voice)
    heard = [text[w.start : w.end] for w in result.words]
    assert heard == ["Quoi", "Oui", "l’été", "aujourd'hui"]
    starts = [w.start for w in result.words]
    assert starts == sorted(starts)


def test_empty_and_whitespace_give_no_audio(worker):
    for text in ("", "   ", "\n\t", "* # →"):
        result = worker.synthesize(text, resolve("fr-FR-female"))
        assert result.pcm == b""
        assert result.duration_ms == 0.0
        assert result.words == []


def test_ten_thousand_characters_without_punctuation(worker):
    text = " ".join(["bonjour", "maison", "soleil", "voiture", "montagne"] * 300)[:10_000]
    result = worker.synthesize(text, resolve("fr-FR-male"), rate=3.0, timeout=120)
    words = len(text.split())
    assert result.duration_ms / 1000 > words / (175 * 3 * 1.5) * 60
    assert rms_level(result.pcm) > 0.02
    assert len(result.words) > words * 0.9


def test_rate_and_volume_change_the_audio(worker):
    voice = resolve("fr-FR-male")
    normal = worker.synthesize(SENTENCE, voice)
    fast = worker.synthesize(SENTENCE, voice, rate=2.0)
    quiet = worker.synthesize(SENTENCE, voice, volume=0.3)
    assert fast.duration_ms < 0.7 * normal.duration_ms
    assert rms_level(quiet.pcm) < 0.6 * rms_level(normal.pcm)


def test_markup_is_never_interpreted_by_the_engine(worker):
    """No SSML flag: a 5-second <break> is words, not 5 s of silence."""
    voice = resolve("en-male@espeak")
    result = worker.synthesize('one <break time="5s"/> two', voice, prepared=False)
    assert result.duration_ms < 4000
    assert rms_level(result.pcm) > 0.02
    # With the text prepared for listening, the tag is not read at all.
    prepared = worker.synthesize('one <break time="5s"/> two', voice)
    assert prepared.duration_ms < result.duration_ms


def test_nothing_reaches_our_stdout(worker, capfd):
    worker.synthesize("Audio saved to nowhere.", resolve("fr-FR-male"))
    worker.installed_voices()
    out, _err = capfd.readouterr()
    assert out == ""


def test_killing_the_worker_mid_sentence_does_not_break_the_next_request(worker):
    voice = resolve("fr-FR-female")
    long_text = " ".join([SENTENCE] * 60)  # ~0.3-1 s of work: the kill lands mid-way
    results: list[object] = []

    def speak() -> None:
        try:
            results.append(worker.synthesize(long_text, voice, timeout=60))
        except SpeechError as exc:
            results.append(exc)

    thread = threading.Thread(target=speak)
    thread.start()
    assert worker.in_flight.wait(timeout=30)
    old_pid, restarts = worker.pid, worker.restarts
    os.kill(old_pid, signal.SIGKILL)
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert worker.restarts == restarts + 1
    # The request in flight was retried on a fresh process.
    assert isinstance(results[0], Synthesis) and results[0].duration_ms > 0
    after = worker.synthesize(SENTENCE, voice)
    assert_speech(after, SENTENCE, words=WORDS)
    assert worker.pid != old_pid


def test_a_hung_worker_is_replaced(worker):
    voice = resolve("fr-FR-male")
    worker.start()
    old_pid = worker.pid
    os.kill(old_pid, signal.SIGSTOP)  # alive but silent
    result = worker.synthesize(SENTENCE, voice, timeout=1.0)
    assert_speech(result, SENTENCE, words=WORDS)
    assert worker.pid != old_pid


def test_an_unknown_voice_is_a_speech_error_not_a_crash(worker):
    from dataclasses import replace

    bad = replace(resolve("fr-FR-male"), voice_id="no/such-voice")
    with pytest.raises(SpeechError):
        worker.synthesize("Bonjour.", bad)
    assert worker.synthesize("Bonjour.", resolve("fr-FR-male")).duration_ms > 0
