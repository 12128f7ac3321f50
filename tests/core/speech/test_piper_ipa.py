"""The Québécois rules on a Piper voice: espeak-ng mnemonics -> rules -> IPA -> ids.

There is no French Piper voice here, so nothing below is listened to: the
rules' *output phonemes* are checked (phonemes in, phonemes out), and joe's
model, relabelled French in a temp voice folder (not a French voice: it
checks the path and the symbol map, not the sound), speaks them.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lismoi.core.paths import SAMPLES_DIR
from lismoi.core.speech.accents import get_accent
from lismoi.core.speech.accents.quebec import QuebecFrench
from lismoi.core.speech.engines import ipa, make_engine
from lismoi.core.speech.engines.espeak_phonemes import IPA, MNEMONICS, EspeakPhonemizer
from lismoi.core.speech.engines.piper_model import PiperConfig
from lismoi.core.speech.engines.piper_voices import package_voices
from lismoi.core.speech.pitch import rms_level
from lismoi.core.speech.timings import clause_breaks

pytestmark = pytest.mark.engine  # espeak-ng's phonemiser in-process

JOE = "en_US-joe-medium"
FRENCH_JOE = "fr_FR-joefrench-medium"
EXAMPLE = (  # the accent's own example words, in sentences
    "Tu dis que la petite musique de la route est une fête. Il a une tuile sur la côte, "
    "le père rêve d'une pâte jaune. Le Canada, là, trois chats. Voilà pourquoi les amis "
    "sont partis à Montréal."
)


def _corpus() -> list[str]:
    html = (SAMPLES_DIR / "prison-telephones.html").read_text(encoding="utf-8")
    paragraphs = [p.get_text(" ") for p in BeautifulSoup(html, "lxml").find_all("p")]
    return [*paragraphs, EXAMPLE]


@pytest.fixture(scope="module")
def french_words() -> list[tuple[str, str]]:
    """(mnemonics, espeak-ng's IPA) of every French word of the corpus, in espeak's words."""
    phonemizer = EspeakPhonemizer()
    phonemizer.set_voice("fr")
    words: dict[str, str] = {}
    for text in _corpus():
        for a, b in zip(phonemizer.clauses(text, MNEMONICS), phonemizer.clauses(text, IPA),
                        strict=True):
            pairs = list(zip(a.phonemes.split(), b.phonemes.split(), strict=True))
            words.update((m, i) for m, i in pairs if "(" not in m)  # no English inserts
    return sorted(words.items())


def test_the_table_gives_espeak_ngs_own_ipa_of_french_words(french_words):
    assert len(french_words) > 150
    wrong = [(m, i, ipa.mnemonics_to_ipa(m)) for m, i in french_words
             if ipa.mnemonics_to_ipa(m) != i]
    assert wrong == []


def test_what_a_french_model_has_heard_is_measured(french_words):
    heard = {c for _m, i in french_words for c in unicodedata.normalize("NFD", i)}
    assert heard == set(ipa.FRENCH_HEARD)


def _rules_ipa(mnemonics: str, text: str) -> str:
    rewritten = QuebecFrench().word(mnemonics, text)
    return ipa.mnemonics_to_ipa(rewritten, substitutes=ipa.FRENCH_SUBSTITUTES)


@pytest.mark.parametrize("word, mnemonics, expected", [
    ("tu", "ty", "tsy"),  # affrication: rendered
    ("dire", "d'ir", "dzˈiʁ"),
    ("petite", "p@t'it", "pətsˈit"),  # laxing of /i/ ([ɪ]) left out on Piper
    ("musique", "myz'ik", "myzˈik"),
    ("une", "yn", "øn"),  # [ʏ] ~ ø, as on espeak-ng
    ("route", "r'ut", "ʁˈɔt"),  # [ʊ] ~ ɔ
    ("fête", "f'Et", "fˈajt"),  # diphthongs, offglide as a glide
    ("pâte", "p'a:t", "pˈawt"),
    ("côte", "k'o:t", "kˈowt"),
    ("là", "l'a", "lˈaː"),  # final_a: long a
    ("patte", "p'at", "pˈat"),  # not a long vowel: unchanged
])
def test_the_rules_in_ipa(word, mnemonics, expected):
    assert _rules_ipa(mnemonics, word) == expected


def test_the_rules_write_only_what_a_french_model_heard_and_joe_knows(french_words):
    joe = next(v for v in package_voices() if v.id == JOE)
    id_map = PiperConfig.read(joe.config).phoneme_id_map
    changed = 0
    symbols: set[str] = set()
    for mnemonics, spoken in french_words:
        out = _rules_ipa(mnemonics, "")
        if out != spoken:
            changed += 1
            symbols |= set(unicodedata.normalize("NFD", out))
    assert changed > 40  # the rules do change the corpus
    assert symbols <= set(ipa.FRENCH_HEARD)
    assert {s for s in symbols if s not in id_map} == set()
    # Without the substitution, [ɪ] would be the one unheard symbol.
    raw = {c for m, _i in french_words
           for c in unicodedata.normalize("NFD", ipa.mnemonics_to_ipa(QuebecFrench().word(m)))}
    assert raw - set(ipa.FRENCH_HEARD) == {"ɪ"}


@pytest.fixture
def french_joe(tmp_path, monkeypatch) -> Path:
    joe = next(v for v in package_voices() if v.id == JOE)
    folder = tmp_path / "voices" / FRENCH_JOE
    folder.mkdir(parents=True)
    (folder / f"{FRENCH_JOE}.onnx").symlink_to(joe.onnx)
    config = json.loads(joe.config.read_text(encoding="utf-8"))
    config["espeak"]["voice"] = "fr"
    config["language"]["code"] = "fr_FR"
    (folder / f"{FRENCH_JOE}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path))
    return folder


def test_quebec_french_through_a_piper_model(french_joe):
    piper = make_engine("piper")
    voice = next(v for v in piper.voices().voices if v.id == FRENCH_JOE)
    assert voice.languages == ("fr-FR",)
    words = piper.phonemize(EXAMPLE, FRENCH_JOE)
    assert words is not None and len(words) == len(EXAMPLE.split())
    rewritten = get_accent("fr-CA").apply(words)
    sentences = piper.words_ipa(rewritten, FRENCH_JOE, clause_breaks(EXAMPLE, words))
    said = " ".join(sentences)
    for piece in ("tsy", "fˈajt", "pˈawt", "kˈowt", "lˈaː"):
        assert piece in said
    assert "ɪ" not in said
    plain = " ".join(piper.sentences_ipa(EXAMPLE, FRENCH_JOE))
    assert "tsy" not in plain and "fˈɛt" in plain  # the text path is unaccented
    dropped = dict(piper.dropped)
    audio = piper.synthesize_phonemes(rewritten, FRENCH_JOE,
                                      breaks=clause_breaks(EXAMPLE, words))
    assert rms_level(audio.pcm) > 0.02
    assert piper.dropped == dropped  # no symbol of the rules missing from the model's map
