"""The bundled sample articles come out whole and clean."""

from __future__ import annotations

from pathlib import Path

from lismoi.core.extract import extract_html

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


def read(name: str):
    return extract_html((SAMPLES / name).read_text(encoding="utf-8"), f"file://{name}")


def body(article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_prison_sample_metadata_paragraphs_and_no_clutter():
    article = read("prison-telephones.html")
    assert article.title == "Mini-téléphones en prison : une opération nationale de saisie"
    assert article.byline == "Claire Martin"
    assert article.date == "2025-05-20"
    assert article.hints.html_lang == "fr"
    text = body(article)
    assert text.startswith("Des centaines de cellules ont été fouillées mardi matin")  # chapô
    for sentence in [
        "Mardi matin, la section de lutte contre la cybercriminalité",
        "vendus en ligne comme « indétectables » aux portiques de sécurité",
        "Trois fournisseurs ont été interpellés sur le territoire",
        "L’opération se poursuivait encore en milieu de journée.",
    ]:
        assert sentence in text
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "Des appareils utilisés pour des trafics",
        "Cinq mille appareils en circulation",
    ]
    assert len([b for b in article.blocks if b.kind == "list_item"]) == 3
    assert [b.kind for b in article.blocks].count("quote") == 1
    for clutter in [
        "vie privée",
        "Select a language",
        "French Canadian Male",
        "Play all audios",
        "Partager",
        "À lire aussi",
        "newsletter",
        "Commentaires",
        "Photo :",
        "Les plus lus",
        "Publicité",
        "Claire Martin",
        "Publié le",
        "Tous droits réservés",
    ]:
        assert clutter not in text, clutter


def test_english_quotes_sample_keeps_the_english_paragraphs():
    article = read("ia-citations-anglais.html")
    assert article.title == "Intelligence artificielle : ce que disent les chercheurs britanniques"
    assert article.byline == "Julien Lefèvre"
    assert article.date == "2025-03-12"
    assert article.hints.html_lang == "fr-FR"
    assert article.hints.og_locale == "fr_FR"
    text = body(article)
    assert "Most people who are affected by automated decisions never learn" in text
    assert "“Trust is not something you can add at the end of a project." in text
    marked = [b for b in article.blocks if b.lang_hint == "en"]
    assert [b.kind for b in marked] == ["quote"]
    assert marked[0].text.startswith("The question is no longer whether")
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "Une question de confiance",
        "Et en France ?",
    ]
    for clutter in ["cookies", "Partager", "Tweeter", "Sur le même sujet", "Accueil", "RSS"]:
        assert clutter not in text, clutter
    assert "Par Julien" not in text
