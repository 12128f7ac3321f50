"""Where to cut a sentence so that its first sound comes sooner: at a clause.

A natural voice takes about 3 ms per character (Piper, en_US-joe-medium, on
this 2-core machine: 290 ms for a 97-character sentence), so a listener who
presses Play waits for the whole first sentence. Speaking its first clause
on its own, then the rest while that clause plays, brings the first sound
down to the clause's time. Only at a clause boundary (a comma, semicolon,
colon or dash followed by a space), where the voice pauses anyway, and only
when the engine is slow enough for it to matter: espeak-ng speaks a whole
sentence in a few milliseconds and is never cut.

The cut changes only how the audio is made: the sentence is still one
sentence for the highlight, for navigation and for the cache.
"""

from __future__ import annotations

import re

# A clause ends at , ; : or a dash, then whitespace. "3,5" and "l'été" are no break.
_BREAK = re.compile(r"(?<=[,;:—–])\s+")
MIN_CHARS = 12  # a shorter piece is a word or two: the cut would be heard in its melody
BUDGET_MS = 100.0  # synthesis time wanted for the first piece (first audio <= 150 ms)


def clause_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a clause ends and the next begins (after the space)."""
    return [m.end() for m in _BREAK.finditer(text) if m.start() > 0 and m.end() < len(text)]


def first_cut(text: str, ms_per_char: float | None, budget_ms: float = BUDGET_MS) -> int | None:
    """Where to cut ``text`` so its first piece is spoken within ``budget_ms``; None: whole.

    ``ms_per_char`` is the engine's measured speed (None: not measured yet,
    so no reason to cut). The longest first clause within the budget is
    chosen (fewer cuts, longer melody); when even the shortest is over it,
    the shortest, as long as it saves at least a third of the wait.
    """
    if not ms_per_char or ms_per_char * len(text.strip()) <= budget_ms:
        return None
    cuts = [c for c in clause_cuts(text)
            if len(text[:c].strip()) >= MIN_CHARS and len(text[c:].strip()) >= MIN_CHARS]
    if not cuts:
        return None
    within = [c for c in cuts if ms_per_char * len(text[:c].strip()) <= budget_ms]
    if within:
        return within[-1]
    return cuts[0] if cuts[0] <= len(text) * 2 / 3 else None
