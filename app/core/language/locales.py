"""BCP 47 locales from what a page says about itself (no Qt, no detection).

Text tells *which language* a block is in; it cannot tell fr-FR from fr-CA.
The region therefore comes only from evidence: the user's override, the
block's own ``lang`` attribute, the page's ``<html lang>``, ``og:locale`` and
``Content-Language``, and the country of the site's domain (.ca, .qc.ca, .be,
.ch, .co.uk ...). Without evidence French gets ``fr-FR`` (the app's default
French voice) and every other language stays a bare tag ("en", "de"): we
would rather let the voice layer pick its usual voice than invent a region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lismoi.core.article import LangHints

# A region we assume when nothing says otherwise. Only French: the app ships
# fr-FR and fr-CA voice profiles, and fr-FR is the documented default. For
# other languages an invented region ("en-US") would be a guess dressed as a fact.
DEFAULT_REGION: dict[str, str] = {"fr": "FR"}

# The languages a country's sites are commonly written in: a domain (or a page
# tag) naming the country gives the region to blocks in one of these languages.
# fmt: off
COUNTRY_LANGUAGES: dict[str, frozenset[str]] = {
    country: frozenset(langs.split())
    for country, langs in {
        "FR": "fr", "MC": "fr", "CA": "fr en", "BE": "fr nl de", "CH": "fr de it rm",
        "LU": "fr de lb", "SN": "fr", "CI": "fr", "CM": "fr en", "ML": "fr", "BF": "fr",
        "NE": "fr", "BJ": "fr", "TG": "fr", "GN": "fr", "CD": "fr", "CG": "fr", "GA": "fr",
        "MG": "fr mg", "HT": "fr ht", "MA": "ar fr", "DZ": "ar fr", "TN": "ar fr",
        "GB": "en cy gd", "IE": "en ga", "US": "en es", "AU": "en", "NZ": "en",
        "ZA": "en af", "IN": "en hi", "SG": "en zh", "DE": "de", "AT": "de", "LI": "de",
        "ES": "es ca eu gl", "MX": "es", "AR": "es", "CO": "es", "CL": "es", "PE": "es",
        "PT": "pt", "BR": "pt", "IT": "it", "NL": "nl", "SE": "sv", "FI": "fi sv",
        "DK": "da", "NO": "no nb nn", "PL": "pl", "CZ": "cs", "SK": "sk", "RO": "ro",
        "RU": "ru", "UA": "uk", "TR": "tr", "GR": "el", "JP": "ja", "KR": "ko",
        "CN": "zh", "TW": "zh", "HK": "zh en",
    }.items()
}
# fmt: on

# Domain endings whose country code is not the ISO 3166 one.
_TLD_COUNTRY = {"uk": "GB"}

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")


def normalize_tag(tag: str | None) -> str | None:
    """A clean BCP 47 tag: ``"fr_ca"`` -> ``"fr-CA"``, ``"zh-hant-tw"`` -> ``"zh-Hant-TW"``.

    Accepts what pages really contain: underscores (og:locale), odd case,
    a Content-Language list ("fr, en" -> "fr") and POSIX suffixes
    ("fr_CA.UTF-8"). Returns None for empty, "*" and unparseable values.
    """
    if not tag:
        return None
    tag = tag.split(",")[0].split(";")[0].split(".")[0].split("@")[0].strip()
    parts = tag.replace("_", "-").split("-")
    if not parts or not all(_SUBTAG.match(p) for p in parts):
        return None
    language = parts[0].lower()
    if not (2 <= len(language) <= 3 and language.isalpha()):
        return None
    out = [language]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Hant, Latn
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region: CA, 419
        else:
            out.append(part.lower())  # variants and extensions
    return "-".join(out)


def language_of(tag: str | None) -> str | None:
    """The primary language subtag: ``"fr-CA"`` -> ``"fr"``."""
    tag = normalize_tag(tag)
    return tag.split("-")[0] if tag else None


def region_of(tag: str | None) -> str | None:
    """The region subtag, if any: ``"fr-CA"`` -> ``"CA"``, ``"zh-Hant-TW"`` -> ``"TW"``."""
    tag = normalize_tag(tag)
    if not tag:
        return None
    for part in tag.split("-")[1:]:
        if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            return part
    return None


def domain_country(url: str | None) -> str | None:
    """The country a site's domain names: ``.qc.ca`` -> "CA", ``.co.uk`` -> "GB".

    Generic endings (.com, .org, .io ...) and countries not in
    :data:`COUNTRY_LANGUAGES` give None: ``.tv`` says nothing about Tuvalu.
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if not tld or "." not in host:
        return None
    country = _TLD_COUNTRY.get(tld, tld.upper())
    return country if len(country) == 2 and country in COUNTRY_LANGUAGES else None


@dataclass(frozen=True)
class LocaleEvidence:
    """Everything a page (and the user) says about regions, strongest first.

    ``tags`` are full tags stated for a language (override, then <html lang>,
    og:locale, Content-Language); ``countries`` are countries that apply to
    any language spoken there (override's region, page regions, the domain).
    """

    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = field(default_factory=tuple)
    page_language: str | None = None

    @classmethod
    def collect(
        cls,
        hints: LangHints | None,
        url: str | None = None,
        override: str | None = None,
        container_lang: str | None = None,
    ) -> LocaleEvidence:
        """Gather the evidence of a page; ``override`` (the user's choice) ranks first.

        ``container_lang`` is a lang attribute covering most of the article (on
        <body> or <article>): it ranks just after <html lang>.
        """
        hints = hints or LangHints()
        stated = [
            override,
            hints.html_lang,
            container_lang,
            hints.og_locale,
            hints.content_language,
        ]
        tags = tuple(t for t in (normalize_tag(s) for s in stated) if t)
        countries: list[str] = []
        for tag in tags:
            region = region_of(tag)
            if region and region not in countries:
                countries.append(region)
        country = domain_country(url)
        if country and country not in countries:
            countries.append(country)
        # The page's own language: what <html lang>, og:locale or Content-Language say
        # (not the override: that is the user's, applied on top by the caller).
        page = next((language_of(t) for t in (normalize_tag(s) for s in stated[1:]) if t), None)
        return cls(tags=tags, countries=tuple(countries), page_language=page)

    def locale_for(self, language: str, hint: str | None = None) -> str:
        """The BCP 47 locale to read ``language`` in on this page.

        ``hint`` is the block's own lang attribute; with a region and the same
        language it wins, then come the page's tags for that language, then a
        country whose people write that language, then :data:`DEFAULT_REGION`.
        """
        detected = normalize_tag(language) or language
        language = language_of(detected) or detected
        candidates = [normalize_tag(hint), *self.tags]
        for tag in candidates:
            if tag and language_of(tag) == language and region_of(tag):
                return tag
        if region_of(detected):
            return detected  # zh-CN / zh-TW: the detector tells the script apart
        for country in self.countries:
            if language in COUNTRY_LANGUAGES.get(country, ()):
                return f"{language}-{country}"
        region = DEFAULT_REGION.get(language)
        return f"{language}-{region}" if region else language
