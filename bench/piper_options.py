"""onnxruntime's memory options for a Piper voice: speed against resident memory.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/piper_options.py

Each configuration runs in its own process (memory is per process): the
first Piper voice found (joe from the test extra) speaks 6 sentences 3 times
through our engine in-process; printed: real-time multiple, RSS before the
load, after the warm-up sentence, after all, and the peak. "current" is what
the engine uses (app/core/speech/engines/piper_model.py).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

MODES = ("current", "noarena", "noarena_pattern", "default")
SENTENCES = (
    "The quick brown fox jumps over the lazy dog, then it runs into the forest and hides there.",
    "Hello there.",
    "It costs three dollars, he said; then nothing happened for a very long while after that.",
    "Scientists have found that listening to articles while commuting improves how much people "
    "remember of them.",
    "Short one.",
    "A much longer sentence follows here, with several clauses, commas, and a final thought "
    "that goes on and on before it ends.",
)


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return -1


def run(mode: str) -> None:
    import onnxruntime as ort

    from lismoi.core.speech.engines import piper_model
    from lismoi.core.speech.engines.piper import PiperEngine
    from lismoi.core.speech.engines.piper_voices import discover

    current_session, current_run = piper_model.session_options, piper_model.run_options

    def session(threads=None):
        if mode == "current":
            return current_session(threads)
        options = current_session(threads)
        options.enable_mem_pattern = mode in ("default", "noarena_pattern")
        options.enable_cpu_mem_arena = mode == "default"
        return options

    def run_options():
        return current_run() if mode == "current" else ort.RunOptions()

    piper_model.session_options, piper_model.run_options = session, run_options
    voice = discover()[0]
    engine = PiperEngine()
    before = rss_mb()
    engine.synthesize("Warm up.", voice.id)
    loaded = rss_mb()
    audio_s, started = 0.0, time.perf_counter()
    for _ in range(3):
        for text in SENTENCES:
            out = engine.synthesize(text, voice.id)
            audio_s += len(out.pcm) / 2 / out.sample_rate
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{mode:16s} {audio_s / elapsed:5.1f}x real time   RSS {before} -> {loaded} -> "
          f"{rss_mb()} MB (peak {peak} MB)", flush=True)


def main() -> int:
    if len(sys.argv) > 1:
        run(sys.argv[1])
        return 0
    print(f"{voice_note()}; 6 sentences x 3, 2 intra-op threads")
    for mode in MODES:
        subprocess.run([sys.executable, __file__, mode], check=True)
    return 0


def voice_note() -> str:
    from lismoi.core.speech.engines.piper_voices import discover

    voices = discover()
    return f"Piper voice {voices[0].id}" if voices else "no Piper voice found"


if __name__ == "__main__":
    sys.exit(main())
