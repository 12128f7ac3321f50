"""The Québécois (fr-CA) rules on word lists, phonemes from the real espeak-ng.

Each rule: its context words change as described, its non-context words stay
as espeak-ng gave them, and switched off it changes nothing. Every output is
read back whole by espeak-ng (``[[...]]``: an unknown mnemonic truncates).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lismoi.core.speech.accents import ACCENTS, get_accent
from lismoi.core.speech.accents.quebec import RULES, QuebecFrench, tokenize
from lismoi.core.speech.phonemes import PhonemeWord

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")


def espeak(text: str) -> list[list[str]]:
    """``espeak-ng -v fr -q -x``: clauses (lines) of words (whitespace)."""
    out = subprocess.run(
        ["espeak-ng", "-v", "fr", "-q", "-x", text], capture_output=True, text=True, check=True
    ).stdout
    return [line.split() for line in out.splitlines() if line.strip()]


def phonemes_of(words: str) -> dict[str, str]:
    """Each word's phonemes, the list read as one clause of running text."""
    (clause,) = espeak(words)
    assert len(clause) == len(words.split()), clause
    return dict(zip(words.split(), clause, strict=True))


def assert_accepted(outputs: list[str]) -> None:
    """espeak-ng reads every phoneme of ``outputs`` (nothing truncated)."""
    echoed = [w for clause in espeak("[[" + " ".join(outputs) + "]]") for w in clause]
    assert len(echoed) == len(outputs), (outputs, echoed)
    for mine, back in zip(outputs, echoed, strict=True):
        last = [t for t in tokenize(mine) if t not in ("'", ",", ":", "-", ";", "_!")][-1]
        assert last in back, (mine, back)


# rule -> (context word -> expected phonemes, non-context words)
CASES: dict[str, tuple[dict[str, str], str]] = {
    "affrication": (
        {
            "tu": "tsy",
            "dire": "dz'ir",
            "petit": "p@ts'i",
            "canadien": "kanadzj'E~",
            "tuile": "tsy'il",
            "du": "dzy-",
            "dix": "dz'i",
            "tiens": "tsj'E~",
            "tirer": "tsir'e",
            "dur": "dz'yr",
            "étudiant": "etsydzj'A~",
            "Dieu": "dzj'Y",
            "partir": "parts'ir",
            "mardi": "mardz'i",
            "diable": "dzj'abl",
            "tiède": "tsj'Ed",
            "lundi": "lW~dz'i",
            "type": "ts'ip",
            "actif": "akts'if",
            "midi": "midz'i",
        },
        "tant dent tôt temps dans tête date doute tort donner tenir table trop teint daim tendre",
    ),
    "laxing": (
        {
            "petite": "p@t'It",
            "musique": "myz'Ik",
            "route": "r'Ot",
            "une": "Yn",
            "vite": "v'It",
            "ville": "v'Il",
            "mille": "m'Il",
            "pipe": "p'Ip",
            "lune": "l'Yn",
            "juste": "Z'Yst",
            "russe": "r'Ys",
            "poule": "p'Ol",
            "foule": "f'Ol",
            "soupe": "s'Op",
            "bouche": "b'OS",
            "sud": "s'Yd",
            "chute": "S'Yt",
            "lutte": "l'Yt",
            "coupe": "k'Op",
            "riche": "r'IS",
        },
        "rire ruse rouge livre cuir vivre tige mur douze jour lourd tu dit vous rue",
    ),
    "diphthongs": (
        {
            "fête": "f'ajt",
            "père": "p'ajr",
            "pâte": "p'awt",
            "mère": "m'ajr",
            "tête": "t'ajt",
            "rêve": "r'ajv",
            "chaise": "S'ajz",
            "neige": "n'ajZ",
            "seize": "s'ajz",
            "bête": "b'ajt",
            "maître": "m'ajtr",
            "même": "m'ajm",
            "côte": "k'owt",
            "jaune": "Z'own",
            "pauvre": "p'owvr",
            "grâce": "gr'aws",
            "âme": "'awm",
            "faute": "f'owt",
            "sauce": "s'ows",
            "rose": "r'owz",  # espeak-ng says [ɔ]: French has only /o/ before /z/
            "crème": "kr'ajm",
        },
        "patte sec belle mettre caisse sept fait thé robe lac sac femme porte mode bol aime",
    ),
    "final_a": (
        {
            "Canada": "kanad'a:",
            "là": "l'a:",
            "chat": "S'a:",
            "voilà": "vwal,a:",
            "trois": "trw'a:",
            "moi": "mw,a:",
            "toi": "tw,a:",
            "déjà": "deZ'a:",
            "soda": "sod'a:",
            "cinéma": "sinem'a:",
            "opéra": "oper'a:",
            "sofa": "sof'a:",
            "Panama": "panam'a:",
            "papa": "pap'a:",
            "tabac": "tab'a:",
            "bras": "br'a:",
            "mois": "mw'a:",
        },
        "la ma ta sa patte lac sac place cave salle canal madame avec pâte femme",
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_rule_changes_its_contexts(rule: str) -> None:
    expected, _ = CASES[rule]
    assert len(expected) >= 15
    given = phonemes_of(" ".join(expected))
    only = QuebecFrench(rules=(rule,))
    got = {w: only.word(given[w], w) for w in expected}
    assert got == expected
    assert_accepted(list(got.values()))


@pytest.mark.parametrize("rule", RULES)
def test_rule_leaves_non_contexts_alone(rule: str) -> None:
    _, words = CASES[rule]
    assert len(words.split()) >= 15
    given = phonemes_of(words)
    only = QuebecFrench(rules=(rule,))
    assert {w: only.word(p, w) for w, p in given.items()} == given


@pytest.mark.parametrize("rule", RULES)
def test_rule_switched_off_changes_nothing(rule: str) -> None:
    expected, _ = CASES[rule]
    given = phonemes_of(" ".join(expected))
    others = QuebecFrench(rules=[r for r in RULES if r != rule])
    none = QuebecFrench(rules=())
    for word, phonemes in given.items():
        assert none.word(phonemes, word) == phonemes
        # Off, the rule's own change is absent (other rules may still apply).
        assert others.word(phonemes, word) != expected[word]


def test_all_rules_on_the_lists_are_accepted() -> None:
    accent = QuebecFrench()
    for expected, words in CASES.values():
        given = phonemes_of(" ".join(expected) + " " + words)
        assert_accepted([accent.word(p, w) for w, p in given.items()])


PARAGRAPH = (
    "Tu dis que la petite musique de la fête du Canada passe sur la route.\n"
    "Mon père a mangé une pâte dure, puis il est rentré à la côte."
)
# What the rules change in PARAGRAPH (every other word stays as espeak-ng said it).
PARAGRAPH_CHANGES = {
    "Tu": "tsy",  # affrication
    "dis": "dz'i",  # affrication
    "petite": "p@ts'It",  # affrication + laxing
    "musique": "myz'Ik",  # laxing
    "fête": "f'ajt",  # diphthong [aɛ̯]
    "du": "dzy-",  # affrication in a function word
    "Canada": "kanad'a:",  # final [ɑ]
    "route.": "r'Ot",  # laxing [ʊ] ~ O
    "père": "p'ajr",  # diphthong before /ʁ/
    "une": "Yn",  # laxing in a function word
    "pâte": "p'awt",  # diphthong [ɑʊ̯]
    "dure,": "dz'yr",  # affrication, no laxing before /ʁ/
    "il": "Il",  # laxing in a function word
    "côte.": "k'owt",  # diphthong [oʊ̯]
}


def test_paragraph_changes_only_the_contexts() -> None:
    clauses = espeak(PARAGRAPH.replace(",", ""))
    spoken = PARAGRAPH.replace(",", "").split()
    flat = [p for clause in clauses for p in clause]
    assert len(flat) == len(spoken), flat
    written = PARAGRAPH.split()
    words = [PhonemeWord(w, 0, 0, p) for w, p in zip(written, flat, strict=True)]
    out = get_accent("fr-CA").apply(words)
    for word, before, after in zip(written, flat, out, strict=True):
        assert after == PARAGRAPH_CHANGES.get(word, before), (word, before, after)
    assert sum(a != b for a, b in zip(flat, out, strict=True)) == len(PARAGRAPH_CHANGES)
    assert_accepted(out)


def test_function_words_get_the_segmental_rules_only() -> None:
    # "la" unstressed keeps [a]; "là" stressed is backed; "du" affricates.
    (clause,) = espeak("la maison est là du pain")
    out = QuebecFrench().apply([PhonemeWord(p, 0, 0, p) for p in clause])
    assert out[0] == clause[0] == "la-"
    assert out[3] == "l'a:"
    assert out[4] == "dzy-"


def test_tokenize_round_trips() -> None:
    for clause in espeak(PARAGRAPH + " c'est-à-dire les petits enfants étaient là"):
        for phonemes in clause:
            assert "".join(tokenize(phonemes)) == phonemes


def test_registry() -> None:
    assert ACCENTS == ("fr-CA",)
    accent = get_accent("fr-CA")
    assert accent.name == "fr-CA"
    assert accent.apply([]) == []
    with pytest.raises(KeyError):
        get_accent("fr-XX")
    with pytest.raises(ValueError):
        QuebecFrench(rules=("affrication", "joual"))


def test_accents_import_only_phonemes_and_the_standard_library() -> None:
    folder = Path(__file__).parents[3] / "app" / "core" / "speech" / "accents"
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert (
                    top in sys.stdlib_module_names
                    or top == "__future__"
                    or name.startswith(
                        ("lismoi.core.speech.phonemes", "lismoi.core.speech.accents")
                    )
                ), (source.name, name)
