"""End-to-end tests of the Player: real espeak-ng, real QAudioSink, a PulseAudio null sink.

What comes out is recorded from the sink's monitor with ``parec``. The null
sink passes samples through untouched at volume 1, so the recording holds
the synthesised PCM exactly, with zeros wherever nothing played (a pause, an
underrun). Removing the zeros from both therefore compares "everything that
was synthesised, in order, once" with "everything that was heard".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from lismoi.core.article import Article, Block
from lismoi.core.errors import SpeechError
from lismoi.core.paths import SAMPLES_DIR
from lismoi.core.pipeline import read_article
from lismoi.core.speech.worker import SpeechWorker
from lismoi.qt.player import Player

pytestmark = pytest.mark.engine  # every Player test has a real speech worker

RATE = 22050  # the test sink's rate (conftest.RATE), espeak-ng's own

TIMEOUT = 60_000  # ms; generous, the machine is shared


class Log:
    """Every signal of a Player, in order, with the time it came."""

    def __init__(self, player: Player) -> None:
        self.events: list[tuple[str, tuple, float]] = []
        self.segments: list = []
        for name in (
            "stateChanged",
            "blockStarted",
            "sentenceStarted",
            "wordStarted",
            "finished",
            "errorOccurred",
        ):
            getattr(player, name).connect(lambda *args, n=name: self._add(n, args))
        player.audio.segmentQueued.connect(self._segment)

    def _add(self, name: str, args: tuple) -> None:
        self.events.append((name, args, time.monotonic()))

    def _segment(self, segment) -> None:
        # A rate or voice change takes queued segments back and queues new ones at
        # the same place on the timeline: the newest one at a place is the one heard.
        self.segments = [s for s in self.segments if s.start < segment.start or not s.pcm]
        self.segments.append(segment)

    def of(self, name: str) -> list[tuple]:
        return [args for n, args, _t in self.events if n == name]

    def pcm(self) -> np.ndarray:
        """The synthesised stream, in timeline order (what should be heard)."""
        ordered = sorted(self.segments, key=lambda s: s.start)
        return np.frombuffer(b"".join(s.pcm for s in ordered), dtype="<i2")


def sample_article(blocks: int) -> Article:
    article = read_article(str(SAMPLES_DIR / "prison-telephones.html"))
    article.blocks = article.blocks[:blocks]
    return article


def text_article(*paragraphs: str) -> Article:
    blocks = [Block("paragraph", text, lang="fr-FR") for text in paragraphs]
    return Article(title="Essai", blocks=blocks, locale="fr-FR")


def sentences_of(player: Player, article: Article) -> list[tuple[int, int, int]]:
    return [(b, s, e) for b in range(len(article.blocks)) for s, e in player.reading.spans(b)]


def nonzero(samples: np.ndarray) -> np.ndarray:
    return samples[samples != 0]


def assert_heard_once(rec, synthesised: np.ndarray, pauses: int = 0) -> None:
    """What was heard is what was synthesised, in order, nothing lost or added.

    Zeros are dropped from both (silence, pauses, underruns). A pause may
    repeat or drop up to 10 ms of sound twice (PulseAudio's rewind at cork and
    uncork, recorded by the monitor; measured 1-2 ms), and a CPU-starved
    moment on this shared machine may do so too: two such glitches are
    allowed beyond the pauses'. Anything more, or longer, fails.
    """
    allowed = 2 * pauses + 2
    r, s, glitches = rec.match(synthesised, max_glitches=allowed + 1)
    recorded = rec.samples()
    assert len(s) > 0
    assert len(glitches) <= allowed, f"glitches (sample, repeated/-dropped): {glitches}"
    heard, said = recorded[r], synthesised[s]
    assert np.array_equal(heard, said), (
        f"heard {len(heard)} samples, synthesised {len(said)}; glitches {glitches}"
    )


def longest_zero_run(samples: np.ndarray) -> tuple[int, int]:
    """(start, length) of the longest run of zero samples."""
    is_zero = np.concatenate(([0], (samples == 0).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(is_zero))
    starts, ends = edges[::2], edges[1::2]
    if not len(starts):
        return 0, 0
    k = int(np.argmax(ends - starts))
    return int(starts[k]), int(ends[k] - starts[k])


@pytest.fixture(scope="module")
def worker():
    w = SpeechWorker()
    w.start()
    yield w
    w.close()


@pytest.fixture
def player(qtbot, pulse_sink, worker: SpeechWorker):
    p = Player(worker=worker, device=pulse_sink.qt_device())
    yield p
    p.close()


def test_two_paragraphs_play_whole_pause_and_resume(qtbot, pulse_sink, player):
    article = sample_article(2)
    player.set_article(article)
    player.set_rate(2.0)  # halves the test's time; the path is the same
    log = Log(player)
    expected = sentences_of(player, article)
    second = expected[1]

    with pulse_sink.record() as rec:
        with qtbot.waitSignal(
            player.wordStarted,
            timeout=TIMEOUT,
            check_params_cb=lambda b, s, e: (
                b == second[0]
                and s >= second[1]
                and len(
                    [a for a in log.of("wordStarted") if a[0] == second[0] and a[1] >= second[1]]
                )
                >= 3
            ),
        ):
            player.play_all()
        player.pause()
        t_pause = time.monotonic()
        assert player.state == "paused"
        assert player.current_sentence == (second[1], second[2])
        words_at_pause = len(log.of("wordStarted"))

        with qtbot.waitSignal(player.stateChanged, timeout=TIMEOUT):
            QTimer.singleShot(1500, player.resume)
        t_resume = time.monotonic()
        # Nothing was announced as heard while paused.
        assert len(log.of("wordStarted")) == words_at_pause
        with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
            pass
    recorded, synthesised = rec.samples(), log.pcm()

    # Everything synthesised came out, once, in order: the same non-zero samples.
    assert len(nonzero(synthesised)) > RATE  # over a second of speech
    assert_heard_once(rec, synthesised, pauses=1)

    # The pause is silence for its whole span (the longest after the first sound:
    # before it, the engines may still be starting, Piper's included)...
    first_sound = int(np.flatnonzero(recorded)[0])
    start, length = longest_zero_run(recorded[first_sound:])
    start += first_sound
    pause_s = t_resume - t_pause
    assert length >= (pause_s - 0.1) * RATE
    quiet_from, quiet_to = rec.sample_at(t_pause + 0.1), rec.sample_at(t_resume - 0.05)
    assert quiet_to - quiet_from > RATE  # the window was really recorded
    assert not np.any(recorded[quiet_from:quiet_to])
    # ...resuming went on from the very sample where it stopped (the non-zero
    # samples are equal, above), and without the pause the sound lasts as long
    # as the synthesised PCM (within 10%; the sentence's own silence at the pause
    # point merges with the pause).
    heard, synth = np.flatnonzero(recorded), np.flatnonzero(synthesised)
    heard_s = (heard[-1] - heard[0] - length) / RATE
    synth_s = (synth[-1] - synth[0]) / RATE
    assert abs(heard_s - synth_s) <= 0.1 * synth_s
    assert heard[0] < start < heard[-1]  # the silence is inside the speech

    # Signals: states, blocks, every sentence once in order, words inside their sentence.
    assert log.of("stateChanged") == [("playing",), ("paused",), ("playing",), ("stopped",)]
    assert log.of("blockStarted") == [(0,), (1,)]
    assert log.of("sentenceStarted") == expected
    assert len(log.of("finished")) == 1
    assert not log.of("errorOccurred")
    current, current_block = None, None
    for name, args, _t in log.events:
        if name == "blockStarted":
            current_block = args[0]
        elif name == "sentenceStarted":
            assert args[0] == current_block
            current = args
        elif name == "wordStarted":
            assert current is not None and args[0] == current[0]
            assert current[1] <= args[1] <= args[2] <= current[2]
    assert len(log.of("wordStarted")) > 20


def test_stop_silences_and_forgets_the_queue(qtbot, pulse_sink, player):
    article = text_article(
        "Première phrase assez longue pour que l'arrêt tombe au milieu. Deuxième phrase. "
        "Troisième phrase qui ne doit jamais être entendue.",
        "Un autre paragraphe, lu après l'arrêt.",
    )
    player.set_article(article)
    log = Log(player)
    with pulse_sink.record() as rec:
        with qtbot.waitSignal(
            player.wordStarted,
            timeout=TIMEOUT,
            check_params_cb=lambda b, s, e: len(log.of("wordStarted")) >= 3,
        ):
            player.play_block(0)
        with qtbot.waitSignal(player.stateChanged, timeout=TIMEOUT):
            player.stop()
        assert player.state == "stopped"
        first = log.pcm()
        sentences_before = len(log.of("sentenceStarted"))
        log.segments.clear()
        with qtbot.waitSignal(
            player.stateChanged, timeout=TIMEOUT, check_params_cb=lambda s: s == "stopped"
        ):
            player.play_block(1)
    recorded, second = rec.samples(), log.pcm()
    heard = nonzero(recorded)
    tail = nonzero(second)
    # After the stop came only the other paragraph, whole...
    assert np.array_equal(heard[len(heard) - len(tail) :], tail)
    # ...and before it, only the beginning of the first: the queue was dropped.
    before = heard[: len(heard) - len(tail)]
    assert 0 < len(before) < len(nonzero(first))
    cut = max(len(before) - RATE // 100, 0)  # the stop may repeat or drop 10 ms (the rewind)
    assert np.array_equal(before[:cut], nonzero(first)[:cut])
    assert sentences_before == 1
    assert [a[0] for a in log.of("sentenceStarted")] == [0, 1]
    # play_block read one block: no "finished" (that is for play_all).
    assert not log.of("finished")


def test_next_and_previous_sentence_and_block(qtbot, player):
    article = text_article(
        "Un. Deux. Trois.",
        "Quatre. Cinq.",
        "Six. Sept.",
    )
    player.set_article(article)
    player.set_rate(1.5)
    spans = [player.reading.spans(b) for b in range(3)]

    def wait_sentence(block: int, index: int, action) -> None:
        s, e = spans[block][index]
        with qtbot.waitSignal(
            player.sentenceStarted,
            timeout=TIMEOUT,
            check_params_cb=lambda b, bs, be: (b, bs, be) == (block, s, e),
        ):
            action()
        assert player.current_block == block
        assert player.current_sentence == (s, e)

    wait_sentence(0, 0, player.play_all)
    wait_sentence(0, 1, player.next_sentence)
    wait_sentence(1, 0, player.next_block)
    wait_sentence(1, 1, player.next_sentence)
    wait_sentence(1, 0, player.previous_sentence)
    wait_sentence(0, 2, player.previous_sentence)  # back across a block boundary
    with qtbot.waitSignal(player.blockStarted, timeout=TIMEOUT, check_params_cb=lambda b: b == 1):
        player.next_block()
    with qtbot.waitSignal(player.blockStarted, timeout=TIMEOUT, check_params_cb=lambda b: b == 0):
        player.previous_block()
    # While paused, moving keeps it paused, at the new place.
    player.pause()
    player.next_block()
    assert player.state == "paused"
    wait_sentence(1, 0, player.resume)
    with qtbot.waitSignal(player.stateChanged, timeout=TIMEOUT):
        player.stop()
    # Stopped: moving only sets where the next play starts.
    player.next_block()
    assert player.current_block == 2 and player.state == "stopped"


def test_worker_killed_mid_article_goes_on_from_the_same_sentence(qtbot, pulse_sink):
    worker = SpeechWorker()
    player = Player(worker=worker, device=pulse_sink.qt_device())
    try:
        article = text_article(
            "Le premier paragraphe commence ici. Il continue encore un peu.",
            "Le deuxième paragraphe arrive. Il est là. Il passe.",
            "Le troisième paragraphe suit. Puis une autre phrase.",
            "Le quatrième et dernier paragraphe. Fin de l'essai.",
        )
        player.set_article(article)
        player.set_rate(2.0)
        log = Log(player)
        expected = sentences_of(player, article)
        with pulse_sink.record() as rec:
            with qtbot.waitSignal(
                player.sentenceStarted,
                timeout=TIMEOUT,
                check_params_cb=(lambda *a: len(log.of("sentenceStarted")) == 2),
            ):
                player.play_all()
            old_pid = worker.pid
            assert old_pid is not None
            os.kill(old_pid, signal.SIGKILL)
            with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
                pass
        assert worker.pid not in (None, old_pid)
        assert worker.restarts >= 1
        assert log.of("sentenceStarted") == expected  # none lost, none repeated
        assert not log.of("errorOccurred")
        assert_heard_once(rec, log.pcm())
    finally:
        player.close()
        worker.close()  # the Player closes only a worker it started itself


class CrashOnMarkWorker(SpeechWorker):
    """Fault injection (a real worker): its process dies on every attempt to speak
    a sentence containing MARK, as the engine would on input it cannot handle.
    We know of no real input that crashes espeak-ng on demand."""

    MARK = "§§"

    def __init__(self) -> None:
        super().__init__()
        self._poisoned = False

    def start(self) -> None:
        super().start()
        if self._poisoned and self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)

    def synthesize(self, text, voice, **kwargs):
        self._poisoned = self.MARK in text
        try:
            return super().synthesize(text, voice, **kwargs)
        finally:
            self._poisoned = False


def test_a_block_that_cannot_be_spoken_is_reported_and_skipped(qtbot, pulse_sink):
    worker = CrashOnMarkWorker()
    player = Player(worker=worker, device=pulse_sink.qt_device())
    try:
        article = text_article("Avant.", "Ceci §§ ne passe pas. Ni ceci.", "Après.")
        player.set_article(article)
        log = Log(player)
        with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
            player.play_all()
        assert [a[0] for a in log.of("sentenceStarted")] == [0, 2]
        errors = log.of("errorOccurred")
        assert len(errors) == 1 and "2" in errors[0][0]
        with pytest.raises(SpeechError):  # the failure was real, not invented by the test
            worker.synthesize(article.blocks[1].text, player.voice_for_block(1))
    finally:
        player.close()
        worker.close()


def test_rate_from_the_next_sentence_and_volume_at_once(qtbot, pulse_sink, player, worker):
    article = text_article(
        "Cette première phrase est lue à la vitesse normale du début à la fin. "
        "La deuxième phrase sera lue plus vite. La troisième aussi, et moins fort."
    )
    player.set_article(article)
    log = Log(player)
    with pulse_sink.record() as rec:
        with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT):
            player.play_all()
        player.set_rate(2.0)
        player.set_volume(0.5)
        with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
            pass
    by_sentence = {segment.tag: segment for segment in log.segments}
    voice = player.voice_for_block(0)
    text = article.blocks[0].text
    for index in (1, 2):
        s, e = player.reading.spans(0)[index]
        normal = worker.synthesize(text[s:e], voice, rate=1.0)
        assert by_sentence[(0, index)].frames < 0.75 * len(normal.pcm) // 2
    # Volume: everything heard after the change is half as loud as synthesised.
    recorded = rec.samples().astype(np.int64)
    offset = int(np.flatnonzero(recorded)[0]) - int(np.flatnonzero(log.pcm())[0])
    last = by_sentence[(0, 2)]
    pcm = np.frombuffer(last.pcm, dtype="<i2").astype(np.int64)
    heard = recorded[offset + last.start :][: len(pcm)]
    loud = np.abs(pcm) > 2000
    ratio = np.abs(heard[loud]).sum() / np.abs(pcm[loud]).sum()
    assert 0.4 < ratio < 0.6


def test_no_audio_device_is_a_clear_error_and_synthesis_still_works(tmp_path: Path):
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QCoreApplication
        from lismoi.core.article import Article, Block
        from lismoi.qt.player import Player
        app = QCoreApplication(sys.argv)
        player = Player()
        errors = []
        player.errorOccurred.connect(errors.append)
        player.set_article(Article(blocks=[Block("paragraph", "Bonjour.", lang="fr-FR")]))
        player.play_all()
        print("STATE", player.state)
        print("ERROR", errors[0] if errors else "")
        pcm = player.worker.synthesize("Bonjour.", player.voice_for_block(0)).pcm
        print("PCM", len(pcm))
        player.close()
        """
    )
    env = dict(os.environ)
    env["PULSE_SERVER"] = "unix:" + str(tmp_path / "no-such-server")  # no sound server here
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LANGUAGE"] = "en"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["STATE"] == "stopped"
    assert "No audio output device" in lines["ERROR"]
    assert "export" in lines["ERROR"]
    assert int(lines["PCM"]) > 1000  # export needs only the PCM, which still comes


def test_sentence_by_sentence_pauses_after_each_and_replay_repeats_it(
    qtbot, pulse_sink, player
) -> None:
    """A learner's mode: each sentence is heard whole, then silence until Space; R repeats."""
    article = text_article(
        "Le train part à huit heures. Il arrive à Lyon vers midi.",
        "Nous déjeunons au bord de la Saône.",
    )
    player.set_article(article)
    player.set_sentence_by_sentence(True)
    log = Log(player)
    # Every segment given to the sink, in order: a replay starts a new session,
    # whose timeline starts again, so Log.pcm() (one segment per place) would
    # keep only one of the two hearings of the first sentence.
    queued: list[bytes] = []
    player.audio.segmentQueued.connect(lambda segment: queued.append(segment.pcm))
    spans = sentences_of(player, article)
    assert len(spans) == 3
    with pulse_sink.record() as rec:
        with qtbot.waitSignal(
            player.stateChanged, timeout=TIMEOUT, check_params_cb=lambda s: s == "paused"
        ):
            player.play_all(0)
        assert log.of("sentenceStarted") == [spans[0]]
        first_pause = time.monotonic()
        # Paused at the boundary: nothing more comes out while the learner thinks.
        qtbot.wait(600)
        assert player.state == "paused" and log.of("sentenceStarted") == [spans[0]]
        # R: the same sentence again, then a pause again.
        with qtbot.waitSignal(
            player.stateChanged, timeout=TIMEOUT, check_params_cb=lambda s: s == "paused"
        ):
            player.replay_sentence()
        assert log.of("sentenceStarted") == [spans[0], spans[0]]
        # Space: on to the next sentence (same paragraph), then the next paragraph.
        with qtbot.waitSignal(
            player.stateChanged, timeout=TIMEOUT, check_params_cb=lambda s: s == "paused"
        ):
            player.resume()
        assert log.of("sentenceStarted")[-1] == spans[1]
        with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
            player.resume()
    assert log.of("sentenceStarted") == [spans[0], spans[0], spans[1], spans[2]]
    assert log.of("errorOccurred") == []
    # What came out: every sentence whole, the first one twice, in that order, and a
    # silence of at least the 0.6 s wait where the player waited at the first boundary.
    assert len(queued) == 4
    assert_heard_once(rec, np.frombuffer(b"".join(queued), dtype="<i2"), pauses=3)
    samples = rec.samples()
    # From 0.1 s after the pause (the sink's render-ahead and parec's chunking
    # blur the first few ms) to 0.5 s, well inside the 0.6 s wait.
    gap_at = rec.sample_at(first_pause)
    after = samples[gap_at + int(0.1 * RATE) : gap_at + int(0.5 * RATE)]
    assert len(after) == int(0.4 * RATE)
    assert not after.any(), "sound came out during the pause between sentences"


def test_turning_sentence_by_sentence_off_reads_on_without_pauses(qtbot, player) -> None:
    article = text_article("Première phrase ici. Deuxième phrase là. Troisième et dernière.")
    player.set_article(article)
    player.set_sentence_by_sentence(True)
    with qtbot.waitSignal(
        player.stateChanged, timeout=TIMEOUT, check_params_cb=lambda s: s == "paused"
    ):
        player.play_all(0)
    player.set_sentence_by_sentence(False)
    assert not player.sentence_by_sentence
    states: list[str] = []
    player.stateChanged.connect(states.append)
    with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
        player.resume()
    assert "paused" not in states


def test_play_all_from_a_text_offset_starts_at_that_sentence(qtbot, player) -> None:
    article = text_article("Un. Deux phrases ici. Trois pour finir.", "Suite.")
    player.set_article(article)
    spans = player.reading.spans(0)
    assert player.sentence_at(0, 0) == 0
    assert player.sentence_at(0, spans[1][0] + 2) == 1
    assert player.sentence_at(0, 10_000) == len(spans) - 1  # a stale offset: the last one
    with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT) as started:
        player.play_all(0, spans[2][0] + 1)
    assert started.args == [0, *spans[2]]
    player.stop()


def test_states_are_an_enum_that_still_reads_as_text(qtbot, player) -> None:
    from lismoi.qt.player import PlaybackState

    assert player.state is PlaybackState.STOPPED and player.state == "stopped"
    player.set_article(text_article("Un essai."))
    with qtbot.waitSignal(player.stateChanged, timeout=TIMEOUT) as changed:
        player.play_block(0)
    assert changed.args == ["playing"] and type(changed.args[0]) is str
    assert player.state is PlaybackState.PLAYING
    player.stop()
    assert player.state is PlaybackState.STOPPED


def test_the_synthesis_service_answers_by_signal_in_the_callers_thread(qtbot, worker) -> None:
    import threading

    from lismoi.core.reading import VoiceChoices
    from lismoi.core.speech.worker import Synthesis
    from lismoi.qt.player import SynthesisService

    choices = VoiceChoices()
    service = SynthesisService(worker, choices)
    threads: list[threading.Thread] = []
    service.synthesized.connect(lambda *_a: threads.append(threading.current_thread()))
    try:
        with qtbot.waitSignal(service.synthesized, timeout=TIMEOUT) as done:
            request = service.synthesize("Bonjour.", choices.key("fr-FR"), 1.0)
        assert done.args[0] == request
        assert isinstance(done.args[1], Synthesis) and done.args[1].pcm
        assert threads == [threading.main_thread()]  # queued to the receiver's thread
    finally:
        service.close()


def test_a_book_still_loading_waits_at_the_end_of_its_blocks_then_reads_on(
        qtbot, pulse_sink, player) -> None:
    # A book's first chapter is read while the rest loads: at the end of what is
    # there the reading waits (no "finished"), and goes on into the blocks added.
    article = text_article("Premier chapitre, une seule phrase.")
    player.set_article(article)
    player.set_growing(True)
    log = Log(player)
    with pulse_sink.record() as rec:
        player.play_all(0)
        qtbot.waitUntil(lambda: bool(log.of("sentenceStarted")), timeout=TIMEOUT)
        qtbot.wait(2500)  # longer than the sentence: everything there has been heard
        assert player.state == "playing" and not log.of("finished")
        article.blocks.append(Block("paragraph", "Deuxième chapitre. Il arrive ensuite.",
                                    lang="fr-FR"))
        player.grew(1)
        qtbot.waitUntil(lambda: any(b == 1 for b, _s, _e in log.of("sentenceStarted")),
                        timeout=TIMEOUT)
        player.set_growing(False)  # all in: the end of the article is the end now
        qtbot.waitUntil(lambda: bool(log.of("finished")), timeout=TIMEOUT)
    assert [b for b, _s, _e in log.of("sentenceStarted")] == [0, 1, 1]
    assert_heard_once(rec, log.pcm())


def test_a_one_block_session_does_not_wait_for_a_book(qtbot, player) -> None:
    article = text_article("Un paragraphe lu seul.")
    player.set_article(article)
    player.set_growing(True)
    player.play_block(0)
    qtbot.waitUntil(lambda: player.state == "stopped", timeout=TIMEOUT)
