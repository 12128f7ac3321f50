"""Title, byline, date and language hints go to metadata, not the body."""

from __future__ import annotations

import pytest

from lismoi.core.extract import extract_html
from lismoi.core.extract.metadata import parse_date, strip_site_name

BODY = "<p>" + "Un paragraphe assez long pour être retenu comme corps de l’article, " * 3 + "</p>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 mai 2025", "2025-05-20"),
        ("Publié le 20\u00a0mai 2025 à 7\u00a0h\u00a045", "2025-05-20"),
        ("1er février 2024", "2024-02-01"),
        ("le 3 décembre 2023", "2023-12-03"),
        ("May 20, 2025", "2025-05-20"),
        ("2025-05-20T14:32:00+02:00", "2025-05-20"),
        ("pas de date ici", None),
        ("20 machin 2025", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_site_name_is_cut_but_a_colon_title_stays_whole():
    assert strip_site_name("Le budget voté à l’Assemblée | Le Journal") == (
        "Le budget voté à l’Assemblée"
    )
    assert strip_site_name("Canicule : Lyon ouvre ses piscines") == (
        "Canicule : Lyon ouvre ses piscines"
    )


def test_declared_metadata_from_meta_tags():
    html = f"""<html lang="fr-CA"><head>
    <meta property="og:title" content="Titre déclaré">
    <meta name="author" content="Par Jeanne Roy">
    <meta property="article:published_time" content="2025-05-20T08:00:00-04:00">
    <meta property="og:locale" content="fr_CA">
    </head><body><article>{BODY}</article></body></html>"""
    article = extract_html(html, "https://exemple.ca/a")
    assert article.title == "Titre déclaré"
    assert article.byline == "Jeanne Roy"
    assert article.date == "2025-05-20"
    assert article.url == "https://exemple.ca/a"
    assert article.hints.html_lang == "fr-CA"
    assert article.hints.og_locale == "fr_CA"


def test_json_ld_graph_gives_author_and_date():
    html = f"""<html><head><script type="application/ld+json">
    {{"@graph": [{{"@type": "WebPage"}}, {{"@type": "NewsArticle", "headline": "Le titre",
      "datePublished": "2024-11-02", "author": [{{"@type": "Person", "name": "Ali Ben"}}]}}]}}
    </script></head><body>{BODY}</body></html>"""
    article = extract_html(html)
    assert (article.title, article.byline, article.date) == ("Le titre", "Ali Ben", "2024-11-02")


def test_visible_byline_and_french_date_leave_the_body():
    html = f"""<html><head><title>Le vrai titre – Mon Journal</title></head><body><article>
    <h1>Le vrai titre</h1>
    <p class="signature">Par <a rel="author" href="/a">Léa Petit</a></p>
    <p class="date">Publié le 20\u00a0mai 2025</p>
    {BODY}</article></body></html>"""
    article = extract_html(html)
    assert article.title == "Le vrai titre"
    assert article.byline == "Léa Petit"
    assert article.date == "2025-05-20"
    text = " ".join(b.text for b in article.blocks)
    assert "Léa Petit" not in text
    assert "mai 2025" not in text
    assert "Le vrai titre" not in text  # the h1 is the title, not a body heading
    assert len(article.blocks) == 1


def test_a_broken_json_ld_is_ignored():
    html = f"""<html><head><script type="application/ld+json">{{not json</script>
    <title>T</title></head><body>{BODY}</body></html>"""
    assert extract_html(html).title == "T"


def test_visible_byline_line_gives_only_the_name():
    html = f"""<html><body><article><h1>Un titre</h1>
    <div class="byline">Par <a rel="author" href="/a">Claire Martin</a> · Publié le
      <time datetime="2025-05-20T14:32:00+02:00">20 mai 2025 à 14 h 32</time></div>
    {BODY}</article></body></html>"""
    article = extract_html(html)
    assert (article.byline, article.date) == ("Claire Martin", "2025-05-20")
    assert [b.text for b in article.blocks] == [BODY[3:-4].strip()]
