"""Language annotation edge cases found by the generated tests, kept as plain cases."""

from __future__ import annotations

import pytest

from lismoi.core.extract import extract_html
from lismoi.core.language import annotate

PAGES = {
    # The one block says lang="fr", nothing else does: the block got "fr-FR",
    # the article no locale.
    "only a lang-attributed block": '<body>Les<p lang="fr">Les élèves ont présenté leur projet',
    # One short code block: neither the article nor the block got a language.
    "one short code block": "<body>Les<pre>Les</body></html>",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_with_letters_gets_a_locale_and_every_block_a_language(tally, name):
    # Both found by test_generated.py.
    article = extract_html(PAGES[name])
    assert article.blocks
    with tally.trial("language:edge"):
        annotate(article)
        assert all(b.lang for b in article.blocks)
        assert article.locale, "the document has French text but no locale"
