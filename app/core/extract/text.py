"""Clean text for speech.

Whitespace is collapsed (newlines from the HTML source mean nothing), soft
hyphens and zero-width characters are dropped (they split words for a
synthesiser), every kind of non-breaking space becomes a plain space (French
puts one before : ; ! ? and inside « »; it is typography, not a pause), and
the ``\\n`` that ``<br>`` produced is kept as a pause.
"""

from __future__ import annotations

import re

# U+00AD soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM,
# LTR/RTL marks and invisible operators: never pronounced.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u2061-\u2064]")
# NBSP, narrow NBSP, figure space, thin/hair spaces and the other Unicode spaces.
_SPACES = re.compile("[ \t\r\f\v\u00a0\u202f\u2007\u2009\u200a\u2000-\u2006\u2008\u205f\u3000]+")
_BREAK = "\x00"  # stands for a <br> while the rest of the whitespace collapses
_NEWLINES = re.compile(r"\s*\n\s*")
_BREAKS = re.compile(r" *\x00[\x00 ]*")


def clean_text(text: str) -> str:
    """Collapse whitespace; keep ``\\n`` only where a <br> was (see :data:`BR`)."""
    text = _INVISIBLE.sub("", text)
    text = text.replace("\n", " ")
    text = _SPACES.sub(" ", text)
    if _BREAK in text:
        text = _BREAKS.sub("\n", text)
        text = text.strip(" \n")
        return _NEWLINES.sub("\n", text)
    return text.strip()


BR = _BREAK
"""Put this in the raw text where a ``<br>`` is; :func:`clean_text` makes it a ``\\n``."""


def normalize_plain(text: str) -> str:
    """Clean a text that has real newlines as line breaks (plain text input)."""
    return clean_text(text.replace("\n", _BREAK))


def clean_code(text: str) -> str:
    """Code keeps its lines and indentation; only invisible characters go."""
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n")
    lines = [line.replace("\u00a0", " ").rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
