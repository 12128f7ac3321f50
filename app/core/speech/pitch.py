"""Fundamental frequency (F0) of speech PCM, estimated with numpy.

Used by the tests (a female profile must sound higher than the male one: we
measure, we don't trust a variant's name) and the bench. Frame-wise
autocorrelation, normalised, with a voicing threshold; good enough to tell
100 Hz from 200 Hz, not a phonetics tool.
"""

from __future__ import annotations

import numpy as np


def f0_track(
    pcm: bytes,
    sample_rate: int,
    *,
    fmin: float = 60.0,
    fmax: float = 450.0,
    frame_ms: float = 40.0,
    hop_ms: float = 10.0,
    voicing: float = 0.5,
) -> np.ndarray:
    """F0 in Hz of each voiced frame of 16-bit mono ``pcm`` (unvoiced frames left out)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    frame = int(sample_rate * frame_ms / 1000)
    hop = int(sample_rate * hop_ms / 1000)
    if samples.size < frame or frame == 0:
        return np.zeros(0)
    lag_min = max(1, int(sample_rate / fmax))
    lag_max = min(frame - 1, int(sample_rate / fmin))
    level = np.sqrt(np.mean(samples**2)) if samples.size else 0.0
    starts = np.arange(0, samples.size - frame, hop)
    frames = np.stack([samples[s : s + frame] for s in starts])
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = np.sqrt(np.mean(frames**2, axis=1))
    loud = energy > 0.3 * level  # skip silence and faint consonants
    frames = frames[loud]
    if frames.size == 0:
        return np.zeros(0)
    size = 1 << (2 * frame - 1).bit_length()
    spectrum = np.fft.rfft(frames * np.hanning(frame), n=size, axis=1)
    ac = np.fft.irfft(np.abs(spectrum) ** 2, n=size, axis=1)[:, : lag_max + 1]
    ac = ac / np.maximum(ac[:, :1], 1e-9)
    window = ac[:, lag_min : lag_max + 1]
    best = np.argmax(window, axis=1)
    strength = window[np.arange(window.shape[0]), best]
    lags = best + lag_min
    voiced = strength > voicing
    # Parabolic interpolation around the peak for sub-sample lag precision.
    idx = np.clip(lags, 1, lag_max - 1)
    rows = np.arange(ac.shape[0])
    a, b, c = ac[rows, idx - 1], ac[rows, idx], ac[rows, idx + 1]
    denom = a - 2 * b + c
    shift = np.where(np.abs(denom) > 1e-12, 0.5 * (a - c) / np.where(denom == 0, 1, denom), 0.0)
    f0 = sample_rate / (idx + np.clip(shift, -0.5, 0.5))
    return f0[voiced]


def median_f0(pcm: bytes, sample_rate: int) -> float:
    """Median F0 in Hz over the voiced frames; 0.0 if nothing is voiced."""
    track = f0_track(pcm, sample_rate)
    return float(np.median(track)) if track.size else 0.0


def rms_level(pcm: bytes) -> float:
    """Root-mean-square level of 16-bit ``pcm`` as a fraction of full scale."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples**2)) / 32768.0) if samples.size else 0.0
