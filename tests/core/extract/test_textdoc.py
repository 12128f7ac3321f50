"""Plain text and Markdown into blocks."""

from __future__ import annotations

from pathlib import Path

from lismoi.core.extract.textdoc import article_from_markdown, article_from_plain_text
from lismoi.core.load.source import load

FIX = Path(__file__).parents[2] / "fixtures" / "loading"


def test_plain_text_paragraphs_split_on_blank_lines_and_rejoined():
    article = article_from_plain_text(load(str(FIX / "marche.txt")).text)
    assert article.title == "Le marché du samedi"
    assert [b.kind for b in article.blocks] == ["paragraph"] * 3
    assert article.blocks[0].text == (
        "Chaque samedi matin, le marché de la place centrale réunit une quarantaine "
        "de producteurs. On y trouve des fruits, des légumes, du fromage et du pain."
    )


def test_plain_text_without_a_title_line():
    article = article_from_plain_text("Une seule phrase.\n\nEt une autre.")
    assert article.title == ""
    assert [b.text for b in article.blocks] == ["Une seule phrase.", "Et une autre."]


def test_plain_text_strips_invisible_characters_and_crlf():
    article = article_from_plain_text("Bon\u00adjour\u200b à\u00a0tous.\r\n\r\nFin.")
    assert article.blocks[0].text == "Bonjour à tous."


def test_markdown_structure():
    article = article_from_markdown(load(str(FIX / "crepes.md")).text)
    assert article.title == "Recette de la pâte à crêpes"
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (
            "paragraph",
            "Une recette simple pour quatre personnes, tirée du carnet de grand-mère.",
        ),
        ("heading", "Ingrédients"),
        ("list_item", "250 g de farine"),
        ("list_item", "4 œufs"),
        ("list_item", "un demi-litre de lait"),
        ("heading", "Préparation"),
        ("list_item", "Mélanger la farine et les œufs."),
        ("list_item", "Ajouter le lait petit à petit."),
        ("quote", "Laisser reposer la pâte une heure : elle n’en sera que meilleure."),
    ]
    assert article.blocks[1].level == 2
