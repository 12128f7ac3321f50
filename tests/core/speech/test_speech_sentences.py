"""Sentence splitting with French and English rules."""

from __future__ import annotations

from lismoi.core.speech.sentences import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_french_abbreviations_do_not_end_sentences():
    text = "M. Dupont est arrivé. Mme Durand aussi ! Le Dr Martin habite au n° 5. Fin."
    assert sentences(text, "fr") == [
        "M. Dupont est arrivé.",
        "Mme Durand aussi !",
        "Le Dr Martin habite au n° 5.",
        "Fin.",
    ]


def test_french_numbers_stay_whole():
    text = "Il mesure 3,5 m et pèse 5.000 kg. Le prix est de 1.250,50 €. Voilà."
    assert sentences(text, "fr-CA") == [
        "Il mesure 3,5 m et pèse 5.000 kg.",
        "Le prix est de 1.250,50 €.",
        "Voilà.",
    ]


def test_guillemets_and_ellipses():
    text = "« Bonjour. » Il dit : « Quoi ? » dit-il. Attends… je réfléchis... Non. J. Dupont rit."
    assert sentences(text, "fr") == [
        "« Bonjour. »",
        "Il dit : « Quoi ? » dit-il.",
        "Attends… je réfléchis...",
        "Non.",
        "J. Dupont rit.",
    ]


def test_english_rules():
    text = "Mr. Smith met Dr. Who, e.g. at St. Paul's. It was 3.5 km away! Really? Yes."
    assert sentences(text, "en-GB") == [
        "Mr. Smith met Dr. Who, e.g. at St. Paul's.",
        "It was 3.5 km away!",
        "Really?",
        "Yes.",
    ]


def test_line_break_ends_a_sentence_and_spans_are_trimmed():
    text = "  Première ligne\nDeuxième ligne  "
    spans = split_sentences(text, "fr")
    assert [text[a:b] for a, b in spans] == ["Première ligne", "Deuxième ligne"]


def test_empty_and_whitespace():
    assert split_sentences("", "fr") == []
    assert split_sentences(" \n\t ", "fr") == []


def test_long_paragraph_without_punctuation_is_cut_in_pieces():
    text = " ".join(f"mot{i}" for i in range(2000))  # ~10,000 characters
    spans = split_sentences(text, "fr", max_chars=400)
    assert len(spans) > 20
    assert all(b - a <= 400 for a, b in spans)
    # Every word is in exactly one piece, in order, none cut in two.
    words = [w for a, b in spans for w in text[a:b].split()]
    assert words == text.split()
