"""The F0 estimator on signals whose pitch we know."""

from __future__ import annotations

import numpy as np

from lismoi.core.speech.pitch import median_f0, rms_level


def tone(freq: float, rate: int = 22050, seconds: float = 1.0) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    # A buzzy voice-like tone: harmonics falling off, so the fundamental must be found.
    wave = sum(np.sin(2 * np.pi * freq * k * t) / k for k in range(1, 6))
    return (wave / np.max(np.abs(wave)) * 12000).astype("<i2").tobytes()


def test_known_pitches():
    for freq in (90.0, 120.0, 200.0, 260.0):
        assert abs(median_f0(tone(freq), 22050) - freq) < freq * 0.03


def test_silence_has_no_pitch():
    assert median_f0(b"\0\0" * 22050, 22050) == 0.0
    assert median_f0(b"", 22050) == 0.0
    assert rms_level(b"") == 0.0
