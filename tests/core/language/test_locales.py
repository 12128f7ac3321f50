"""Locales from page hints, domains and the user's override (lismoi.core.language.locales)."""

from __future__ import annotations

import pytest

from lismoi.core.article import LangHints
from lismoi.core.language.locales import (
    LocaleEvidence,
    domain_country,
    language_of,
    normalize_tag,
    region_of,
)


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("fr_CA", "fr-CA"),
        ("FR-ca", "fr-CA"),
        ("fr", "fr"),
        ("en-us", "en-US"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("fr, en", "fr"),
        ("fr-CA;q=0.9", "fr-CA"),
        ("fr_CA.UTF-8", "fr-CA"),
        (" de-AT ", "de-AT"),
        ("", None),
        (None, None),
        ("*", None),
        ("x", None),
        ("français", None),
        ("fr CA", None),
    ],
)
def test_normalize_tag(raw, tag):
    assert normalize_tag(raw) == tag


def test_language_and_region_of():
    assert language_of("fr_CA") == "fr"
    assert region_of("fr_CA") == "CA"
    assert region_of("zh-Hant-TW") == "TW"
    assert region_of("es-419") == "419"
    assert region_of("fr") is None
    assert language_of(None) is None


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("https://www.lapresse.ca/actualites/x", "CA"),
        ("https://www.quebec.qc.ca/fr/", "CA"),
        ("https://www.lemonde.fr/", "FR"),
        ("https://www.lesoir.be/article", "BE"),
        ("https://www.letemps.ch/", "CH"),
        ("https://www.bbc.co.uk/news", "GB"),
        ("http://example.com/", None),
        ("https://example.org/page", None),
        ("https://twitch.tv/x", None),  # a ccTLD used as a generic one
        ("http://127.0.0.1:8000/a.html", None),
        ("http://localhost:8000/", None),
        ("www.lesoleil.ca/x", "CA"),
        ("/home/me/article.html", None),
        (None, None),
    ],
)
def test_domain_country(url, country):
    assert domain_country(url) == country


def _locale(lang, *, html=None, content=None, og=None, url=None, override=None, hint=None):
    hints = LangHints(html_lang=html, content_language=content, og_locale=og)
    return LocaleEvidence.collect(hints, url, override).locale_for(lang, hint)


def test_french_defaults_to_france_without_evidence():
    assert _locale("fr") == "fr-FR"


def test_other_languages_stay_bare_without_evidence():
    assert _locale("en") == "en"
    assert _locale("de") == "de"


def test_each_page_hint_can_say_canada():
    assert _locale("fr", html="fr-CA") == "fr-CA"
    assert _locale("fr", og="fr_CA") == "fr-CA"
    assert _locale("fr", content="fr-CA") == "fr-CA"


@pytest.mark.parametrize(
    ("url", "locale"),
    [
        ("https://www.ledevoir.com/", "fr-FR"),
        ("https://www.lapresse.ca/", "fr-CA"),
        ("https://www.mairie.qc.ca/", "fr-CA"),
        ("https://www.rtbf.be/", "fr-BE"),
        ("https://www.rts.ch/", "fr-CH"),
        ("https://www.wort.lu/", "fr-LU"),
        ("https://www.lemonde.fr/", "fr-FR"),
    ],
)
def test_domain_gives_the_region(url, locale):
    assert _locale("fr", html="fr", url=url) == locale


def test_domain_region_only_for_languages_spoken_there():
    assert _locale("en", url="https://www.lapresse.ca/") == "en-CA"
    assert _locale("en", url="https://www.bbc.co.uk/") == "en-GB"
    assert _locale("en", url="https://www.lemonde.fr/") == "en"  # .fr says nothing of English
    assert _locale("de", url="https://www.rts.ch/") == "de-CH"


def test_page_tag_beats_domain():
    assert _locale("fr", html="fr-FR", url="https://www.site.ca/") == "fr-FR"


def test_html_lang_beats_og_locale():
    assert _locale("fr", html="fr-CA", og="fr_FR") == "fr-CA"


def test_region_of_a_page_tag_applies_to_other_languages_of_that_country():
    assert _locale("en", html="fr-CA") == "en-CA"
    assert _locale("en", html="fr-FR") == "en"


def test_override_always_wins():
    assert _locale("fr", html="fr-FR", og="fr_FR", url="https://x.fr/", override="fr-CA") == (
        "fr-CA"
    )
    assert _locale("fr", html="fr-CA", url="https://x.ca/", override="fr_fr") == "fr-FR"


def test_block_hint_with_region_wins_for_its_language():
    assert _locale("en", html="fr-FR", hint="en-GB") == "en-GB"
    # A bare hint takes the page's region for that language.
    assert _locale("fr", html="fr-CA", hint="fr") == "fr-CA"


def test_detected_chinese_keeps_its_script_region():
    assert _locale("zh-CN") == "zh-CN"
    assert _locale("zh-TW") == "zh-TW"
    assert _locale("zh-CN", html="zh-TW") == "zh-TW"


def test_evidence_records_the_page_language_not_the_override():
    evidence = LocaleEvidence.collect(LangHints(og_locale="fr_CA"), None, "en-US")
    assert evidence.page_language == "fr"
    assert evidence.tags == ("en-US", "fr-CA")
    assert evidence.countries == ("US", "CA")
