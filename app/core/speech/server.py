"""The speech engine, as it runs INSIDE the worker process (never import elsewhere).

One pyttsx3 engine per process (espeak-ng can be initialised only once per
process). On Linux we let pyttsx3 initialise libespeak-ng and build its voice
list, then drive the library through pyttsx3's own ctypes bindings
(``pyttsx3.drivers._espeak``) with our callback and ``espeak_Synchronize``:
pyttsx3's ``save_to_file`` polls every 10 ms, prints "Audio saved to" on
stdout, drops the event audio positions and writes a hard-coded 22,050 Hz
header. This way we get the PCM in memory, the sample rate the library really
uses (``espeak_ng_GetSampleRate``) and word events with their audio offsets,
and we switch espeak-ng to synchronous output (see EspeakEngine.__init__).

On Windows (SAPI5) and macOS (NSSS) the generic path is used: pyttsx3's
``save_to_file`` into a temporary file, read back with soundfile, which knows
the file's real rate.

The process is ``python -m lismoi.core.speech.server``; requests come on its
stdin and answers go to its stdout as length-prefixed pickles of tuples:
    ("voices",)                           -> ("ok", engine, [voice dicts], [variants], rate)
    ("synth", text, voice_id, variant, wpm, pitch, volume)
                                          -> ("ok", pcm, sample_rate, [(pos, len, ms)])
    ("ping",)                             -> ("ok",)
    ("quit",)                             -> (process exits)
Any failure answers ("error", "message").
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import struct
import sys
import tempfile
import threading
from typing import Any, BinaryIO

_ENOUTPUT_MODE_SYNCHRONOUS = 0x0001  # espeak_ng_OUTPUT_MODE in espeak-ng/espeak_ng.h


def _silence_stdout() -> None:
    """Send fd 1 to the null device: nothing the engine prints may reach our stdout."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError):
        os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do


class EspeakEngine:
    """libespeak-ng through pyttsx3's driver and ctypes bindings."""

    name = "espeak"

    def __init__(self) -> None:
        import pyttsx3
        from pyttsx3.drivers import _espeak

        self._es = _espeak
        self._engine = pyttsx3.init("espeak")  # initialises libespeak-ng once
        get_rate = getattr(_espeak.dll, "espeak_ng_GetSampleRate", None)
        self.sample_rate = int(get_rate()) if get_rate is not None else 22050
        self._chunks: list[bytes] = []
        self._words: list[tuple[int, int, int]] = []
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

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        es = self._es
        i = 0
        while True:
            event = events[i]
            if event.type == es.EVENT_LIST_TERMINATED:
                break
            if event.type == es.EVENT_WORD:
                self._words.append((event.text_position, event.length, event.audio_position))
            elif event.type == es.EVENT_MSG_TERMINATED:
                self._done.set()
            i += 1
        if numsamples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0  # 1 would abort the synthesis

    def voices(self) -> tuple[list[dict[str, Any]], list[str]]:
        voices = [
            {
                "id": v.id,
                "name": v.name,
                "languages": list(v.languages),
                "gender": (v.gender or "").lower() or None,
            }
            for v in self._engine.getProperty("voices")
        ]
        spec = self._es.VOICE()
        spec.languages = b"variant"
        variants = []
        for v in self._es.ListVoices(spec):
            ident = v.identifier.decode("utf-8", "replace")
            if ident.startswith("!v/"):
                variants.append(ident[3:])
        return voices, variants

    def synth(
        self, text: str, voice_id: str, variant: str | None, wpm: int, pitch: int, volume: float
    ) -> tuple[bytes, int, list[tuple[int, int, float]]]:
        es = self._es
        name = f"{voice_id}+{variant}" if variant else voice_id
        if name != self._voice:
            if es.SetVoiceByName(name.encode("utf-8")) != 0:
                raise RuntimeError(f"espeak-ng has no voice {name!r}")
            self._voice = name
            # A voice may bring its own rate (mbrola): read it back each time.
            self.sample_rate = int(es.dll.espeak_ng_GetSampleRate())
        es.SetParameter(es.RATE, int(wpm), 0)
        es.SetParameter(es.PITCH, max(0, min(99, int(pitch))), 0)
        es.SetParameter(es.VOLUME, max(0, min(200, int(round(volume * 100)))), 0)
        self._chunks, self._words = [], []
        self._done.clear()
        # No SSML and no PHONEMES flag: "<audio ...>" and "[[...]]" are plain text.
        es.Synth(text.encode("utf-8"), flags=es.ENDPAUSE | es.CHARS_UTF8)
        if not self._synchronous:
            self._done.wait()  # set by the callback at EVENT_MSG_TERMINATED
        words = [(pos, length, float(ms)) for pos, length, ms in self._words]
        return b"".join(self._chunks), self.sample_rate, words


class GenericEngine:
    """SAPI5 / NSSS through pyttsx3's save_to_file (no audio offsets for words)."""

    def __init__(self) -> None:
        import pyttsx3

        self._engine = pyttsx3.init()
        self.name = "sapi5" if sys.platform.startswith("win") else "nsss"
        self.sample_rate = 22050
        self._words: list[tuple[int, int, float]] = []
        self._engine.connect("started-word", self._on_word)

    def _on_word(self, name: str, location: int, length: int) -> None:
        self._words.append((location + 1, length, -1.0))

    def voices(self) -> tuple[list[dict[str, Any]], list[str]]:
        voices = []
        for v in self._engine.getProperty("voices"):
            voices.append(
                {
                    "id": v.id,
                    "name": v.name or v.id,
                    "languages": [str(x) for x in (v.languages or [])],
                    "gender": (str(v.gender or "")).lower() or None,
                }
            )
        return voices, []

    def synth(
        self, text: str, voice_id: str, variant: str | None, wpm: int, pitch: int, volume: float
    ) -> tuple[bytes, int, list[tuple[int, int, float]]]:
        import numpy as np
        import soundfile

        self._engine.setProperty("voice", voice_id)
        self._engine.setProperty("rate", int(wpm))
        self._engine.setProperty("volume", max(0.0, min(1.0, volume)))
        self._words = []
        suffix = ".aiff" if self.name == "nsss" else ".wav"
        fd, path = tempfile.mkstemp(suffix=suffix)
        os.close(fd)
        try:
            self._engine.save_to_file(text, path)
            self._engine.runAndWait()
            data, rate = soundfile.read(path, dtype="int16", always_2d=True)
        finally:
            with contextlib.suppress(OSError):
                os.remove(path)
        mono = data.mean(axis=1).astype(np.int16) if data.shape[1] > 1 else data[:, 0]
        return mono.astype("<i2").tobytes(), int(rate), list(self._words)


def make_engine() -> EspeakEngine | GenericEngine:
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return GenericEngine()
    return EspeakEngine()


class _Channel:
    """Length-prefixed pickles over a pair of binary pipes (our stdin/stdout)."""

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


def serve(channel: _Channel) -> None:
    """The worker process's main loop: answer requests until "quit" or EOF."""
    try:
        engine = make_engine()
    except Exception as exc:  # the parent reports it as a SpeechError
        channel.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    channel.send(("ready", engine.name, engine.sample_rate, os.getpid()))
    while True:
        try:
            request = channel.recv()
        except (EOFError, OSError):
            return
        kind = request[0]
        try:
            if kind == "quit":
                return
            if kind == "ping":
                channel.send(("ok",))
            elif kind == "voices":
                voices, variants = engine.voices()
                channel.send(("ok", engine.name, voices, variants, engine.sample_rate))
            elif kind == "synth":
                _, text, voice_id, variant, wpm, pitch, volume = request
                pcm, rate, words = engine.synth(text, voice_id, variant, wpm, pitch, volume)
                channel.send(("ok", pcm, rate, words))
            else:
                channel.send(("error", f"unknown request {kind!r}"))
        except (EOFError, OSError):
            return
        except Exception as exc:
            try:
                channel.send(("error", f"{type(exc).__name__}: {exc}"))
            except OSError:
                return


def main() -> None:
    """Entry point of ``python -m lismoi.core.speech.server`` (started by SpeechWorker)."""
    # The protocol owns the real stdout; fd 1 then goes to the null device so
    # nothing the engine prints ("Audio saved to ...", C-level chatter) can
    # corrupt it or reach the user's terminal.
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    _silence_stdout()
    serve(_Channel(sys.stdin.buffer, protocol_out))


if __name__ == "__main__":
    main()
