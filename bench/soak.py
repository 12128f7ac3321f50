"""Soak: Play all over a long article at top speed with random pause, resume, seeks and voices.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--minutes 10] [--seed N]

The real Player plays a long article (the bundled samples, repeated) at rate
3.0 into a PulseAudio null sink. Every 0.2-2 s a random action: pause,
resume, next/previous block or sentence, a voice change for French, or a
rate change. After each seek the next sentence heard must be the one the
seek asked for; at the end the last paragraphs are played through and the
final position must be the last sentence of the last block, with
``finished`` emitted. It prints the actions done, errors, seek mismatches,
the memory of this process and of the speech worker at the start and the
end, and whether the final position is right. Exit status 1 on any error.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from lismoi.core.article import Article, Block  # noqa: E402
from lismoi.core.paths import SAMPLES_DIR  # noqa: E402
from lismoi.core.pipeline import read_article  # noqa: E402
from lismoi.core.reading import Reading  # noqa: E402
from lismoi.qt.player import Player  # noqa: E402
from tests.support import pulse  # noqa: E402 - the tests' null sink, reused rather than copied

VOICES = ("fr-FR-female", "fr-FR-male", "fr-CA-female", "fr-CA-male")
ACTIONS = ("pause", "resume", "next_block", "previous_block", "next_sentence",
           "previous_sentence", "voice", "rate")


def rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def long_article(paragraphs: int) -> Article:
    blocks: list[Block] = []
    for name in ("prison-telephones.html", "ia-citations-anglais.html"):
        article = read_article(str(SAMPLES_DIR / name))
        blocks += [Block(kind=b.kind, text=b.text, level=b.level, lang=b.lang)
                   for b in article.blocks if b.text.strip()]
    out = list(blocks)
    while len(out) < paragraphs:
        out += [Block(kind=b.kind, text=b.text, level=b.level, lang=b.lang) for b in blocks]
    return Article(title="soak", blocks=out[:paragraphs], locale="fr-FR")


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


class Soak:
    def __init__(self, player: Player, article: Article, rng: random.Random) -> None:
        self.player, self.article, self.rng = player, article, rng
        # The sentences the Player reads: the shared reading policy's.
        reading = Reading(article)
        self.spans = [reading.spans(b) for b in range(reading.block_count)]
        self.actions: dict[str, int] = dict.fromkeys(ACTIONS, 0)
        self.errors: list[str] = []
        self.heard: tuple[int, int, int] | None = None  # block, start, end
        self.expected: tuple[int, int] | None = None  # (block, sentence start) after a seek
        self.checked = self.mismatches = 0
        self.finished = False
        player.errorOccurred.connect(self.errors.append)
        player.sentenceStarted.connect(self.on_sentence)
        player.finished.connect(self.on_finished)

    def on_finished(self) -> None:
        self.finished = True

    def on_sentence(self, block: int, start: int, end: int) -> None:
        self.heard = (block, start, end)
        if self.expected is not None:
            self.checked += 1
            if self.expected != (block, start):
                self.mismatches += 1
                print(f"  seek mismatch: expected {self.expected}, heard {(block, start)}")
            self.expected = None

    def _index(self, block: int, start: int) -> int:
        for i, (s, _e) in enumerate(self.spans[block]):
            if s == start:
                return i
        return 0

    def target(self, action: str) -> tuple[int, int] | None:
        """Where a seek should land, from what is heard now (None: no move)."""
        if self.heard is None:
            return None
        b, start, _end = self.heard
        i = self._index(b, start)
        last = len(self.article.blocks) - 1
        if action == "next_block":
            return (b + 1, self.spans[b + 1][0][0]) if b < last else None
        if action == "previous_block":
            return (b - 1, self.spans[b - 1][0][0]) if b > 0 else None
        if action == "next_sentence":
            if i + 1 < len(self.spans[b]):
                return (b, self.spans[b][i + 1][0])
            return (b + 1, self.spans[b + 1][0][0]) if b < last else None
        if action == "previous_sentence":
            if i > 0:
                return (b, self.spans[b][i - 1][0])
            return (b - 1, self.spans[b - 1][-1][0]) if b > 0 else None
        return None

    def act(self) -> None:
        p = self.player
        action = self.rng.choice(ACTIONS)
        self.actions[action] += 1
        if action == "pause":
            p.pause()
        elif action == "resume":
            p.resume()
        elif action == "voice":
            p.set_voice("fr", self.rng.choice(VOICES))
        elif action == "rate":
            p.set_rate(self.rng.choice((2.0, 2.5, 3.0)))
        else:
            # Compare with what the player itself says it is on, not a stale signal.
            now = self._now()
            if now is not None:
                self.heard = now
                self.expected = self.target(action)
            elif action.endswith("_block") and self.heard is not None:
                # Paused after a seek: only the block is known (the cursor's).
                b = p.current_block
                self.heard = (b, self.spans[b][0][0], self.spans[b][0][1])
                self.expected = self.target(action)
            else:
                self.expected = None
            getattr(p, action)()
        if p.state == "stopped" and not self.finished:
            p.play_all(0)  # reached the end early (next_block at the end): start over
        elif self.finished:
            self.finished = False
            p.play_all(0)

    def _now(self) -> tuple[int, int, int] | None:
        span = self.player.current_sentence
        if span is None:
            return None
        return (self.player.current_block, span[0], span[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--paragraphs", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    app = QCoreApplication(sys.argv)  # noqa: F841 - the event loop
    rng = random.Random(args.seed)
    with pulse.pulse_null_sink() as sink:
        player = Player(device=sink.qt_device())
        article = long_article(args.paragraphs)
        soak = Soak(player, article, rng)
        player.set_article(article)
        player.set_rate(3.0)
        player.play_all(0)
        run_for(5.0)  # warm: engine started, first sentences cached
        start_rss, start_worker = rss_mb(), rss_mb(player.worker.pid or 0)
        deadline = time.monotonic() + args.minutes * 60
        while time.monotonic() < deadline:
            soak.act()
            run_for(rng.uniform(0.2, 2.0))
            if player.state == "paused" and rng.random() < 0.7:
                player.resume()
        mid_rss, mid_worker = rss_mb(), rss_mb(player.worker.pid or 0)
        # The end: play the last two paragraphs through; where does it stop?
        soak.finished = False
        soak.expected = None
        last = len(article.blocks) - 1
        player.set_rate(3.0)
        player.play_all(last - 1)
        end = time.monotonic() + 180
        while not soak.finished and time.monotonic() < end:
            run_for(0.2)
        final_ok = (
            soak.finished
            and soak.heard is not None
            and soak.heard[0] == last
            and soak.heard[1] == soak.spans[last][-1][0]
            and player.state == "stopped"
        )
        restarts = player.worker.restarts
        player.close()
    done = sum(soak.actions.values())
    print(f"Lis-moi soak: {args.minutes:g} min, {len(article.blocks)} paragraphs, rate 2-3x")
    print(f"  actions: {done} (" + ", ".join(f"{k} {v}" for k, v in soak.actions.items()) + ")")
    print(f"  seeks checked: {soak.checked}, landed elsewhere: {soak.mismatches}")
    print(f"  errors: {len(soak.errors)}" + (f" (first: {soak.errors[0]})" if soak.errors else ""))
    print(f"  speech worker restarts: {restarts}")
    print(f"  memory of this process: {start_rss:.0f} MB after warm-up -> {mid_rss:.0f} MB "
          f"({mid_rss - start_rss:+.0f} MB)")
    print(f"  memory of the speech worker: {start_worker:.0f} MB -> {mid_worker:.0f} MB "
          f"({mid_worker - start_worker:+.0f} MB)")
    print(f"  final position right (last sentence of the last paragraph, finished): {final_ok}")
    return 0 if final_ok and not soak.errors and not soak.mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
