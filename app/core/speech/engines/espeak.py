"""espeak-ng, through pyttsx3's driver and its ctypes bindings (Linux).

We let pyttsx3 initialise libespeak-ng and build its voice list, then drive
the library through pyttsx3's own ctypes bindings (``pyttsx3.drivers._espeak``)
with our callback and ``espeak_Synchronize``: pyttsx3's ``save_to_file`` polls
every 10 ms, prints "Audio saved to" on stdout, drops the event audio
positions and writes a hard-coded 22,050 Hz header. This way we get the PCM in
memory, the sample rate the library really uses (``espeak_ng_GetSampleRate``)
and word events with their audio offsets, and we switch espeak-ng to
synchronous output (see EspeakEngine.__init__).

espeak-ng can be initialised only once per process: one engine per process.

Phonemes: :meth:`EspeakEngine.phonemize` asks ``espeak_TextToPhonemes`` for
the ASCII mnemonics of a text (one clause a call, :mod:`.espeak_phonemes`)
and puts espeak's words on the text's words (see :func:`align_words`);
:meth:`synthesize_phonemes` speaks mnemonics between ``[[`` and ``]]`` with
the PHONEMES flag. Only that method sets the flag, and only on phonemes:
article text always goes through :meth:`synthesize`, where ``[[...]]`` is
plain text.
"""

from __future__ import annotations

import bisect
import ctypes
import difflib
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from lismoi.core.speech.engines import espeak_phonemes
from lismoi.core.speech.engines.base import (
    BREAKS,
    EngineAudio,
    EngineVoices,
    InstalledVoice,
    WordEvent,
)
from lismoi.core.speech.phonemes import PhonemeWord

_ENOUTPUT_MODE_SYNCHRONOUS = 0x0001  # espeak_ng_OUTPUT_MODE in espeak-ng/espeak_ng.h
_PHONEMES_FLAG = 0x100  # espeakPHONEMES in espeak-ng/speak_lib.h


class EspeakEngine:
    """libespeak-ng through pyttsx3's driver and ctypes bindings."""

    name = "espeak"
    takes_phonemes = True

    def __init__(self) -> None:
        import pyttsx3
        from pyttsx3.drivers import _espeak

        self._es = _espeak
        self._engine = pyttsx3.init("espeak")  # initialises libespeak-ng once
        espeak_phonemes.LIBRARY.initialised = True
        espeak_phonemes.LIBRARY.voice = None  # (re)initialised: no voice set by us yet
        get_rate = getattr(_espeak.dll, "espeak_ng_GetSampleRate", None)
        self.sample_rate = int(get_rate()) if get_rate is not None else 22050
        self._chunks: list[bytes] = []
        self._words: list[WordEvent] = []
        self._done = threading.Event()
        # Our callback replaces pyttsx3's; keep a reference or ctypes frees it.
        self._callback = _espeak.t_espeak_callback(self._on_synth)
        _espeak.cSetSynthCallback(self._callback)
        self._voice: str | None = None
        # pyttsx3 starts espeak-ng in AUDIO_OUTPUT_RETRIEVAL mode: synthesis runs
        # on espeak's own thread and espeak_Synchronize polls every 20 ms, which
        # put a 20 ms floor under every sentence. Switching the output to
        # synchronous mode makes espeak_Synth run to the end in our thread (the
        # first sentence of the sample now takes ~3 ms instead of ~21 ms).
        init_output = getattr(_espeak.dll, "espeak_ng_InitializeOutput", None)
        self._synchronous = False
        if init_output is not None:
            init_output.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
            self._synchronous = init_output(_ENOUTPUT_MODE_SYNCHRONOUS, 500, None) == 0
        # const char *espeak_TextToPhonemes(const void **textptr, int textmode,
        # int phonememode): one clause per call, textptr moved on (NULL at the end).
        self._to_phonemes = espeak_phonemes.bind_text_to_phonemes(_espeak.dll)
        if self._to_phonemes is None:
            self.takes_phonemes = False
        self._phonemes_flag = int(getattr(_espeak, "PHONEMES", _PHONEMES_FLAG))

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        es = self._es
        i = 0
        while True:
            event = events[i]
            if event.type == es.EVENT_LIST_TERMINATED:
                break
            if event.type == es.EVENT_WORD:
                self._words.append(
                    WordEvent(event.text_position, event.length, float(event.audio_position))
                )
            elif event.type == es.EVENT_MSG_TERMINATED:
                self._done.set()
            i += 1
        if numsamples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0  # 1 would abort the synthesis

    def voices(self) -> EngineVoices:
        voices = tuple(
            InstalledVoice(
                id=v.id,
                name=v.name,
                languages=tuple(v.languages),
                gender=(v.gender or "").lower() or None,
            )
            for v in self._engine.getProperty("voices")
        )
        spec = self._es.VOICE()
        spec.languages = b"variant"
        variants = []
        for v in self._es.ListVoices(spec):
            ident = v.identifier.decode("utf-8", "replace")
            if ident.startswith("!v/"):
                variants.append(ident[3:])
        return EngineVoices(engine=self.name, voices=voices, variants=tuple(variants))

    def synthesize(
        self,
        text: str,
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
    ) -> EngineAudio:
        self._set_voice(voice_id, variant)
        # No SSML and no PHONEMES flag: "<audio ...>" and "[[...]]" are plain text.
        self._speak(text, wpm, pitch, volume, phonemes=False)
        return EngineAudio(b"".join(self._chunks), self.sample_rate, tuple(self._words))

    def _set_voice(self, voice_id: str, variant: str | None) -> None:
        es = self._es
        name = f"{voice_id}+{variant}" if variant else voice_id
        # The library's voice is process state (see espeak_phonemes.LIBRARY).
        if espeak_phonemes.set_voice(es, name):
            self._voice = name
            # A voice may bring its own rate (mbrola): read it back each time.
            self.sample_rate = int(es.dll.espeak_ng_GetSampleRate())

    def _speak(self, text: str, wpm: int, pitch: int, volume: float, *, phonemes: bool) -> None:
        es = self._es
        es.SetParameter(es.RATE, int(wpm), 0)
        es.SetParameter(es.PITCH, max(0, min(99, int(pitch))), 0)
        es.SetParameter(es.VOLUME, max(0, min(200, int(round(volume * 100)))), 0)
        self._chunks, self._words = [], []
        self._done.clear()
        flags = es.ENDPAUSE | es.CHARS_UTF8
        if phonemes:
            flags |= self._phonemes_flag
        es.Synth(text.encode("utf-8"), flags=flags)
        if not self._synchronous:
            self._done.wait()  # set by the callback at EVENT_MSG_TERMINATED

    # ------------------------------------------------------------ phonemes

    def _clauses(self, text: str) -> list[str]:
        """espeak's phonemes of ``text``, one string per clause (words split by spaces)."""
        if self._to_phonemes is None:
            raise RuntimeError("this libespeak-ng has no espeak_TextToPhonemes")
        found = espeak_phonemes.clauses(self._to_phonemes, text, espeak_phonemes.MNEMONICS)
        return [clause.phonemes for clause in found]

    def _pieces(self, text: str) -> list[str]:
        return _pieces([w for clause in self._clauses(text) for w in clause.split()])

    def phonemize(
        self, text: str, voice_id: str, variant: str | None = None
    ) -> list[PhonemeWord] | None:
        self._set_voice(voice_id, variant)
        return align_words(text, self._pieces(text), self._pieces)

    def synthesize_phonemes(
        self,
        words: Sequence[str],
        voice_id: str,
        *,
        variant: str | None = None,
        wpm: int = 175,
        pitch: int = 50,
        volume: float = 1.0,
        breaks: Sequence[str] | None = None,
    ) -> EngineAudio:
        self._set_voice(voice_id, variant)
        markup, starts, ends = phoneme_markup(words, breaks)
        self._speak(markup, wpm, pitch, volume, phonemes=True)
        events: list[WordEvent] = []
        for event in self._words:
            at = event.position - 1  # espeak counts characters from 1
            index = bisect.bisect_right(starts, at) - 1
            if index < 0 or at >= ends[index] or starts[index] == ends[index]:
                continue
            if events and index <= events[-1].position:
                continue  # a second event inside one word ("1994"): keep the first
            events.append(WordEvent(index, 1, event.audio_ms))
        return EngineAudio(b"".join(self._chunks), self.sample_rate, tuple(events))


# ---------------------------------------------------------------- phoneme markup

# What may never reach espeak inside [[ ]]: the brackets (a "]]" would end the
# phoneme text and let what follows be read as text, a "[[" open another) and
# control characters.
_UNSAFE = re.compile(r"[\[\]\x00-\x1f\x7f]")


def sanitize_phonemes(phonemes: str) -> str:
    """One word's mnemonics, safe between ``[[`` and ``]]`` (brackets and controls removed)."""
    return " ".join(_UNSAFE.sub(" ", phonemes).split())


def phoneme_markup(
    words: Sequence[str], breaks: Sequence[str] | None = None
) -> tuple[str, list[int], list[int]]:
    """The text espeak speaks with the PHONEMES flag, and each word's [start, end) in it.

    Words of one clause share one ``[[ ]]``; a break (",", "?", ...) closes it
    and is given as text, so espeak makes the clause's pause and intonation.
    """
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    length = 0
    open_group = False
    for i, raw in enumerate(words):
        word = sanitize_phonemes(raw)
        if word:
            piece = (" " if open_group else "[[") + word
            open_group = True
            starts.append(length + len(piece) - len(word))
            ends.append(length + len(piece))
            parts.append(piece)
            length += len(piece)
        else:
            starts.append(length)
            ends.append(length)  # nothing spoken: no event lands on it
        mark = breaks[i] if breaks is not None and i < len(breaks) else ""
        if mark in BREAKS and open_group:
            piece = "]]" + mark + " "
            open_group = False
            parts.append(piece)
            length += len(piece)
    if open_group:
        parts.append("]]")
    return "".join(parts).rstrip(), starts, ends


# ---------------------------------------------------------------- alignment

# Written characters that are never a word of their own, stripped from the
# ends of each whitespace-separated token (inside, "l'été" and "arc-en-ciel"
# keep theirs: espeak makes one word of them too).
_SILENT = set(".,;:!?…«»\"“”„‟'’‘`()[]{}—–-‐‑/\\|*·")
_LETTERS = re.compile(r"[^A-Za-z@~]")
_MIN_LIKENESS = 0.5
_MAX_SPLIT = 8  # one written word may be up to this many spoken ones ("1994")
_MAX_MERGE = 3  # up to this many written words may be one spoken one ("parce que")


def _silent(char: str) -> bool:
    return char in _SILENT or unicodedata.category(char) in ("Ps", "Pe", "Pi", "Pf", "Pd")


def text_words(text: str) -> list[tuple[int, int]]:
    """[start, end) of each written word: whitespace-separated, silent punctuation trimmed."""
    spans = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        while start < end and _silent(text[start]):
            start += 1
        while end > start and _silent(text[end - 1]):
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _pieces(raw: list[str]) -> list[str]:
    """espeak's words, a bare pause ("_:_:") joined to the word before it (or after)."""
    pieces: list[str] = []
    pending = ""
    for word in raw:
        if _LETTERS.sub("", word):
            pieces.append(pending + word)
            pending = ""
        elif pieces:
            pieces[-1] += word
        else:
            pending += word
    if pending and pieces:
        pieces[-1] += pending
    return pieces


def _likeness(a: str, b: str) -> float:
    a, b = _LETTERS.sub("", a), _LETTERS.sub("", b)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align_words(
    text: str, pieces: list[str], alone: Callable[[str], list[str]]
) -> list[PhonemeWord] | None:
    """Put espeak's words (``pieces``, in order) on the written words of ``text``.

    1. As many spoken as written words: one each (the usual case: espeak makes
       one word of "l'été", "c'est", "vingt-deux", "arc-en-ciel").
    2. Otherwise each written word is phonemised alone (``alone``) and the
       words are matched left to right: one written word to one or more
       spoken ones ("1994", "M."), or a few written words to one spoken word
       ("parce que" -> "parsk'@"), whichever sounds most alike; every match
       must be alike enough, and every spoken word used, or None.

    None too when espeak switches language inside the text ("(en)...(fr)"):
    those switches cannot be given back as phonemes.
    """
    spans = text_words(text)
    if not pieces or not spans or any("(" in p or ")" in p for p in pieces):
        return None
    if len(pieces) == len(spans):
        return [PhonemeWord(text[s:e], s, e, p) for (s, e), p in zip(spans, pieces, strict=True)]
    refs = [" ".join(alone(text[s:e])) for s, e in spans]
    words: list[PhonemeWord] = []
    i = j = 0
    while i < len(spans) and j < len(pieces):
        best, choice = -1.0, (1, 1)
        for m in range(1, min(_MAX_SPLIT, len(pieces) - j) + 1):
            score = _likeness(refs[i], " ".join(pieces[j : j + m]))
            if score > best:
                best, choice = score, (1, m)
        for k in range(2, min(_MAX_MERGE, len(spans) - i) + 1):
            score = _likeness(" ".join(refs[i : i + k]), pieces[j])
            if score > best:
                best, choice = score, (k, 1)
        if best < _MIN_LIKENESS:
            return None
        k, m = choice
        start, end = spans[i][0], spans[i + k - 1][1]
        words.append(PhonemeWord(text[start:end], start, end, " ".join(pieces[j : j + m])))
        i, j = i + k, j + m
    if i != len(spans) or j != len(pieces):
        return None
    return words
