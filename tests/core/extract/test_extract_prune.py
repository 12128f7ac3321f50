"""Pruning the raw string: unclosed wrappers and code cut before the tree is built."""

from __future__ import annotations

from lismoi.core.extract import extract_html
from lismoi.core.extract.prune import flatten_unclosed, prune

PROSE = "Les élèves du collège ont présenté leur projet de jardin partagé au conseil municipal."


def test_thousands_of_unclosed_divs_are_flattened_and_their_text_kept():
    html = "<html><body>" + f"<div class='c'><p>{PROSE}</p>\n" * 3000 + "</body></html>"
    flat = flatten_unclosed(html)
    assert "<div" not in flat
    article = extract_html(html)
    assert len(article.blocks) == 3000
    assert all(b.text == PROSE for b in article.blocks)


def test_a_few_unclosed_divs_are_left_alone():
    html = "<div><p>Un.</p><div><p>Deux.</p></div>"
    assert flatten_unclosed(html) == html


def test_an_unclosed_script_is_cut_to_the_end():
    assert prune(f"<p>{PROSE}</p><script>var secret = 1; <p>not text</p>") == f"<p>{PROSE}</p> "
