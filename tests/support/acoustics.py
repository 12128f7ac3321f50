"""Measures read off synthesised PCM, for the accent tests and bench/speech.py.

:func:`frication_ms` counts how long a recording hisses: 5 ms frames loud
enough to be speech whose energy is mostly above 3.5 kHz ([s], [z], [ʃ], the
release of [ts] and [dz]); vowels, nasals and silence are not. Québécois
affrication turns the short burst of /t/ and /d/ before /i y/ into [ts dz],
so the same sentence hisses longer in fr-CA than in fr-FR, and the difference
divided by the number of such contexts is the frication each one gained.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lismoi.core.speech.accents.quebec import QuebecFrench
from lismoi.core.speech.phonemes import PhonemeWord

FRAME_MS = 5.0
HIGH_HZ = 3500.0
HIGH_SHARE = 0.5  # of a frame's energy above HIGH_HZ
LOUD = 0.02  # of the loudest frame's RMS: quieter frames are silence


def frication_ms(pcm: bytes | np.ndarray, sample_rate: int) -> float:
    """Milliseconds of frication in 16-bit mono PCM (or float samples)."""
    x = np.frombuffer(pcm, "<i2").astype(np.float64) if isinstance(pcm, bytes) else pcm
    n = int(sample_rate * FRAME_MS / 1000)
    if len(x) < n:
        return 0.0
    frames = x[: len(x) // n * n].reshape(-1, n)
    spectrum = np.abs(np.fft.rfft(frames * np.hanning(n), axis=1)) ** 2
    freqs = np.fft.rfftfreq(n, 1 / sample_rate)
    high = spectrum[:, freqs >= HIGH_HZ].sum(axis=1)
    total = spectrum.sum(axis=1) + 1e-12
    rms = np.sqrt((frames**2).mean(axis=1))
    if not rms.max():
        return 0.0
    hissing = (rms > LOUD * rms.max()) & (high / total > HIGH_SHARE)
    return float(hissing.sum() * FRAME_MS)


def affrications(words: Sequence[PhonemeWord]) -> int:
    """How many /t d/ of ``words`` the fr-CA affrication rule makes [ts dz]."""
    new = QuebecFrench(rules=("affrication",)).apply(words)

    def count(phonemes: str) -> int:
        return phonemes.count("ts") + phonemes.count("dz")

    return sum(count(n) - count(w.phonemes) for w, n in zip(words, new, strict=True))
