"""Accents: rules that rewrite a text's phonemes before synthesis.

An accent turns the phonemes of a France-French voice into those of another
variety (``"fr-CA"``: Québécois French, :mod:`.quebec`). Pure and Qt-free: it
reads and returns espeak-ng mnemonics (see :mod:`lismoi.core.speech.phonemes`).
"""

from __future__ import annotations

from lismoi.core.speech.accents.quebec import QuebecFrench
from lismoi.core.speech.phonemes import Accent

__all__ = ["ACCENTS", "get_accent"]

# The accent names get_accent knows, in the order they are offered.
ACCENTS: tuple[str, ...] = (QuebecFrench.name,)


def get_accent(name: str) -> Accent:
    """The accent called ``name`` ("fr-CA"), all its rules enabled.

    Raises KeyError for a name not in :data:`ACCENTS`.
    """
    if name == QuebecFrench.name:
        return QuebecFrench()
    raise KeyError(name)
