"""The phoneme stage: text -> the engine's phonemes (word by word) -> an accent -> speech.

With the real espeak-ng engine in a worker. The accents here are tiny real
classes implementing :class:`lismoi.core.speech.phonemes.Accent` (the
Québécois rules live in their own package and are tested there).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from lismoi.core.speech.engines.espeak import align_words, phoneme_markup, sanitize_phonemes
from lismoi.core.speech.normalize import prepare
from lismoi.core.speech.phonemes import Accent, PhonemeWord
from lismoi.core.speech.pitch import rms_level
from lismoi.core.speech.timings import clause_breaks
from lismoi.core.speech.worker import SpeechWorker

pytestmark = [
    pytest.mark.engine,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="espeak-ng on Linux"),
]

VOICE_ID = "roa/fr"


class Identity:
    """Gives every word its phonemes back."""

    name = "identity"

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        return [w.phonemes for w in words]


class Affricates:
    """/t d/ -> [ts dz] before /i y/ (stress marks may sit between)."""

    name = "affricates"
    _RULE = re.compile(r"([td])(['\",]?)(?=[iy])")

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        return [self._RULE.sub(lambda m: m[1] + ("s" if m[1] == "t" else "z") + m[2],
                               w.phonemes) for w in words]


class Replace:
    """Gives the first word fixed phonemes (to try what reaches the engine)."""

    def __init__(self, first: str) -> None:
        self.name = "replace"
        self.first = first

    def apply(self, words: Sequence[PhonemeWord]) -> list[str]:
        return [self.first] + [w.phonemes for w in words[1:]]


ACCENTS: dict[str, Accent] = {"identity": Identity(), "affricates": Affricates()}


@dataclass(frozen=True)
class Voice:
    voice_id: str = VOICE_ID
    variant: str | None = None
    lang: str = "fr"
    rate_wpm: int = 175
    pitch: int = 50
    accent: str | None = None


@pytest.fixture(scope="module")
def worker():
    extra: dict[str, Accent] = {}

    def find(name: str) -> Accent:
        return extra.get(name) or ACCENTS[name]

    with SpeechWorker(accents=find) as w:
        w.start()
        w.extra = extra  # type: ignore[attr-defined]
        yield w


def seconds(result) -> float:
    return result.duration_ms / 1000


# ------------------------------------------------------------ phonemize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tu dis que le petit", ["Tu", "dis", "que", "le", "petit"]),
        ("L'été, c'est l’automne. Bonjour !", ["L'été", "c'est", "l’automne", "Bonjour"]),
        ("Un arc-en-ciel, dit-il, vingt-deux fois.", ["Un", "arc-en-ciel", "dit-il", "vingt-deux",
                                                      "fois"]),
        ("« Bonjour » — dit-elle ; puis : rien.", ["Bonjour", "dit-elle", "puis", "rien"]),
        ("Il a 1994 pommes, parce que 3,5 kg.", ["Il", "a", "1994", "pommes", "parce que",
                                                 "3,5", "kg"]),
        ("Le XIXe siècle de M. Dupont", ["Le", "dix-neuvième", "siècle", "de", "Monsieur",
                                         "Dupont"]),
    ],
)
def test_phonemize_finds_the_words_and_their_offsets(worker, text, expected):
    spoken = prepare(text, "fr").text
    words = worker.phonemize(spoken, VOICE_ID)
    assert words is not None
    assert [w.text for w in words] == expected
    for w in words:
        assert spoken[w.start : w.end] == w.text
        assert w.phonemes and "[" not in w.phonemes
    assert [w.start for w in words] == sorted(w.start for w in words)


def test_phonemes_are_espeaks_own(worker):
    words = worker.phonemize("Tu dis que le petit", VOICE_ID)
    assert [w.phonemes for w in words] == ["ty", "d'i", "k@", "l@-", "p@t'i"]


def test_phonemize_says_none_when_espeak_switches_language(worker):
    # "(en)D@(fr)": a language switch cannot be given back as phonemes.
    assert worker.phonemize("The cat est là.", VOICE_ID) is None
    assert worker.phonemize("« — » ...", VOICE_ID) is None  # no word at all


def test_alignment_without_espeak():
    alone = {"parce": ["p'ars"], "que": ["k@"], "1994": ["mil", "nWfsA~", "katr@vE~kat'Orz"],
             "Il": ["'il"], "a": ["'a"]}.__getitem__
    text = "Il a 1994 parce que"
    pieces = ["il", "a", "m'il", "n'Wf", "s'A~", "k'atrv'E~kat'Orz", "parsk'@"]
    words = align_words(text, pieces, alone)
    assert [(w.text, w.phonemes) for w in words] == [
        ("Il", "il"), ("a", "a"), ("1994", "m'il n'Wf s'A~ k'atrv'E~kat'Orz"),
        ("parce que", "parsk'@"),
    ]
    # Spoken words that sound like none of the written ones: no alignment.
    assert align_words("Il a", ["Zyska", "prez'A~", "lOm"], lambda w: ["il"]) is None


# ------------------------------------------------------------ markup and safety


def test_phoneme_markup_groups_clauses_and_maps_words():
    markup, starts, ends = phoneme_markup(["ty", "d'i", "p@t'i"], ["", ",", "?"])
    assert markup == "[[ty d'i]], [[p@t'i]]?"
    assert [markup[s:e] for s, e in zip(starts, ends, strict=True)] == ["ty", "d'i", "p@t'i"]
    # Only the known marks are breaks; anything else is dropped.
    assert phoneme_markup(["a", "b"], ["<x/>", "[["])[0] == "[[a b]]"


def test_no_phoneme_string_can_close_the_brackets():
    assert sanitize_phonemes("a]] Bonjour [[b") == "a Bonjour b"
    markup, _, _ = phoneme_markup(["a]]", "]] texte [[", "[[b\x00"], None)
    assert markup.count("[[") == 1 and markup.count("]]") == 1
    assert markup.startswith("[[") and markup.endswith("]]")


def test_a_closing_bracket_in_phonemes_changes_nothing_in_the_audio(worker):
    text = "Tu dis que le petit est parti."
    worker.extra["escape"] = Replace("ty]] Bonjour tout le monde [[")
    worker.extra["plain"] = Replace("ty Bonjour tout le monde")
    escaped = worker.synthesize(text, Voice(accent="escape"))
    plain = worker.synthesize(text, Voice(accent="plain"))
    # The brackets were removed, nothing else: the same phonemes, the same length.
    # (espeak-ng's samples vary a little from one synthesis to the next.)
    assert abs(len(escaped.pcm) - len(plain.pcm)) < 0.01 * len(plain.pcm)
    assert len(escaped.words) == len(plain.words)


def test_brackets_in_article_text_are_read_as_text(worker):
    """The text path never sets the PHONEMES flag: "[[...]]" from a page is text."""
    text = "Il écrit [[p@t'i]] ici."
    as_text = worker.synthesize(text, Voice(), prepared=False)
    accented = worker.synthesize(text, Voice(accent="identity"), prepared=False)
    # What injection would sound like: the bracket content heard as phonemes.
    injected = worker.synthesize("Il écrit petit ici.", Voice(accent="identity"))
    assert abs(seconds(accented) - seconds(as_text)) < 0.15 * seconds(as_text)
    assert seconds(as_text) > seconds(injected) + 0.3  # "p arobase t ..." spelt out


# ------------------------------------------------------------ synthesis from phonemes

SENTENCES = [
    "Le petit chat dort sur le canapé du salon depuis ce matin, et personne n'ose le réveiller.",
    "Tu dis que la petite tuile est tombée ? Dis-moi tout, mon ami.",
    "L'été dernier, vingt-deux enfants ont dîné ici.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_identity_accent_sounds_like_the_text_path(worker, text):
    plain = worker.synthesize(text, Voice())
    same = worker.synthesize(text, Voice(accent="identity"))
    assert same.sample_rate == plain.sample_rate
    assert rms_level(same.pcm) > 0.02
    assert abs(seconds(same) - seconds(plain)) < 0.1 * seconds(plain), (seconds(same),
                                                                        seconds(plain))
    # The same words (espeak lights "vingt" of "vingt-deux" on the text path,
    # the phoneme path the whole written word: compare where they start).
    assert [w.start for w in same.words] == [w.start for w in plain.words]
    for a, b in zip(same.words, plain.words, strict=True):
        assert abs(a.audio_ms - b.audio_ms) < 0.1 * plain.duration_ms
    assert [w.audio_ms for w in same.words] == sorted(w.audio_ms for w in same.words)
    assert all(0 <= w.audio_ms <= same.duration_ms for w in same.words)


def test_affricates_make_the_audio_longer_and_keep_the_words(worker):
    text = "Tu dis que le petit tigre est parti dîner."
    plain = worker.synthesize(text, Voice(accent="identity"))
    canadian = worker.synthesize(text, Voice(accent="affricates"))
    assert seconds(canadian) > seconds(plain) + 0.05
    assert [text[w.start : w.end] for w in canadian.words] == [
        "Tu", "dis", "que", "le", "petit", "tigre", "est", "parti", "dîner",
    ]
    assert rms_level(canadian.pcm) > 0.02


def test_rate_pitch_and_volume_apply_on_the_phoneme_path(worker):
    text = SENTENCES[0]
    normal = worker.synthesize(text, Voice(accent="identity"))
    fast = worker.synthesize(text, Voice(accent="identity"), rate=2.0)
    quiet = worker.synthesize(text, Voice(accent="identity"), volume=0.3)
    assert seconds(fast) < 0.7 * seconds(normal)
    assert rms_level(quiet.pcm) < 0.6 * rms_level(normal.pcm)


def test_word_timings_map_back_through_prepare(worker):
    text = "Au XIXe siècle, M. Dupont dormait."
    plain = worker.synthesize(text, Voice())
    accented = worker.synthesize(text, Voice(accent="identity"))
    assert [w.start for w in accented.words] == [w.start for w in plain.words]
    assert "XIXe" in [text[w.start : w.end] for w in accented.words]


def test_unknown_accent_or_unalignable_sentence_speaks_the_text(worker, capfd):
    text = "The cat dort."
    plain = worker.synthesize(text, Voice())
    for voice in (Voice(accent="no-such-accent"), Voice(accent="affricates")):
        result = worker.synthesize(text, voice)
        assert abs(len(result.pcm) - len(plain.pcm)) < 0.01 * len(plain.pcm)
        assert [w.start for w in result.words] == [w.start for w in plain.words]
    assert capfd.readouterr().out == ""


def test_clause_breaks_come_from_the_text():
    spoken = "Tu dis, petit ? Oui — bien sûr."
    words = [PhonemeWord(m[0], m.start(), m.end(), "x") for m in re.finditer(r"\w+", spoken)]
    assert clause_breaks(spoken, words) == ["", ",", "?", ",", "", "."]
