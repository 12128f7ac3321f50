"""export_article's cancellation, its sentences, and the file names suggested for its audio."""

from __future__ import annotations

import threading

import pytest

from lismoi.core.article import Article, Block
from lismoi.core.errors import ExportCancelled
from lismoi.core.export import export_article, suggested_file_name
from lismoi.core.reading import Reading
from lismoi.core.speech.sentences import split_sentences


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mini-téléphones en prison : une saisie", "Mini-téléphones en prison une saisie.mp3"),
        ("../../etc/passwd", "etc passwd.mp3"),
        ('a/b\\c:d*e?f"g<h>i|j\x00k', "a b c d e f g h i j k.mp3"),
        ("Été 2025 — « Québec »", "Été 2025 Québec.mp3"),
        (".bashrc", "bashrc.mp3"),
        ("CON", "article.mp3"),  # a name Windows refuses
        ("   ", "article.mp3"),
        (None, "article.mp3"),
    ],
)
def test_suggested_names_are_the_title_made_safe(title, expected) -> None:
    assert suggested_file_name(title) == expected


def test_suggested_names_are_short_and_take_the_suffix() -> None:
    name = suggested_file_name("mot " * 100, ".opus")
    assert name.endswith(".opus") and len(name) <= 80 + len(".opus")
    assert not name.removesuffix(".opus").endswith(" ")


def test_a_cancelled_export_leaves_no_file(tmp_path) -> None:
    article = Article(title="Essai", locale="fr-FR", blocks=[
        Block("paragraph", f"Phrase numéro {n} de l’essai. Encore une phrase.", lang="fr-FR")
        for n in range(30)
    ])
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 3:  # a few sentences in: the listener cancels
            cancel.set()

    out = tmp_path / "essai.mp3"
    with pytest.raises(ExportCancelled) as caught:
        export_article(article, out, progress=progress, cancel=cancel)
    assert "cancelled" in str(caught.value)
    assert len(seen) == 3  # it stopped at the next sentence, not at the end
    assert list(tmp_path.iterdir()) == []  # neither the file nor its .part


def test_a_block_is_split_by_its_own_language_not_by_its_voices(tmp_path) -> None:
    # No installed voice speaks Wolof: the article's voice (the chosen French one)
    # reads that block, but its sentences are the block's own, as the Player
    # highlights them. French rules would keep "Mme. Ndiaye" together.
    wolof = "Dr. Diallo ak Mme. Ndiaye dañu dem. Ñu ngi fi."
    article = Article(title="", locale="fr-FR", blocks=[
        Block("paragraph", "Bonjour à tous.", lang="fr-FR"),
        Block("paragraph", wolof, lang="wo"),
    ])
    result = export_article(article, tmp_path / "essai.wav", voice="fr-CA-male")
    read = [s for s in result.segments if s.block == 1]
    assert {(s.lang, s.profile_id) for s in read} == {("wo", "fr-CA-male")}
    assert [s.text for s in read] == ["Dr. Diallo ak Mme.", "Ndiaye dañu dem.", "Ñu ngi fi."]
    assert [(s.start, s.end) for s in read] == Reading(article).spans(1)
    assert len(split_sentences(wolof, "fr")) == 2  # what the voice's language would give


# ---------------------------------------------------------------- a natural voice (joe)

ENGLISH = Article(title="City budget", locale="en-US", blocks=[
    Block("paragraph", "The committee met on Tuesday morning, and after a long debate it "
          "approved the new budget for the city. The mayor said she was pleased.", lang="en-US"),
    Block("paragraph", "Work on the bridge will start in June.", lang="en-US"),
])


@pytest.mark.parametrize(("suffix", "file_rate", "subtitles"),
                         [(".mp3", 22050, ".srt"), (".opus", 48000, ".lrc")])
def test_an_english_article_exports_with_joe_and_subtitles(
    tmp_path, suffix, file_rate, subtitles
) -> None:
    import numpy as np
    import soundfile

    from lismoi.core.export import subtitles_text
    from lismoi.core.speech.pitch import median_f0
    from lismoi.core.speech.pool import SpeechPool

    out, subs = tmp_path / f"budget{suffix}", tmp_path / f"budget{subtitles}"
    with SpeechPool() as pool:
        result = export_article(ENGLISH, out, subtitles=subs, worker=pool)
    assert {s.voice_id for s in result.segments} == {"en_US-joe-medium"}
    assert {s.profile_id for s in result.segments} == {"en-US-male"}
    assert [s.text for s in result.segments][0] == "City budget"  # the title first
    assert len(result.segments) == 4
    info = soundfile.info(str(out))
    assert info.samplerate == result.sample_rate == file_rate and info.channels == 1
    assert abs(info.duration - result.duration_ms / 1000) < 0.3
    data, rate = soundfile.read(str(out), dtype="int16")
    for seg in result.segments:  # every sentence is speech where the subtitles put it
        piece = data[int(seg.start_ms * rate / 1000): int(seg.end_ms * rate / 1000)]
        assert np.abs(piece).max() > 3000, seg.text
    speech = data[int(result.segments[1].start_ms * rate / 1000):
                  int(result.segments[1].end_ms * rate / 1000)]
    assert 70 < median_f0(speech.astype("<i2").tobytes(), rate) < 160  # joe is a man
    # Plausible length: the 120-character sentence takes several seconds, not less than one.
    long = result.segments[1]
    assert 4000 < long.end_ms - long.start_ms < 12000
    assert subs.read_text(encoding="utf-8") == subtitles_text(result.segments, subtitles[1:])
    assert set(tmp_path.iterdir()) == {out, subs}  # no .part left


def test_the_espeak_choice_exports_with_espeak(tmp_path) -> None:
    result = export_article(ENGLISH, tmp_path / "budget.wav", voice="en-US-male@espeak")
    assert {s.profile_id for s in result.segments} == {"en-US-male@espeak"}
    assert {s.voice_id for s in result.segments} == {"gmw/en-us"}
