"""The window's Exporter: a real export in a background thread, its signals, Cancel."""

from __future__ import annotations

import pytest
import soundfile

from lismoi.core.article import Article, Block
from lismoi.core.errors import ExportError
from lismoi.core.paths import SAMPLES_DIR
from lismoi.core.pipeline import read_article
from lismoi.qt.exporting import Exporter

pytestmark = pytest.mark.engine  # the export thread starts a speech worker

TIMEOUT = 60_000


def long_article(paragraphs: int = 60) -> Article:
    return Article(title="Long", locale="fr-FR", blocks=[
        Block("paragraph", f"Voici le paragraphe {n}. Il a deux phrases.", lang="fr-FR")
        for n in range(paragraphs)
    ])


def test_an_export_writes_the_file_and_reports_progress(qtbot, tmp_path) -> None:
    exporter = Exporter()
    article = read_article(str(SAMPLES_DIR / "prison-telephones.html"))
    progress: list[tuple[int, int]] = []
    exporter.progress.connect(lambda done, total: progress.append((done, total)))
    out = tmp_path / "prison.opus"
    try:
        with qtbot.waitSignal(exporter.finished, timeout=TIMEOUT) as finished:
            assert exporter.start(article, out)
            assert exporter.busy
            assert not exporter.start(article, tmp_path / "again.mp3")  # one at a time
        result = finished.args[0]
        assert not exporter.busy
        assert result.path == out and out.exists()
        info = soundfile.info(str(out))
        assert info.samplerate == 48000 and abs(info.duration * 1000 - result.duration_ms) < 100
        assert info.duration > 20  # the whole sample, not a stub
        assert progress and progress[-1][0] == progress[-1][1]  # ends at 100 %
        assert [d for d, _t in progress] == sorted(d for d, _t in progress)
    finally:
        exporter.close()


def test_cancel_stops_the_export_and_leaves_nothing(qtbot, tmp_path) -> None:
    exporter = Exporter()
    exporter.progress.connect(lambda done, total: exporter.cancel())
    try:
        with qtbot.waitSignal(exporter.cancelled, timeout=TIMEOUT):
            exporter.start(long_article(), tmp_path / "long.mp3")
        assert not exporter.busy
        assert list(tmp_path.iterdir()) == []
    finally:
        exporter.close()


def test_an_unwritable_place_fails_with_a_message(qtbot, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    exporter = Exporter()
    try:
        with qtbot.waitSignal(exporter.failed, timeout=TIMEOUT) as failed:
            exporter.start(long_article(2), blocker / "out.mp3")
        err = failed.args[0]
        assert isinstance(err, ExportError) and "Could not write" in str(err)
        assert not exporter.busy
    finally:
        exporter.close()
