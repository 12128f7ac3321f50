"""Speech benchmark: first-sentence latency, synthesis speed, and espeak-ng's own CLI.

    .venv/bin/python bench/speech.py [SOURCE] [--runs N]

On the sample article (default: resources/samples/ia-citations-anglais.html):
1. time from a request to the first sentence's PCM, on a warm worker
   (median and best over many requests);
2. whole-article synthesis, sentence by sentence as the player does it, as a
   multiple of real time (audio seconds per wall second);
3. the same text through `espeak-ng --stdout` (one run per voice), in the same
   run, and our time divided by its time.
Goals (issue 5): first PCM <= 30 ms, >= 100x real time, <= 1.3x the CLI.
4. fr-CA beside fr-FR on the French sample (prison-telephones.html): the same
   first-sentence and whole-article figures for the Québécois rules over the
   France voice, and the rule stage's own cost per sentence (issue 13: first
   PCM <= 30 ms, >= 100x real time in fr-CA too).
5. A Piper voice (the first one the engine finds, or --piper-voice ID;
   with the test extra, en_US-joe-medium) on the English sample's sentences:
   cold model load, the speech child's resident memory before and after the
   load, first audio after a request (warm), sustained speed as a multiple of
   real time; espeak-ng on the same sentences; and the piper-tts package's
   own speed on the same model and sentences in this process, paired run by
   run, with the ratio ours / piper-tts (issue 14: first audio <= 150 ms
   warm, sustained >= 0.9x piper-tts, <= 200 MB more RSS per loaded voice).
   piper-tts (GPL-3) is imported here only, never by the app.
The machine is shared: the best of several runs is the honest figure for
what the code costs; the median shows the noise.

    --only piper     just section 5 (--quick: fewer runs and requests)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lismoi.core.paths import SAMPLES_DIR  # noqa: E402
from lismoi.core.pipeline import read_article  # noqa: E402
from lismoi.core.reading import Reading, sentence_spans  # noqa: E402
from lismoi.core.speech.accents import get_accent  # noqa: E402
from lismoi.core.speech.normalize import prepare, prepare_text  # noqa: E402
from lismoi.core.speech.worker import SpeechWorker  # noqa: E402
from lismoi.core.voices import resolve  # noqa: E402
from tests.support.acoustics import affrications, frication_ms  # noqa: E402 - the tests' measures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(SAMPLES_DIR / "ia-citations-anglais.html"))
    parser.add_argument("--runs", type=int, default=5, help="whole-article runs (default 5)")
    parser.add_argument(
        "--first", type=int, default=50, help="first-sentence requests (default 50)"
    )
    parser.add_argument(
        "--only", choices=("espeak", "piper"), help="run only the espeak-ng or the Piper figures"
    )
    parser.add_argument("--piper-voice", help="the Piper voice id (default: the first found)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and requests")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.first = min(args.runs, 2), min(args.first, 10)
    if args.only != "piper":
        espeak_figures(args)
    if args.only != "espeak":
        from bench.speech_piper import piper_figures

        piper_figures(args.source, args.runs, args.first, args.piper_voice)
    return 0


def espeak_figures(args: argparse.Namespace) -> None:
    """Sections 1-4: espeak-ng, the CLI anchor, fr-CA beside fr-FR."""
    article = read_article(args.source)
    # What the export reads: the title, then every sentence, each in its block's voice
    # (the reading policy the Player and the export share).
    reading = Reading(article)
    title = article.title or ""
    plan = [  # (sentence, resolved voice)
        (title[a:b], reading.title_voice()) for a, b in sentence_spans(title, reading.main_lang)
    ]
    plan += [(reading.text(pos), reading.voice(pos.block)) for pos in reading.positions()]
    # Sections 1-4 measure espeak-ng: a profile a natural voice won is pinned back to it.
    plan = [(text, _espeak(voice)) for text, voice in plan]
    chars = sum(len(s) for s, _v in plan)
    print(f"source: {args.source}")
    print(
        f"{len(plan)} sentences, {chars} characters, voices: "
        + ", ".join(sorted({v.profile.id for _s, v in plan}))
    )

    with SpeechWorker() as worker:
        t0 = time.perf_counter()
        worker.start()
        print(f"worker cold start: {(time.perf_counter() - t0) * 1000:.0f} ms")
        first_text, first_voice = plan[0]
        worker.synthesize(first_text, first_voice)  # warm: voice loaded, caches hot
        latencies = []
        for _ in range(args.first):
            t0 = time.perf_counter()
            worker.synthesize(first_text, first_voice)
            latencies.append((time.perf_counter() - t0) * 1000)
        print(
            f"first sentence PCM (warm, {len(first_text)} chars): median "
            f"{statistics.median(latencies):.1f} ms, best {min(latencies):.1f} ms "
            f"over {args.first} (goal <= 30 ms)"
        )

        ours, cli, audio_s = [], [], 0.0
        by_voice: dict[tuple[str, str | None, int], list[str]] = {}
        for sentence, voice in plan:
            key = (voice.voice_id, voice.variant, voice.profile.rate_wpm)
            by_voice.setdefault(key, []).append(prepare_text(sentence, voice.profile.lang))
        for _run in range(args.runs):
            t0 = time.perf_counter()
            audio_ms = 0.0
            for sentence, voice in plan:
                audio_ms += worker.synthesize(sentence, voice).duration_ms
            ours.append(time.perf_counter() - t0)
            audio_s = audio_ms / 1000
            t0 = time.perf_counter()
            for (voice_id, variant, wpm), texts in by_voice.items():
                name = f"{voice_id}+{variant}" if variant else voice_id
                subprocess.run(
                    ["espeak-ng", "-v", name, "-s", str(wpm), "--stdout", "\n".join(texts)],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            cli.append(time.perf_counter() - t0)
    best, best_cli = min(ours), min(cli)
    print(f"whole article: {audio_s:.1f} s of audio")
    print(
        f"  ours (sentence by sentence): best {best * 1000:.0f} ms = {audio_s / best:.0f}x real "
        f"time, median {statistics.median(ours) * 1000:.0f} ms "
        f"= {audio_s / statistics.median(ours):.0f}x (goal >= 100x)"
    )
    print(
        f"  espeak-ng --stdout ({len(by_voice)} runs, one per voice): "
        f"best {best_cli * 1000:.0f} ms, "
        f"median {statistics.median(cli) * 1000:.0f} ms"
    )
    ratios = sorted(o / c for o, c in zip(ours, cli, strict=True))  # paired: same run
    print(
        f"  ratio ours / CLI, paired per run: median {statistics.median(ratios):.2f}, "
        f"range {ratios[0]:.2f}-{ratios[-1]:.2f}; best/best {best / best_cli:.2f} (goal <= 1.3)"
    )
    accent_figures(args.runs, args.first)


def _espeak(voice):
    """The same profile over espeak-ng (a Piper voice may have won it)."""
    return voice if voice.engine == "espeak" else resolve(f"{voice.profile.base_id}@espeak")


def accent_figures(runs: int, first: int) -> None:
    """fr-CA (Québécois rules over roa/fr) beside fr-FR, same sentences, same worker."""
    article = read_article(str(SAMPLES_DIR / "prison-telephones.html"))
    reading = Reading(article)
    sentences = [reading.text(pos) for pos in reading.positions()]
    voices = {p: _espeak(resolve(p)) for p in ("fr-FR-female", "fr-CA-female")}
    print(f"\nfr-CA beside fr-FR: {len(sentences)} sentences of the French sample")
    with SpeechWorker() as worker:
        worker.start()
        for profile, voice in voices.items():
            worker.synthesize(sentences[0], voice)  # warm
            latencies = []
            for _ in range(first):
                t0 = time.perf_counter()
                worker.synthesize(sentences[0], voice)
                latencies.append((time.perf_counter() - t0) * 1000)
            walls, audio_s = [], 0.0
            for _run in range(runs):
                t0 = time.perf_counter()
                audio_s = sum(worker.synthesize(t, voice).duration_ms for t in sentences) / 1000
                walls.append(time.perf_counter() - t0)
            print(
                f"  {profile}: first sentence PCM median {statistics.median(latencies):.1f} ms, "
                f"best {min(latencies):.1f} ms; whole article {audio_s:.1f} s of audio, "
                f"best {audio_s / min(walls):.0f}x real time, "
                f"median {audio_s / statistics.median(walls):.0f}x"
            )
        # The rule stage alone (the phonemes are the engine's, asked once).
        accent = get_accent("fr-CA")
        fr = voices["fr-FR-female"]
        spoken = [prepare(t, "fr").text for t in sentences]
        words = [w for t in spoken if (w := worker.phonemize(t, fr.voice_id, fr.variant))]
        t0 = time.perf_counter()
        for _ in range(20):
            for w in words:
                accent.apply(w)
        per_sentence = (time.perf_counter() - t0) / (20 * len(words)) * 1000
        t0 = time.perf_counter()
        for t in spoken[:20]:
            worker.phonemize(t, fr.voice_id, fr.variant)
        phonemize_ms = (time.perf_counter() - t0) / min(20, len(sentences)) * 1000
        # Frication gained per /t d/ made [ts dz] (issue 13's goal: >= 30 ms).
        contexts = sum(affrications(w) for w in words)
        gained = 0.0
        for text in sentences:
            a = worker.synthesize(text, voices["fr-CA-female"])
            b = worker.synthesize(text, fr)
            gained += frication_ms(a.pcm, a.sample_rate) - frication_ms(b.pcm, b.sample_rate)
        print(
            f"  frication: +{gained:.0f} ms over {contexts} /t d/ before /i y j/ = "
            f"{gained / max(contexts, 1):.1f} ms per context (goal >= 30 ms)"
        )
        print(
            f"  rule stage: {per_sentence:.2f} ms per sentence; phonemize round trip "
            f"{phonemize_ms:.2f} ms per sentence ({len(words)} of {len(sentences)} sentences "
            "aligned word by word)"
        )


if __name__ == "__main__":
    sys.exit(main())
