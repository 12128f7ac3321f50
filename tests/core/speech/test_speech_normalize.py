"""Text prepared for listening, and the map back to the original text."""

from __future__ import annotations

import pytest

from lismoi.core.speech.normalize import prepare, prepare_text, roman_to_int


@pytest.mark.parametrize(
    ("source", "heard"),
    [
        ("M. Dupont", "Monsieur Dupont"),
        ("MM. Dupont et Durand", "Messieurs Dupont et Durand"),
        ("Mme Durand et Mlle Claire", "Madame Durand et Mademoiselle Claire"),
        ("le Dr Martin", "le Docteur Martin"),
        ("au n° 5", "au numéro 5"),
        ("le 1er mai", "le premier mai"),
        ("la 1re fois", "la première fois"),
        ("au XXe siècle", "au 20ème siècle"),
        ("au XIXe siècle", "au dix-neuvième siècle"),
        ("le 2e étage", "le 2ème étage"),
        ("Louis XIV", "Louis 14"),
        ("François Ier", "François premier"),
        ("en 52 av. J.-C.", "en 52 avant Jésus-Christ"),
        ("à 14 h 30 ou 9h", "à 14 heures 30 ou 9 heures"),
        ("à 1 h 05", "à une heure 05"),
    ],
)
def test_french(source, heard):
    assert prepare_text(source, "fr") == heard


def test_french_words_that_look_roman_are_left_alone():
    text = "Le chat. Ce jour-là, De Gaulle et Me Dupont."
    assert prepare_text(text, "fr") == "Le chat. Ce jour-là, De Gaulle et Maître Dupont."


@pytest.mark.parametrize(
    ("source", "heard"),
    [
        ("Mr. Smith and Mrs. Jones", "Mister Smith and Missus Jones"),
        ("Dr. Who", "Doctor Who"),
        ("No. 5", "number 5"),
        ("e.g. this", "for example, this"),
        ("Henry VIII", "Henry 8"),
        ("Then I went", "Then I went"),
    ],
)
def test_english(source, heard):
    assert prepare_text(source, "en") == heard


def test_urls_and_emails_are_read_sensibly():
    text = "Voir https://www.exemple.fr/page?id=3 ou écrire à jean.dupont@exemple.fr."
    heard = " ".join(prepare_text(text, "fr").split())
    assert heard == "Voir exemple point fr ou écrire à jean dupont arobase exemple point fr ."
    assert "example dot com" in prepare_text("See www.example.com/x.", "en")


def test_markup_and_symbols_are_not_read():
    text = 'Texte <audio src="x.mp3"> [[Paris]] {{modèle}} fin * # → ★ ✓ ---- et/ou'
    heard = prepare_text(text, "fr").split()
    assert heard == ["Texte", "Paris", "modèle", "fin", "et", "ou"]


def test_offsets_map_back_to_the_source():
    text = "Bonjour M. Dupont, au XXe siècle."
    prep = prepare(text, "fr")
    assert len(prep.starts) == len(prep.ends) == len(prep.text)
    i = prep.text.index("Monsieur")
    j = i + len("Monsieur")
    assert text[prep.starts[i] : prep.ends[j - 1]] == "M."
    k = prep.text.index("20ème")
    assert text[prep.starts[k] : prep.ends[k + len("20ème") - 1]] == "XXe"
    d = prep.text.index("Dupont")
    assert text[prep.starts[d] : prep.ends[d + 5]] == "Dupont"


def test_roman_numerals():
    assert [roman_to_int(n) for n in ("II", "IV", "IX", "XIV", "XIX", "XXI")] == [
        2,
        4,
        9,
        14,
        19,
        21,
    ]
