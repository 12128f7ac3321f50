"""The system's own voices through pyttsx3: SAPI5 on Windows, NSSS on macOS.

pyttsx3's ``save_to_file`` writes a temporary file, read back with soundfile,
which knows the file's real rate. These drivers give word events without
audio offsets (``audio_ms`` -1.0), so the player cannot mark words on them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from lismoi.core.speech.engines.base import EngineAudio, EngineVoices, InstalledVoice, WordEvent


class SystemEngine:
    """SAPI5 / NSSS through pyttsx3's save_to_file (no audio offsets for words).

    Neither takes phonemes through pyttsx3 (SAPI's phoneme markup is SSML-like
    XML, NSSS's its own embedded commands): ``takes_phonemes`` is False.
    """

    takes_phonemes = False

    def __init__(self, driver: str) -> None:
        import pyttsx3

        self._engine = pyttsx3.init(driver)
        self.name = driver
        self.sample_rate = 22050
        self._words: list[WordEvent] = []
        self._engine.connect("started-word", self._on_word)

    def _on_word(self, name: str, location: int, length: int) -> None:
        # pyttsx3 counts from 0; the interface counts from 1, as espeak-ng does.
        self._words.append(WordEvent(location + 1, length, -1.0))

    def voices(self) -> EngineVoices:
        voices = tuple(
            InstalledVoice(
                id=v.id,
                name=v.name or v.id,
                languages=tuple(str(x) for x in (v.languages or [])),
                gender=(str(v.gender or "")).lower() or None,
            )
            for v in self._engine.getProperty("voices")
        )
        return EngineVoices(engine=self.name, voices=voices)

    def synthesize(
        self,
        text: str,
        voice_id: str,
        *,
        variant: str | None = None,  # espeak-only: ignored
        wpm: int = 175,
        pitch: int = 50,  # pyttsx3 has no pitch for these drivers
        volume: float = 1.0,
    ) -> EngineAudio:
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
        return EngineAudio(mono.astype("<i2").tobytes(), int(rate), tuple(self._words))
