"""The timeline of a sentence cut at its clause: announced once, whole, words in place."""

from __future__ import annotations

from lismoi.core.reading import Position
from lismoi.core.speech.worker import WordTiming
from lismoi.qt.audio import Segment
from lismoi.qt.player.timeline import Kind, Timeline


def frames(ms: float) -> int:
    return int(ms * 22.05)


def test_the_rest_of_a_cut_sentence_adds_only_its_words_at_their_place() -> None:
    timeline = Timeline()
    item = Position(0, 1)
    span = (40, 140)  # the sentence in its block
    first = Segment(item, b"\0\0" * 22050, 0)  # the first clause, 1 s
    rest = Segment(item, b"\0\0" * 44100, 22050)  # from character 38 of the sentence, 2 s
    timeline.add(item, first, span, [], frames)
    timeline.add(item, rest, span, [WordTiming(0, 3, 100.0)], frames, offset=38)
    events = timeline.due(10 ** 9)
    kinds = [(e.kind, e.args) for e in events]
    assert kinds == [
        (Kind.BLOCK, (0,)),
        (Kind.SENTENCE, (0, 40, 140)),  # the whole sentence, with its first piece
        (Kind.WORD, (0, 40 + 38, 40 + 41)),  # a word of the rest, in the block's text
    ]
    assert events[-1].frame == 22050 + frames(100.0)


def test_taking_back_the_rest_says_where_to_speak_from_again() -> None:
    timeline = Timeline()
    item = Position(2, 0)
    timeline.add(item, Segment(item, b"\0\0" * 100, 0), (0, 50), [], frames)
    timeline.add(item, Segment(item, b"\0\0" * 100, 100), (0, 50), [], frames, offset=20)
    assert timeline.take_back(100) == (item, 20)  # the rest again, from character 20
    assert len(timeline) == 1
    assert timeline.take_back(0) == (item, 0)
    assert timeline.take_back(0) is None
