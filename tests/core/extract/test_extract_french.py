"""French pages we wrote ourselves, with French typography and French-site clutter.

Each ``tests/fixtures/french/<name>.html`` has a ``<name>.expected.json``: the
metadata and the exact blocks a listener should hear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lismoi.core.extract import extract_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "french"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))

# Words of the clutter on these pages: none may be read.
CLUTTER = [
    "vie privée",
    "cookies",
    "Partager",
    "À lire aussi",
    "Lire aussi",
    "newsletter",
    "infolettre",
    "Inscrivez-vous",
    "Abonnez-vous",
    "Commentaires",
    "commentaires",
    "Crédit photo",
    "Select a language",
    "French Canadian",
    "Play all audios",
    "Écouter cet article",
    "Les plus lus",
    "Les plus populaires",
    "Articles similaires",
    "Tous droits réservés",
    "Accueil",
    "Temps de lecture",
    "réservé aux abonnés",
    "Offrir l’article",
    "Ajouter à vos sélections",
    "Réagir",
    "contributions",
    "La Matinale",
    "Codes promo",
    "Publié le",
]


def test_there_are_french_fixtures():
    assert len(PAGES) >= 4


@pytest.mark.parametrize("name", PAGES)
def test_french_page_gives_the_expected_blocks(name):
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = extract_html(html, f"https://exemple.fr/{name}")
    assert article.title == expected["title"]
    assert article.byline == expected["byline"]
    assert article.date == expected["date"]
    assert article.hints.html_lang == expected["html_lang"]
    assert article.hints.og_locale == expected["og_locale"]
    got = [
        {
            "kind": b.kind,
            "text": b.text,
            **({"level": b.level} if b.level else {}),
            **({"lang_hint": b.lang_hint} if b.lang_hint else {}),
        }
        for b in article.blocks
    ]
    assert got == expected["blocks"]


@pytest.mark.parametrize("name", PAGES)
def test_french_page_has_no_clutter_and_clean_typography(name):
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    article = extract_html(html)
    body = "\n".join(b.text for b in article.blocks)
    for phrase in CLUTTER:
        assert phrase not in body, phrase
    for invisible in ("\u00a0", "\u202f", "\u00ad", "\u200b"):
        assert invisible not in body + article.title
    assert "’" in body  # typographic apostrophes survive


def test_typography_details_of_the_lyon_page():
    html = (FIXTURES / "canicule-lyon.html").read_text(encoding="utf-8")
    blocks = extract_html(html).blocks
    body = "\n".join(b.text for b in blocks)
    assert "« Les nuits sont devenues aussi étouffantes que les journées »" in body
    assert "3,50 € pour les adultes, gratuite pour les moins de dix-huit ans !" in body
    assert "plus de 1 200 baigneurs" in body
    assert "Certains ont attendu" in body  # the soft hyphen is gone
    lines = next(b for b in blocks if b.text.startswith("Les horaires"))
    assert lines.text.split("\n") == [
        "Les horaires prolongés :",
        "du lundi au vendredi, de 19 h à minuit ;",
        "le week-end, de 20 h à 1 h.",
    ]
