"""``lismoi export``: the mixed French/English sample to MP3 and Opus, with subtitles."""

from __future__ import annotations

import re

import numpy as np
import pytest
import soundfile

from lismoi.cli import main
from lismoi.core.export import export_article, subtitles_text
from lismoi.core.paths import SAMPLES_DIR
from lismoi.core.pipeline import read_article
from lismoi.core.speech.pitch import median_f0

pytestmark = pytest.mark.engine  # lismoi export synthesises

SAMPLE = SAMPLES_DIR / "ia-citations-anglais.html"


@pytest.fixture(scope="module")
def article():
    return read_article(str(SAMPLE))


def test_mp3_with_srt_through_the_command(tmp_path, capsys):
    out, srt = tmp_path / "article.mp3", tmp_path / "article.srt"
    assert main(["export", str(SAMPLE), "-o", str(out), "--subtitles", str(srt)]) == 0
    printed = capsys.readouterr().out
    # English: the natural voice joe (test extra) wins, in its own gender (male).
    assert "en-male" in printed and "fr-FR-female" in printed
    info = soundfile.info(str(out))
    assert info.format == "MP3" and info.channels == 1
    assert info.duration > 30
    cues = srt.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(cues) > 10
    first = cues[0].splitlines()
    assert first[0] == "1"
    assert re.fullmatch(r"00:00:00,000 --> \d\d:\d\d:\d\d,\d\d\d", first[1])
    assert "Intelligence artificielle" in first[2]


def test_opus_switches_voice_on_english_paragraphs(tmp_path, article):
    out = tmp_path / "article.opus"
    result = export_article(article, out, subtitles=tmp_path / "article.lrc")
    info = soundfile.info(str(out))
    assert (info.format, info.subtype, info.samplerate) == ("OGG", "OPUS", 48000)
    assert abs(info.duration - result.duration_ms / 1000) < 0.5
    english = [s for s in result.segments if s.lang.startswith("en")]
    french = [s for s in result.segments if s.lang.startswith("fr")]
    assert english and french
    # The natural voice (joe, test extra) reads English, in its own gender.
    assert {s.profile_id for s in english} == {"en-male"}
    assert {s.voice_id for s in english} == {"en_US-joe-medium"}
    assert {s.profile_id for s in french} == {"fr-FR-female"}
    assert {s.voice_id for s in french} == {"roa/fr"}
    # The English blocks of the sample are the ones the article marks English.
    english_blocks = {i for i, b in enumerate(article.blocks) if b.lang.startswith("en")}
    assert {s.block for s in english} == english_blocks
    # Segments follow each other in time.
    assert all(
        a.end_ms <= b.start_ms for a, b in zip(result.segments, result.segments[1:], strict=False)
    )
    lrc = (tmp_path / "article.lrc").read_text(encoding="utf-8").splitlines()
    assert len(lrc) == len(result.segments)
    assert re.match(r"\[00:00\.00\]Intelligence", lrc[0])


def test_voice_option_sets_the_articles_voice_and_gender(tmp_path, article):
    result = export_article(article, tmp_path / "a.wav", voice="fr-CA-male")
    assert {s.profile_id for s in result.segments if s.lang.startswith("fr")} == {"fr-CA-male"}
    assert {s.profile_id for s in result.segments if s.lang.startswith("en")} == {"en-male"}
    data, rate = soundfile.read(str(tmp_path / "a.wav"), dtype="int16")
    seg = result.segments[1]
    piece = data[int(seg.start_ms * rate / 1000) : int(seg.end_ms * rate / 1000)]
    assert np.abs(piece).max() > 1000
    assert 60 < median_f0(piece.astype("<i2").tobytes(), rate) < 150  # a male voice


def test_bad_arguments(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.xyz")]) == 1
    assert "Unknown audio format" in capsys.readouterr().err
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.wav"), "--voice", "nope"]) == 2
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.wav"), "--rate", "9"]) == 2
    assert not list(tmp_path.iterdir())


def test_subtitle_formats():
    from lismoi.core.export import Segment

    segs = [
        Segment(0, 0, 6, "Bonjour", "fr", "fr-FR-female", "roa/fr", "Annie", 0.0, 1234.5),
        Segment(
            0, 7, 20, "Deuxième\nphrase", "fr", "fr-FR-female", "roa/fr", "Annie", 1234.5, 65_010
        ),
    ]
    assert subtitles_text(segs, "srt") == (
        "1\n00:00:00,000 --> 00:00:01,234\nBonjour\n\n"
        "2\n00:00:01,234 --> 00:01:05,010\nDeuxième phrase\n"
    )
    assert subtitles_text(segs, "lrc") == "[00:00.00]Bonjour\n[00:01.23]Deuxième phrase\n"
