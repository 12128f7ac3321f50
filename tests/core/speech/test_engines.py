"""The engine interface with the real espeak-ng engine, in this process, and its registry.

The worker runs engines in a child process; here the engine is driven
directly through :class:`SpeechEngine`, the way the server does, so a second
engine can be held to the same checks.
"""

from __future__ import annotations

import sys

import pytest

from lismoi.core.errors import SpeechError
from lismoi.core.speech.engines import (
    ENGINES,
    UnknownEngineError,
    make_engine,
    platform_engine,
)
from lismoi.core.speech.engines.base import EngineAudio, EngineVoices, SpeechEngine
from lismoi.core.speech.pitch import median_f0, rms_level
from lismoi.core.speech.worker import SpeechWorker

pytestmark = pytest.mark.engine  # espeak-ng in-process and speech workers

TEXT = "Bonjour, le petit chat dort sur le canapé du salon."

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="espeak-ng is the engine on Linux")


@pytest.fixture(scope="module")
def espeak() -> SpeechEngine:
    # espeak-ng can be initialised once per process: one engine for the module.
    return make_engine("espeak")


@pytest.fixture(scope="module")
def french(espeak: SpeechEngine) -> str:
    voices = espeak.voices()
    return next(v.id for v in voices.voices if ("fr", "FR") in v.lang_tags)


# ----------------------------------------------------------------- registry


def test_the_registry_refuses_an_unknown_engine_and_names_the_known_ones():
    with pytest.raises(UnknownEngineError) as caught:
        make_engine("no-such-engine")
    message = str(caught.value)
    assert "'no-such-engine'" in message
    assert all(name in message for name in ENGINES)


@linux_only
def test_linux_speaks_with_espeak_by_default():
    assert platform_engine() == "espeak"
    assert {"espeak", "sapi5", "nsss"} <= set(ENGINES)


def test_a_worker_on_an_unknown_engine_fails_at_start_in_words():
    with SpeechWorker(engine_name="no-such-engine") as worker:
        with pytest.raises(SpeechError, match="no-such-engine"):
            worker.start()
        assert not worker.is_running()  # nothing left behind to answer


@linux_only
def test_a_worker_started_on_a_named_engine_uses_it():
    with SpeechWorker(engine_name="espeak") as worker:
        assert worker.engine == "espeak"
        assert worker.ping()


# ----------------------------------------------------------------- espeak-ng


@linux_only
def test_espeak_implements_the_interface(espeak):
    assert isinstance(espeak, SpeechEngine)
    assert espeak.name == "espeak"
    assert espeak.sample_rate > 0


@linux_only
def test_espeak_lists_voices_and_variants(espeak):
    voices = espeak.voices()
    assert isinstance(voices, EngineVoices)
    assert voices.engine == "espeak"
    assert len(voices.voices) > 20
    assert all(v.id and v.name for v in voices.voices)
    assert any(("fr", "FR") in v.lang_tags for v in voices.voices)
    assert "f3" in voices.variants  # the female variant the French profiles use


@linux_only
def test_espeak_speaks_a_sentence_at_its_reported_rate_with_word_timings(espeak, french):
    audio = espeak.synthesize(TEXT, french, wpm=175)
    assert isinstance(audio, EngineAudio)
    assert audio.sample_rate == espeak.sample_rate > 0
    assert len(audio.pcm) % 2 == 0
    seconds = len(audio.pcm) / 2 / audio.sample_rate
    words = len(TEXT.split())
    assert words / 400 * 60 < seconds < words / 80 * 60 + 1.0, seconds
    assert rms_level(audio.pcm) > 0.02
    # A male voice's pitch read at the reported rate: a wrong rate would move it
    # out of the range of a human voice.
    assert 70 < median_f0(audio.pcm, audio.sample_rate) < 220
    # Word events count characters from 1 and are heard in order.
    assert audio.words
    first = audio.words[0]
    assert TEXT[first.position - 1 : first.position - 1 + first.length] == "Bonjour"
    times = [w.audio_ms for w in audio.words]
    assert times == sorted(times)
    assert 0 <= times[-1] <= seconds * 1000


@linux_only
def test_espeak_settings_change_the_audio(espeak, french):
    normal = espeak.synthesize(TEXT, french, wpm=175)
    fast = espeak.synthesize(TEXT, french, wpm=350)
    quiet = espeak.synthesize(TEXT, french, wpm=175, volume=0.3)
    female = espeak.synthesize(TEXT, french, variant="f3", wpm=175)
    assert len(fast.pcm) < 0.7 * len(normal.pcm)
    assert rms_level(quiet.pcm) < 0.6 * rms_level(normal.pcm)
    assert median_f0(female.pcm, female.sample_rate) > 1.4 * median_f0(normal.pcm,
                                                                       normal.sample_rate)


@linux_only
def test_espeak_refuses_an_unknown_voice_and_goes_on(espeak, french):
    with pytest.raises(RuntimeError, match="no/such-voice"):
        espeak.synthesize(TEXT, "no/such-voice")
    assert rms_level(espeak.synthesize(TEXT, french).pcm) > 0.02
