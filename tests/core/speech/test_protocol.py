"""The worker's wire: length-prefixed pickles, and the ends of a stream."""

from __future__ import annotations

import io

import pytest

from lismoi.core.speech.protocol import Channel, read_frame, write_frame


def test_frames_round_trip_in_order():
    stream = io.BytesIO()
    messages = [("ping",), ("ok", b"\x00\x01" * 1000, 22050, [(1, 7, 0.0), (9, 2, 310.5)])]
    for message in messages:
        write_frame(stream, message)
    stream.seek(0)
    assert [read_frame(stream) for _ in messages] == messages
    assert read_frame(stream) is None  # the end of the stream, not an error


def test_a_truncated_frame_reads_as_the_end():
    stream = io.BytesIO()
    write_frame(stream, ("synth", "Bonjour.", "fr", None, 175, 50, 1.0))
    data = stream.getvalue()
    for cut in (2, 4, len(data) - 1):
        assert read_frame(io.BytesIO(data[:cut])) is None


def test_a_channel_raises_eof_at_the_end():
    out = io.BytesIO()
    Channel(io.BytesIO(), out).send(("ready", "espeak", 22050, 1))
    channel = Channel(io.BytesIO(out.getvalue()), io.BytesIO())
    assert channel.recv() == ("ready", "espeak", 22050, 1)
    with pytest.raises(EOFError):
        channel.recv()


class _TextOnlyEngine:
    """An engine that takes no phonemes (as SAPI5 and NSSS)."""

    name = "textonly"
    sample_rate = 16000
    takes_phonemes = False


def test_an_engine_without_phonemes_answers_none_to_phonemize_and_refuses_phonemes():
    from lismoi.core.speech.server import _answer

    engine = _TextOnlyEngine()
    assert _answer(engine, ("phonemize", "Bonjour.", "fr", None)) == ("ok", None)
    reply = _answer(engine, ("synth_phonemes", ["bO~Z'ur"], "fr", None, 175, 50, 1.0, ["."]))
    assert reply[0] == "error" and "phonemes" in reply[1]
