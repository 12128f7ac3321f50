"""The Piper engine behind the speech worker and the pool, in its child process, with joe."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from lismoi.core.errors import SpeechError
from lismoi.core.speech.phonemes import PhonemeWord
from lismoi.core.speech.pitch import rms_level
from lismoi.core.speech.pool import SpeechPool
from lismoi.core.speech.worker import SpeechWorker, Synthesis

pytestmark = pytest.mark.engine

JOE = "en_US-joe-medium"
SENTENCE = "The quick brown fox jumps over the lazy dog, then it runs into the forest."


@dataclass(frozen=True)
class Voice:
    """A voice as the worker needs it (what a resolved profile gives)."""

    voice_id: str = JOE
    variant: str | None = None
    lang: str = "en-US"
    rate_wpm: int = 175
    pitch: int = 50
    accent: str | None = None


class UnchangedAccent:
    """A real accent whose rules change nothing: it drives the phoneme path on joe
    (the only accent we have, fr-CA, is for French voices) and counts its calls."""

    name = "unchanged"

    def __init__(self) -> None:
        self.words: list[list[str]] = []

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        self.words.append([w.text for w in words])
        return [w.phonemes for w in words]


@pytest.fixture(scope="module")
def accent() -> UnchangedAccent:
    return UnchangedAccent()


@pytest.fixture(scope="module")
def piper(accent):
    with SpeechWorker("piper", accents=lambda name: accent) as worker:
        worker.start()
        yield worker


def assert_joe(result: Synthesis, text: str) -> None:
    assert result.sample_rate == 22050
    seconds = result.duration_ms / 1000
    assert len(text) / 25 < seconds < len(text) / 8 + 1.0, seconds  # 8-25 characters a second
    assert rms_level(result.pcm) > 0.02
    assert result.words == []  # Piper gives no word timings: none are invented


def test_the_worker_speaks_joe(piper):
    assert piper.engine == "piper" and piper.takes_phonemes
    assert piper.sample_rate == 22050
    assert_joe(piper.synthesize(SENTENCE, Voice()), SENTENCE)


def test_the_worker_lists_joe(piper):
    voices = piper.installed_voices()
    assert voices.engine == "piper"
    assert JOE in {v.id for v in voices.voices}


def test_the_phoneme_path_speaks_joe(piper, accent):
    before = len(accent.words)
    text = "Hello there, Mr. Smith. How are you today?"
    result = piper.synthesize(text, Voice(accent="unchanged"))
    assert len(accent.words) == before + 1  # phonemised, rewritten, spoken from phonemes
    assert "Hello" in accent.words[-1] and "today" in accent.words[-1]
    assert_joe(result, text)


def test_the_rate_changes_the_length(piper):
    normal = piper.synthesize(SENTENCE, Voice()).duration_ms
    fast = piper.synthesize(SENTENCE, Voice(), rate=2.0).duration_ms
    assert fast < 0.7 * normal


def test_loading_a_voice_ahead(piper):
    piper.load_voice(JOE)  # already loaded or loaded now: no error, no audio
    with pytest.raises(SpeechError, match="no Piper voice is called 'xx_XX-none-low'"):
        piper.load_voice("xx_XX-none-low")


def test_killing_the_engine_mid_sentence_does_not_break_the_next_request(piper):
    long_text = " ".join([SENTENCE] * 6)
    results: list[object] = []

    def speak() -> None:
        try:
            results.append(piper.synthesize(long_text, Voice(), timeout=120))
        except SpeechError as exc:
            results.append(exc)

    thread = threading.Thread(target=speak)
    thread.start()
    assert piper.in_flight.wait(timeout=60)
    old_pid, restarts = piper.pid, piper.restarts
    os.kill(old_pid, signal.SIGKILL)
    thread.join(timeout=240)
    assert not thread.is_alive()
    assert piper.restarts == restarts + 1
    assert isinstance(results[0], Synthesis) and results[0].duration_ms > 0
    assert piper.pid != old_pid
    assert_joe(piper.synthesize(SENTENCE, Voice()), SENTENCE)


def test_a_corrupt_voice_is_a_sentence_and_joe_still_speaks(tmp_path, monkeypatch):
    voices = tmp_path / "voices"
    bad = voices / "en_US-broken-medium"
    bad.mkdir(parents=True)
    (bad / "en_US-broken-medium.onnx").write_bytes(b"\x00not a model" * 64)
    shutil.copyfile(_joe_files()[1], bad / "en_US-broken-medium.onnx.json")
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path))  # the child inherits it
    with SpeechWorker("piper") as worker:
        with pytest.raises(SpeechError) as caught:
            worker.synthesize("Hello.", Voice("en_US-broken-medium"))
        assert str(caught.value) == (
            "The speech engine failed: the voice en_US-broken-medium cannot be used: "
            "en_US-broken-medium.onnx is not a usable voice model"
        )
        pid = worker.pid
        assert_joe(worker.synthesize(SENTENCE, Voice()), SENTENCE)
        assert worker.pid == pid  # the same process: nothing crashed


def _joe_files():
    from lismoi.core.speech.engines.piper_voices import package_voices

    joe = next(v for v in package_voices() if v.id == JOE)
    return joe.onnx, joe.config


def test_the_pool_keeps_one_worker_per_engine():
    with SpeechPool() as pool:
        assert pool.worker("piper") is pool.worker("piper")
        listed = {v.engine: v for v in pool.voices()}
        assert set(listed) == {"espeak", "piper"}
        assert JOE in {v.id for v in listed["piper"].voices}
        assert any(("fr", "FR") in v.lang_tags for v in listed["espeak"].voices)
        piper, espeak = pool.worker("piper"), pool.worker("espeak")
        # Piper's voices are read from disk: listing them starts no Piper process.
        assert espeak.is_running() and not piper.is_running()
        assert_joe(piper.synthesize(SENTENCE, Voice()), SENTENCE)
        assert piper.pid != espeak.pid and piper.is_running() and espeak.is_running()
    assert not piper.is_running() and not espeak.is_running()


def test_the_pool_starts_only_the_engines_it_is_given():
    with SpeechPool(engines=("espeak",)) as pool:
        assert [v.engine for v in pool.voices()] == ["espeak"]
        assert set(pool.running()) == {"espeak"}
