"""The speech worker's wire: length-prefixed pickles over a pair of pipes.

The worker process (:mod:`lismoi.core.speech.server`) reads requests on its
stdin and writes answers on its stdout; each message is a tuple, pickled and
preceded by its length (4 bytes, little-endian):

    (process start)                       -> ("ready", engine, sample_rate, pid, takes_phonemes)
    ("voices",)                           -> ("ok", engine, [voice dicts], [variants], rate)
    ("synth", text, voice_id, variant, wpm, pitch, volume)
                                          -> ("ok", pcm, sample_rate, [(pos, len, ms)])
    ("phonemize", text, voice_id, variant)
                                          -> ("ok", [(word, start, end, phonemes)] or None)
    ("synth_phonemes", [phonemes], voice_id, variant, wpm, pitch, volume[, [breaks]])
                                          -> ("ok", pcm, sample_rate, [(word_index, ms)])
    ("load", voice_id)                    -> ("ok",)  (a Piper model loaded now)
    ("ping",)                             -> ("ok",)
    ("quit",)                             -> (process exits)

"synth" speaks text as text: "[[...]]" in it is never read as phonemes.
"phonemize" gives each word of ``text`` with its [start, end) in ``text`` and
its phonemes (espeak-ng mnemonics), or None when the engine takes no phonemes
or could not put its words on the text's: the caller then uses "synth".
"synth_phonemes" speaks one phoneme string per word (brackets are removed
from them, so none can end the phoneme text), ``breaks[i]`` the punctuation
after word i ("," "." "?" "!" ";" ":" or ""); word events give the index of
the word heard.

"load" loads a voice ahead of its first sentence (engines with nothing to
load answer at once). Any failure answers ("error", "message"): our own
errors (a broken voice file) as their sentence, anything else with its type.
Only plain tuples, lists, dicts, strings, numbers and bytes cross it: both
ends are our own code, and the parent never needs an engine module to read
an answer.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any, BinaryIO


class Channel:
    """One end of the wire: messages in from ``reader``, out to ``writer``."""

    def __init__(self, reader: BinaryIO, writer: BinaryIO) -> None:
        self._reader, self._writer = reader, writer

    def send(self, message: tuple[Any, ...]) -> None:
        write_frame(self._writer, message)

    def recv(self) -> tuple[Any, ...]:
        message = read_frame(self._reader)
        if message is None:
            raise EOFError
        return message


def write_frame(stream: BinaryIO, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<I", len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> Any:
    """One message, or None at end of stream."""
    head = _read_exactly(stream, 4)
    if head is None:
        return None
    data = _read_exactly(stream, struct.unpack("<I", head)[0])
    return None if data is None else pickle.loads(data)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, remaining = [], size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
