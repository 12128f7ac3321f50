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
