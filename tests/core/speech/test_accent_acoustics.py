"""Québécois French, heard: fr-CA against fr-FR over the same espeak-ng voice.

The two profiles resolve to the same installed voice (roa/fr); only the
pronunciation rules differ. What the listener should hear is measured from
the PCM (tests/support/acoustics.py), not read off the phoneme strings.
"""

from __future__ import annotations

import pytest
import soundfile

from lismoi.core.article import Article, Block
from lismoi.core.export import export_article
from lismoi.core.speech.accents.quebec import QuebecFrench
from lismoi.core.speech.normalize import prepare
from lismoi.core.voices import resolve
from tests.support.acoustics import affrications, frication_ms

pytestmark = pytest.mark.engine  # the real speech worker

# Sentences full of /t d/ before /i y j/ (tu, dis, petit, canadien, tuile...).
AFFRICATED = [
    "Tu dis que le petit Canadien est parti.",
    "Du lundi au mardi, la dictée dure une petite heure.",
    "Il étudie la tuile et le tissu du tipi.",
]
# Nothing here for any rule: no /t d/ before /i y j/, no closed final /i y u/,
# no long vowel in a closed stressed syllable, no final stressed /a/.
NO_CONTEXT = "Le loup mange la pomme sur le banc."


def _contexts(worker, text: str) -> int:
    """How many /t d/ the affrication rule turns into [ts dz] in ``text``."""
    voice = resolve("fr-FR-male")
    words = worker.phonemize(prepare(text, "fr").text, voice.voice_id)
    assert words, f"espeak-ng gave no phonemes for {text!r}"
    return affrications(words)


def test_the_profiles_differ_only_by_the_rules() -> None:
    ca, fr = resolve("fr-CA-male"), resolve("fr-FR-male")
    assert (ca.voice_id, ca.variant) == (fr.voice_id, fr.variant)
    assert ca.accent == "fr-CA" and fr.accent is None


def test_frication_after_t_d_before_i_y_is_longer_in_fr_ca(worker) -> None:
    ca, fr = resolve("fr-CA-male"), resolve("fr-FR-male")
    gained, contexts = 0.0, 0
    for text in AFFRICATED:
        a = worker.synthesize(text, ca)
        b = worker.synthesize(text, fr)
        gained += frication_ms(a.pcm, a.sample_rate) - frication_ms(b.pcm, b.sample_rate)
        contexts += _contexts(worker, text)
    assert contexts >= 12, contexts  # the sentences really hold the contexts
    # The goal: at least 30 ms more frication per context, on average.
    assert gained / contexts >= 30.0, (gained, contexts)


def test_a_text_without_contexts_sounds_the_same(worker) -> None:
    ca, fr = resolve("fr-CA-male"), resolve("fr-FR-male")
    words = worker.phonemize(NO_CONTEXT, fr.voice_id)
    assert words and QuebecFrench().apply(words) == [w.phonemes for w in words]  # no context
    a = worker.synthesize(NO_CONTEXT, ca)
    b = worker.synthesize(NO_CONTEXT, fr)
    # espeak-ng varies a little from run to run: lengths, not bytes (1 %).
    assert abs(len(a.pcm) - len(b.pcm)) <= 0.01 * len(b.pcm)
    assert abs(frication_ms(a.pcm, a.sample_rate) - frication_ms(b.pcm, b.sample_rate)) <= 10


def test_word_highlighting_lands_on_the_words_in_fr_ca(worker) -> None:
    text = AFFRICATED[0]
    ca = worker.synthesize(text, resolve("fr-CA-male"))
    starts = [w.start for w in ca.words]
    expected = [i for i, c in enumerate(text) if c.isalpha() and (i == 0 or text[i - 1] == " ")]
    assert starts == expected
    assert [w.audio_ms for w in ca.words] == sorted(w.audio_ms for w in ca.words)
    assert ca.words[-1].audio_ms < ca.duration_ms


def test_export_fr_ca_and_fr_fr_give_different_files(tmp_path, worker) -> None:
    article = Article(title="", blocks=[Block("paragraph", t) for t in AFFRICATED])
    article.locale = "fr-FR"
    for block in article.blocks:
        block.lang = "fr-FR"
    heard = {}
    for profile in ("fr-CA-female", "fr-FR-female"):
        out = tmp_path / f"{profile}.wav"
        export_article(article, out, voice=profile, worker=worker)
        pcm, rate = soundfile.read(out, dtype="int16")
        heard[profile] = frication_ms(pcm.tobytes(), rate)
    contexts = sum(_contexts(worker, t) for t in AFFRICATED)
    assert (heard["fr-CA-female"] - heard["fr-FR-female"]) / contexts >= 30.0, heard
