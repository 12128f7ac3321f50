"""Translation of user-visible strings (gettext, shared by the core and the UI).

Every string a user may read goes through ``_()``. The language follows the
system locale unless :func:`set_language` is called (the settings override).
Catalogs live in ``app/locale/<lang>/LC_MESSAGES/lismoi.mo``; they are
compiled from ``resources/translations/*.po`` by the build.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "lismoi"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_translation: _gettext.NullTranslations = _gettext.translation(
    DOMAIN, LOCALE_DIR, fallback=True
)
# argparse ("usage: ", its errors) translates with gettext's global domain:
# make it ours (the messages are listed in app/cli/argparse_messages.py).
_gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
_gettext.textdomain(DOMAIN)


def set_language(lang: str | None) -> None:
    """Use ``lang`` ("fr", "en", ...) for all later lookups; None = system locale."""
    global _translation
    languages = [lang] if lang else None
    _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (the same English word, two meanings)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it (tables built at import).

    Translate it later, where it is shown: ``_(COMMANDS[name])``.
    """
    return message


def available_languages() -> list[str]:
    """The interface languages: English (the source) and every compiled catalog."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return ["en", *sorted(found - {"en"})]


def current_language() -> str:
    """The language of the catalog in use ("en" when strings are untranslated)."""
    info = _translation.info() if isinstance(_translation, _gettext.GNUTranslations) else {}
    lang = info.get("language", "")
    return lang.replace("_", "-").split("-")[0] if lang else "en"


def language_name(code: str, in_language: str) -> str | None:
    """CLDR's name of language ``code`` in ``in_language``, capitalised ("Français"); None if
    CLDR (babel) has none. ``language_name(code, code)`` names a language in itself."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # a stripped-down bundle: callers fall back to codes or engine names
        return None
    try:
        name = Locale.parse(in_language).languages.get(code)
    except (ValueError, UnknownLocaleError):
        return None
    return name[:1].upper() + name[1:] if name else None
