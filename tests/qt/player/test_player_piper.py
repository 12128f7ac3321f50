"""The Player with a real natural voice: Piper's joe (the test extra), into the null sink.

English reads with joe; the first sentence is cut at its clause (a Piper
sentence takes ~3 ms per character to synthesise, so its first clause is
spoken first and the rest while it plays); the highlight stays on whole
sentences; no word is highlighted (Piper gives no word timings); and what is
heard is what was synthesised with no silence added between sentences or
between the two pieces of the cut sentence.
"""

from __future__ import annotations

import numpy as np
import pytest

from lismoi.core.article import Article, Block
from lismoi.core.reading.clauses import first_cut
from lismoi.core.speech.pool import SpeechPool
from lismoi.qt.player import Player
from tests.qt.player.test_player import TIMEOUT, Log

pytestmark = pytest.mark.engine

RATE = 22050  # the sink's, and joe's own
JOE = "en_US-joe-medium"
AUDIBLE = int(0.02 * RATE)  # 20 ms: below this a silence between two sounds is not heard

FIRST = ("The committee met on Tuesday morning, and after a long debate it approved "
         "the new budget for the city.")
ARTICLE = Article(title="Budget", locale="en-US", blocks=[
    Block("paragraph", FIRST + " The mayor said she was pleased.", lang="en-US"),
    Block("paragraph", "Work on the bridge will start in June. It should take a year.",
          lang="en-US"),
])


@pytest.fixture(scope="module")
def pool():
    with SpeechPool() as pool:
        yield pool


@pytest.fixture
def player(qtbot, pulse_sink, pool):
    p = Player(pool=pool, device=pulse_sink.qt_device())
    yield p
    p.close()


def assert_speech_heard_once(rec, synthesised: np.ndarray) -> np.ndarray:
    """Everything synthesised up to the end of its speech was heard, once, in order.

    Piper's silences are a noise floor (a few units in 32,768), not zeros.
    The Player ends by resetting the sink once the sink has taken the last
    frame, which drops the few ms the sound server still holds (the end of
    the last sentence's decay, under -40 dBFS there), so the comparison ends
    at the last sample above 1 % of full scale. Two glitches of a CPU-starved
    moment are allowed, as in test_player.
    """
    speech = synthesised[: int(np.flatnonzero(np.abs(synthesised) > 328)[-1]) + 1]
    r, s, glitches = rec.match(speech, max_glitches=3)
    assert len(glitches) <= 2, f"glitches (sample, repeated/-dropped): {glitches}"
    recorded = rec.samples()
    assert len(r) >= len(s) > 0
    assert np.array_equal(recorded[r[: len(s)]], speech[s])
    return speech


def added_silences(rec, synthesised: np.ndarray, starts: list[int]) -> list[int]:
    """Samples of silence the playback added before each of ``starts`` (synthesised offsets).

    The zero run in the recording between the last sound before a piece and
    the first sound of it, minus the zero run there in the synthesised audio
    (the voice's own pauses): what the Player added, to the sample.
    """
    nz_r, nz_s, _glitches = rec.match(synthesised)
    added = []
    for start in starts:
        k = int(np.searchsorted(nz_s, start)) - 1
        if 0 <= k < len(nz_s) - 1:
            added.append(int((nz_r[k + 1] - nz_r[k]) - (nz_s[k + 1] - nz_s[k])))
    return added


def test_english_reads_with_joe_cut_at_the_first_clause_with_no_added_gap(
    qtbot, pulse_sink, player
) -> None:
    player.set_article(ARTICLE)
    assert player.voice_for_block(0).voice_id == JOE
    # The warm-up loads joe and times it in the speech process, off this thread.
    qtbot.waitUntil(lambda: player.synthesis_speed("piper") is not None, timeout=TIMEOUT)
    assert player.synthesis_speed("piper") > 0.5  # ms per character: a slow engine, cut
    log = Log(player)
    queued = []
    player.audio.segmentQueued.connect(queued.append)
    with pulse_sink.record() as rec:
        with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
            player.play_all()
        # Piper's silences are not digital zeros: the last of its sound is still on
        # its way to the monitor when "finished" comes (the sink renders ahead).
        qtbot.wait(500)
    spans = [(b, s, e) for b in range(2) for s, e in player.reading.spans(b)]
    assert len(spans) == 4
    # Every sentence highlighted once, whole, in order, though the first came in two pieces.
    assert log.of("sentenceStarted") == spans
    assert log.of("blockStarted") == [(0,), (1,)]
    assert not log.of("wordStarted")  # Piper gives no word timings: none invented
    assert not log.of("errorOccurred")
    pieces = [s.tag for s in queued]
    assert pieces[:2] == [(0, 0), (0, 0)]  # the first sentence, cut ...
    assert len(pieces) == 5  # ... and only that one (the others came while it played)
    first_piece = queued[0]
    assert 1.0 < first_piece.frames / RATE < queued[1].frames / RATE  # the shorter clause
    # Heard: what was synthesised, once, in order, nothing added between the pieces.
    speech = assert_speech_heard_once(rec, log.pcm())
    added = added_silences(rec, speech, [s.start for s in queued[1:]])
    assert len(added) == 4
    assert max(added) <= AUDIBLE, f"silence added at the joins (samples): {added}"


def test_the_voice_of_a_block_says_it_is_natural_and_espeak_can_be_chosen(
    qtbot, pulse_sink, player
) -> None:
    player.set_article(ARTICLE)
    assert player.voice_for_block(0).natural
    player.set_voice("en", "en-US-male@espeak")
    voice = player.voice_for_block(0)
    assert (voice.engine, voice.natural) == ("espeak", False)
    log = Log(player)
    with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT):
        player.play_block(1)
    with qtbot.waitSignal(player.wordStarted, timeout=TIMEOUT):
        pass  # espeak-ng gives word timings again
    player.stop()
    assert log.segments and all(s.tag[0] == 1 for s in log.segments)


def test_sentence_by_sentence_pauses_after_the_whole_cut_sentence(qtbot, player) -> None:
    player.set_article(ARTICLE)
    qtbot.waitUntil(lambda: player.synthesis_speed("piper") is not None, timeout=TIMEOUT)
    player.set_sentence_by_sentence(True)
    log = Log(player)
    queued = []
    player.audio.segmentQueued.connect(queued.append)
    with qtbot.waitSignal(player.stateChanged, timeout=TIMEOUT,
                          check_params_cb=lambda s: s == "paused"):
        player.play_all()
    # Paused once, at the end of the sentence: after both pieces, not between them.
    assert player.paused_at_sentence_end
    assert [s.tag for s in queued] == [(0, 0), (0, 0)]
    assert log.of("sentenceStarted") == [(0, *player.reading.spans(0)[0])]
    assert player.audio.drained()
    player.stop()


def test_the_first_piece_at_the_caret_is_made_before_play(qtbot, pulse_sink, player) -> None:
    """While stopped, the first clause at the caret is made ahead: Play gives the sink
    audio within the call itself, before any synthesis is awaited."""
    player.set_article(ARTICLE)
    queued = []
    player.audio.segmentQueued.connect(queued.append)
    # Asked before the warm-up has timed joe: made once the warm-up says it is slow.
    player.prefetch(0, 0)
    with qtbot.waitSignal(player._synth.synthesized, timeout=TIMEOUT):
        pass
    qtbot.wait(50)  # the queued result reaches the Player's slot
    player.play_all(0, 0)
    assert [s.tag for s in queued] == [(0, 0)]  # from the cache, at once
    first = queued[0]
    assert 1.0 < first.frames / RATE < 4.0  # the first clause, not the whole sentence
    with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT):
        pass
    player.stop()


def test_without_a_prefetch_play_waits_for_the_synthesis(qtbot, pulse_sink, player) -> None:
    # The control of the test above: the same Play, nothing made ahead.
    player.set_article(ARTICLE)
    qtbot.waitUntil(lambda: player.synthesis_speed("piper") is not None, timeout=TIMEOUT)
    queued = []
    player.audio.segmentQueued.connect(queued.append)
    player.play_all(0, 0)
    assert queued == []  # nothing to give the sink until joe has spoken
    with qtbot.waitSignal(player.sentenceStarted, timeout=TIMEOUT):
        pass
    player.stop()


def test_a_prefetch_for_another_article_is_not_played(qtbot, pulse_sink, player) -> None:
    player.set_article(ARTICLE)
    qtbot.waitUntil(lambda: player.synthesis_speed("piper") is not None, timeout=TIMEOUT)
    player.prefetch(0, 0)
    other = Article(title="Other", locale="en-US", blocks=[
        Block("paragraph", "A different story begins here, and it is not about money at all.",
              lang="en-US")])
    player.set_article(other)  # before the prefetch's result comes back
    qtbot.wait(1500)  # long enough for it to come back, and be dropped
    assert "Tuesday" not in player.reading.text((0, 0))
    # The old article's first clause was not kept (the new one's may be: the caret
    # target stays, so the new article's first clause is made ahead after its warm-up).
    old_cut = first_cut(FIRST, player.synthesis_speed("piper"))
    assert old_cut is not None and old_cut != first_cut(other.blocks[0].text,
                                                        player.synthesis_speed("piper"))
    assert old_cut not in {key[2] for key in player._cache._pieces}
    log = Log(player)
    with qtbot.waitSignal(player.finished, timeout=TIMEOUT):
        player.play_all()
    assert log.of("sentenceStarted") == [(0, *player.reading.spans(0)[0])]
