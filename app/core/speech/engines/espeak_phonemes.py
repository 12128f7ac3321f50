"""espeak-ng's phonemiser through ctypes: a text's phonemes, clause by clause.

``espeak_TextToPhonemes(&textptr, textmode, phonememode)`` translates one
clause a call and moves ``textptr`` on (NULL at the end). ``phonememode`` bit
1 (``0x02``, espeakPHONEMES_IPA in espeak-ng's ``speak_lib.h``) asks for IPA
as UTF-8, 0 for espeak's ASCII mnemonics; no tie or separator bits are set,
as Piper's own phonemiser does (its models were trained on that output).

espeak-ng 1.51's ``espeak_TextToPhonemes`` does not return the clause's
punctuation (``espeak_TextToPhonemesWithTerminator`` came in 1.52); Piper's
models read it as a symbol (``,`` ``.`` ``?``), so the terminator is taken
from the text the call consumed (see :func:`terminator`).

Used by the espeak-ng engine (mnemonics, for accents) and by the Piper engine
(IPA, the model's input). The library is the one pyttsx3 loads.
"""

from __future__ import annotations

import ctypes
from typing import Any, NamedTuple

TEXTMODE_UTF8 = 1  # espeakCHARS_UTF8
MNEMONICS = 0
IPA = 0x02  # espeakPHONEMES_IPA
_MAX_CLAUSES = 10_000  # a guard: espeak_TextToPhonemes must move on each call
_AUDIO_OUTPUT_SYNCHRONOUS = 2  # no audio thread: the phonemiser never speaks

# The clause's punctuation as Piper's models read it (the last one in the
# consumed text wins; an ellipsis ends a sentence like a full stop).
_TERMINATORS = {".": ".", "?": "?", "!": "!", ",": ",", ";": ";", ":": ":", "…": ".",
                "¿": "?", "¡": "!"}
SENTENCE_ENDS = frozenset({".", "?", "!"})
# Between a clause's mark and the next clause: spaces, quotes, brackets.
_LOOKAHEAD_SKIP = frozenset(" \t\n\"'«»“”‘’()[]{}")


class Clause(NamedTuple):
    """One clause: its phonemes (words split by spaces) and its punctuation ("" if none)."""

    phonemes: str
    terminator: str


def terminator(consumed: str, *, at_end: bool = False) -> str:
    """The punctuation a clause of text ends with ("" when it has none).

    espeak-ng reads one character past the clause (the next clause's first
    letter, a quote) before it moves the pointer on: unless the clause is the
    text's last (``at_end``), the trailing letters are dropped first, then the
    spaces, quotes and brackets, and what is left must end with the mark.
    """
    rest = consumed if at_end else consumed.rstrip("".join(_LOOKAHEAD_SKIP)).rstrip()
    if not at_end:
        while rest and rest[-1].isalnum():
            rest = rest[:-1]
    rest = rest.rstrip().rstrip("".join(_LOOKAHEAD_SKIP)).rstrip()
    return _TERMINATORS.get(rest[-1], "") if rest else ""


def bind_text_to_phonemes(dll: Any) -> Any | None:
    """``espeak_TextToPhonemes`` from ``dll`` with its signature, or None if absent."""
    function = getattr(dll, "espeak_TextToPhonemes", None)
    if function is not None:
        function.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        function.restype = ctypes.c_char_p
    return function


def clauses(function: Any, text: str, mode: int) -> list[Clause]:
    """``text``'s phonemes (``mode``: :data:`MNEMONICS` or :data:`IPA`), one per clause."""
    data = text.encode("utf-8")
    buffer = ctypes.create_string_buffer(data)
    base = ctypes.addressof(buffer)
    pointer = ctypes.c_void_p(base)
    found: list[Clause] = []
    while pointer.value and len(found) < _MAX_CLAUSES:
        before = pointer.value
        result = function(ctypes.byref(pointer), TEXTMODE_UTF8, mode)
        after = pointer.value if pointer.value is not None else base + len(data)
        consumed = data[before - base : after - base].decode("utf-8", "replace")
        mark = terminator(consumed, at_end=pointer.value is None)
        found.append(Clause((result or b"").decode("utf-8", "replace"), mark))
        if pointer.value is not None and pointer.value <= before:
            break  # it did not move on: stop rather than loop
    return found


class _Library:
    """libespeak-ng's state in this process, shared by every user of the library.

    The app runs one engine per process, but a test process may hold the
    espeak-ng engine and the Piper engine's phonemiser at once: the library
    is initialised once, and its current voice is known in one place, so
    neither speaks or phonemises in the other's voice.
    """

    initialised = False
    voice: str | None = None


LIBRARY = _Library()


def set_voice(espeak: Any, name: str) -> bool:
    """Make ``name`` the library's voice (pyttsx3's ``_espeak`` bindings); True if it changed."""
    if name == LIBRARY.voice:
        return False
    if espeak.SetVoiceByName(name.encode("utf-8")) != 0:
        raise RuntimeError(f"espeak-ng has no voice {name!r}")
    LIBRARY.voice = name
    return True


class EspeakPhonemizer:
    """libespeak-ng initialised for phonemes only (the Piper engine's process).

    espeak-ng can be initialised only once per process: the espeak-ng engine
    initialises it through pyttsx3 and binds :func:`clauses` itself.
    """

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak  # loads libespeak-ng (no initialisation)

        self._es = _espeak
        if not LIBRARY.initialised:
            if _espeak.Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0) < 0:
                raise RuntimeError("libespeak-ng could not be initialised")
            LIBRARY.initialised, LIBRARY.voice = True, None
        self._function = bind_text_to_phonemes(_espeak.dll)
        if self._function is None:
            raise RuntimeError("this libespeak-ng has no espeak_TextToPhonemes")

    def set_voice(self, name: str) -> None:
        """Phonemise as espeak-ng's voice ``name`` ("en-us", "fr") from now on."""
        set_voice(self._es, name)

    def clauses(self, text: str, mode: int = IPA) -> list[Clause]:
        """``text``'s phonemes in the current voice, clause by clause."""
        return clauses(self._function, text, mode)
