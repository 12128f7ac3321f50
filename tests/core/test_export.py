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
