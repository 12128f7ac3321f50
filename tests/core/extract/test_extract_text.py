"""Speech-clean text: whitespace, invisible characters, French typography."""

from __future__ import annotations

from lismoi.core.extract.text import BR, clean_code, clean_text


def test_whitespace_collapses_and_source_newlines_vanish():
    assert clean_text("  Une   phrase\n   coupée\tpar\r\nle code source.  ") == (
        "Une phrase coupée par le code source."
    )


def test_soft_hyphens_and_zero_width_characters_are_dropped():
    assert clean_text("cer\u00adtains mots\u200b invi\u200dsibles\ufeff") == (
        "certains mots invisibles"
    )


def test_non_breaking_spaces_become_plain_spaces():
    # NBSP before : ; ! ? and inside « », narrow NBSP in numbers and before ;
    raw = "«\u00a0Vraiment\u00a0?\u00a0» Oui\u202f; 1\u202f200\u00a0€\u00a0!"
    assert clean_text(raw) == "« Vraiment ? » Oui ; 1 200 € !"


def test_french_apostrophes_and_guillemets_are_kept():
    assert clean_text("l’élu a dit « d’accord »") == "l’élu a dit « d’accord »"


def test_br_becomes_a_newline_pause():
    assert clean_text(f"Ligne un {BR}  ligne deux{BR}{BR} ligne trois") == (
        "Ligne un\nligne deux\nligne trois"
    )
    assert clean_text(f"{BR} seul {BR}") == "seul"


def test_code_keeps_lines_and_indentation():
    assert clean_code("\nif x:\n    y()  \n\u200b") == "if x:\n    y()"


def test_entities_in_markup_come_out_clean():
    from lismoi.core.extract import extract_html

    html = (
        "<article><p>Vraiment&nbsp;? «&#160;Oui&#8239;» l&rsquo;a dit&nbsp;; "
        "in&shy;croyable&#8203; mais vrai, et voilà une phrase assez longue pour compter.</p>"
        "</article>"
    )
    [block] = extract_html(html).blocks
    assert block.text == (
        "Vraiment ? « Oui » l’a dit ; incroyable mais vrai, et voilà une phrase assez longue "
        "pour compter."
    )
