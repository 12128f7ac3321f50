"""The language of a document and of each of its blocks, and the locale to read it in.

:mod:`.model` scores text with langdetect's profiles; :mod:`.annotate` sets a
language per block from those scores and the document's context;
:mod:`.locales` turns page hints (``<html lang>``, ``og:locale``, the domain)
and the listener's choice into a locale (fr-FR vs fr-CA).
"""

from lismoi.core.language.annotate import annotate
from lismoi.core.language.model import (
    available_languages,
    candidates,
    detect,
    from_bcp47,
    is_short,
    profiles_directory,
    set_candidates,
    to_bcp47,
    warm_up,
)

__all__ = [
    "annotate",
    "available_languages",
    "candidates",
    "detect",
    "from_bcp47",
    "is_short",
    "profiles_directory",
    "set_candidates",
    "to_bcp47",
    "warm_up",
]
