"""Exporting the open article to an audio file from the window, off the UI thread.

:class:`Exporter` runs :func:`lismoi.core.export.export_article` in a thread of
its own pool, with speech processes of its own (a SpeechPool), so listening and browsing
go on while an article is written to MP3 (synthesis is ~1,000x real time, but
encoding a long article still takes seconds). Cancel sets an event the export
checks between sentences; it then removes its partial file. A book is written
a file per chapter with a playlist (:func:`lismoi.core.export.export_chapters`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from lismoi.core.article import Article
from lismoi.core.errors import ExportCancelled

if TYPE_CHECKING:
    from lismoi.core.export import ExportResult
    from lismoi.core.speech.pool import SpeechPool


class _Signals(QObject):
    progress = Signal(int, int)  # characters done, total
    chapter = Signal(int, int, str)  # a book's chapter started: number from 1, count, title
    done = Signal(object)  # ExportResult
    error = Signal(object)  # the exception


class _ExportTask(QRunnable):
    def __init__(self, article: Article, path: Path, voice: str | None, rate: float,
                 worker: SpeechPool, chapters: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Exporter keeps it until its signal arrived
        self.article, self.path, self.voice, self.rate = article, path, voice, rate
        self.chapters = chapters
        self.worker = worker
        self.cancel = threading.Event()
        self.signals = _Signals()

    def run(self) -> None:
        from lismoi.core.export import export_article, export_chapters

        try:
            if self.chapters:
                result = self._book(export_chapters)
            else:
                result = export_article(
                    self.article, self.path, voice=self.voice, rate=self.rate,
                    worker=self.worker, cancel=self.cancel,
                    progress=lambda done, total: self.signals.progress.emit(done, total),
                )
        except BaseException as err:  # every failure must reach the window
            self.signals.error.emit(err)
        else:
            self.signals.done.emit(result)

    def _book(self, export_chapters: Callable[..., Any]) -> Any:
        """One file per chapter in the folder ``path`` names (its suffix: the format);
        the progress is the whole book's, a chapter's share for each chapter."""
        at = [0, 1]  # the chapter being read (from 0), how many

        def chapter(number: int, count: int, title: str) -> None:
            at[:] = [number - 1, count]
            self.signals.chapter.emit(number, count, title)

        def progress(done: int, total: int) -> None:
            whole = (at[0] + (done / total if total else 1.0)) / at[1]
            self.signals.progress.emit(int(whole * 1000), 1000)

        return export_chapters(
            self.article, self.path.with_suffix(""), audio=self.path.suffix, voice=self.voice,
            rate=self.rate, worker=self.worker, progress=progress, on_chapter=chapter,
            cancel=self.cancel)


class Exporter(QObject):
    """One export at a time; its result, error or cancellation comes as a signal."""

    progress = Signal(int, int)  # characters done, total
    chapter = Signal(int, int, str)  # a book's chapter started: number from 1, count, title
    finished = Signal(object)  # lismoi.core.export.ExportResult (a book: BookExport)
    failed = Signal(object)  # the exception (str(err) is for humans)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._task: _ExportTask | None = None
        # Speech processes of its own (one per engine), started at the first export.
        self._worker: SpeechPool | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(self, article: Article, path: str | Path, *, voice: str | None = None,
              rate: float = 1.0, chapters: bool = False) -> bool:
        """Write ``article`` to ``path`` (format by extension); False when one is running.

        ``chapters``: a book, one file per chapter (and a playlist) in the
        folder named by ``path`` without its extension.
        """
        if self._task is not None:
            return False
        if self._worker is None:
            from lismoi.core.speech.pool import SpeechPool

            self._worker = SpeechPool()
        task = _ExportTask(article, Path(path), voice, rate, self._worker, chapters)
        queued = Qt.ConnectionType.QueuedConnection
        task.signals.progress.connect(self.progress, queued)
        task.signals.chapter.connect(self.chapter, queued)
        task.signals.done.connect(self._done, queued)
        task.signals.error.connect(self._error, queued)
        self._task = task
        self.pool.start(task)
        return True

    def cancel(self) -> bool:
        """Ask the running export to stop; ``cancelled`` comes once it has cleaned up."""
        if self._task is None:
            return False
        self._task.cancel.set()
        return True

    def close(self, msecs: int = 3000) -> None:
        """At quit: cancel, wait for the thread, end the worker process."""
        self.cancel()
        self.pool.waitForDone(msecs)
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _done(self, result: ExportResult) -> None:
        self._task = None
        self.finished.emit(result)

    def _error(self, err: BaseException) -> None:
        self._task = None
        if isinstance(err, ExportCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(err)
