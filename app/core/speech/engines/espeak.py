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
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from lismoi.core.speech.engines.base import EngineAudio, EngineVoices, InstalledVoice, WordEvent

_ENOUTPUT_MODE_SYNCHRONOUS = 0x0001  # espeak_ng_OUTPUT_MODE in espeak-ng/espeak_ng.h


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
        return EngineAudio(b"".join(self._chunks), self.sample_rate, tuple(self._words))
