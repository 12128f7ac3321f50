"""Opening articles off the UI thread, with progress and Cancel.

:class:`Loader` runs :func:`lismoi.core.pipeline.read_article` (or
``article_from_text`` for pasted text) in a thread pool. Each request gets a
token; Cancel sets the request's ``threading.Event`` (the loader stops at its
next check) and forgets the token, so a result that still arrives later is
ignored rather than replacing what the listener is looking at.

A book arrives a part at a time (:func:`lismoi.core.pipeline.book_growth`):
``loaded`` brings the Article with its first part, readable at once, then
``grew`` each further part (the last one ``complete``); meanwhile the loader
is ``growing``, and Cancel stops the rest of the book, not what is shown.

The voice catalogue (profiles and the installed voice each really uses) is
built here too, because asking the speech engine for its voices takes a
process start the UI thread must not wait for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from lismoi.core.errors import ExtractionError, LismoiError
from lismoi.core.i18n import _
from lismoi.core.load.sizes import amount
from lismoi.qt.accessibility import announce


@dataclass
class VoiceEntry:
    """A profile and what it resolves to on this machine (resolved None = unusable)."""

    profile: Any  # lismoi.core.voices.VoiceProfile
    resolved: Any  # lismoi.core.voices.ResolvedVoice | None


def build_voice_catalog() -> list[VoiceEntry]:
    """Every profile with its resolution (runs in a worker thread)."""
    from lismoi.core.voices import list_profiles, resolve

    entries = []
    for profile in list_profiles():
        try:
            resolved = resolve(profile.id)
        except (LismoiError, KeyError):
            resolved = None
        entries.append(VoiceEntry(profile, resolved))
    return entries


class _Signals(QObject):
    progress = Signal(int, int, int)  # token, bytes done, total (-1 unknown)
    preview = Signal(int, object)  # token, the article before language detection
    part = Signal(int, object)  # token, a book's Growth (core.pipeline)
    done = Signal(int, object)  # token, result
    error = Signal(int, object)  # token, exception


class _Task(QRunnable):
    def __init__(self, token: int, job: Callable[..., Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Loader keeps it alive until its signal arrives
        self.token = token
        self.job = job
        self.cancel = threading.Event()
        self.signals = _Signals()

    def run(self) -> None:
        def progress(done: int, total: int | None) -> None:
            self.signals.progress.emit(self.token, int(done), -1 if total is None else int(total))

        def preview(article: Any) -> None:
            self.signals.preview.emit(self.token, article)

        def part(growth: Any) -> None:
            self.signals.part.emit(self.token, growth)

        try:
            result = self.job(self.cancel, progress, preview, part)
        except BaseException as err:  # every failure must reach the window, not a terminal
            self.signals.error.emit(self.token, err)
        else:
            self.signals.done.emit(self.token, result)


class Loader(QObject):
    """Runs loads in the background; results of cancelled or replaced loads are dropped."""

    started = Signal(int, str)  # token, what is being opened
    progress = Signal(int, int)  # bytes done, total (-1 unknown)
    previewed = Signal(object)  # Article, text ready, languages not yet detected
    loaded = Signal(object)  # Article (the same object as previewed, annotated)
    grew = Signal(object)  # a book's next part: core.pipeline.Growth, to apply to the Article
    failed = Signal(object)  # the exception (str(err) is for humans)
    cancelled = Signal()
    voicesReady = Signal(object)  # list[VoiceEntry]
    voicesFailed = Signal(object)
    ended = Signal(int)  # token; every task, stale or not (tests wait on it)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # one load and the voice catalogue at most
        self._tokens = 0
        self._current: int | None = None
        self._growing = False  # the current load is a book whose first part is shown
        self._tasks: dict[int, _Task] = {}

    @property
    def busy(self) -> bool:
        return self._current is not None

    @property
    def growing(self) -> bool:
        """A book is shown and the rest of it is still being read."""
        return self._current is not None and self._growing

    def load(self, source: str, *, lang: str | None = None) -> int:
        """Open a file path or an http(s) URL.

        The text is shown (``previewed``) as soon as it is extracted; language
        detection, which loads langdetect's profiles on first use, comes after.
        """

        def job(cancel: threading.Event, progress: Callable, preview: Callable,
                part: Callable) -> Any:
            from lismoi.core import pipeline
            from lismoi.core.books import is_book
            from lismoi.core.load.source import load

            doc = load(source, progress=progress, cancel=cancel)
            if is_book(doc):
                for growth in pipeline.book_growth(doc, lang=lang, cancel=cancel):
                    if growth.complete:
                        return growth
                    part(growth)
            article = pipeline.article_from_document(doc)
            if not article.blocks:
                raise ExtractionError(_("No article text was found in this page."))
            preview(article)
            pipeline.annotate_language(article, lang)
            return article

        return self._start(job, source)

    def load_text(self, text: str, *, lang: str | None = None) -> int:
        """Make an article of pasted text (plain text or HTML)."""
        from lismoi.core.pipeline import article_from_text

        def job(cancel: threading.Event, progress: Callable, preview: Callable,
                part: Callable) -> Any:
            return article_from_text(text, lang=lang)

        return self._start(job, _("pasted text"))

    def reannotate(self, article: Any, *, lang: str | None = None) -> int:
        """Detect the languages of an open article again, read as ``lang`` (None: as detected).

        Works on a copy (the window keeps showing and reading the original
        until the result arrives) and never loads the source again: a changed
        language must not cost a download, nor fail when the server is gone.
        """
        import copy

        def job(cancel: threading.Event, progress: Callable, preview: Callable,
                part: Callable) -> Any:
            from lismoi.core.pipeline import annotate_language

            again = copy.deepcopy(article)
            annotate_language(again, lang)
            return again

        return self._start(job, article.title or _("the article"))

    def load_voices(self) -> int:
        """Build the voice catalogue in the background (voicesReady / voicesFailed)."""
        def job(cancel: threading.Event, progress: Callable, preview: Callable,
                part: Callable) -> Any:
            return build_voice_catalog()

        return self._run(job, voices=True)

    def cancel(self) -> bool:
        """Cancel the current load; return whether there was one."""
        token = self._current
        if token is None:
            return False
        task = self._tasks.get(token)
        if task is not None:
            task.cancel.set()
        self._current = None
        self.cancelled.emit()
        return True

    def wait(self, msecs: int = 2000) -> bool:
        """Wait for running tasks (at quit): True when all ended."""
        for task in self._tasks.values():
            task.cancel.set()
        return self.pool.waitForDone(msecs)

    # -- internals ------------------------------------------------------------

    def _start(self, job: Callable, what: str) -> int:
        self.cancel_quietly()
        token = self._run(job, voices=False)
        self._current = token
        self._growing = False
        self.started.emit(token, what)
        return token

    def cancel_quietly(self) -> None:
        if self._current is not None:
            task = self._tasks.get(self._current)
            if task is not None:
                task.cancel.set()
            self._current = None

    def _run(self, job: Callable, *, voices: bool) -> int:
        self._tokens += 1
        task = _Task(self._tokens, job)
        queued = Qt.ConnectionType.QueuedConnection
        if voices:
            task.signals.done.connect(self._voices_done, queued)
            task.signals.error.connect(self._voices_error, queued)
        else:
            task.signals.progress.connect(self._progress, queued)
            task.signals.preview.connect(self._preview, queued)
            task.signals.part.connect(self._part, queued)
            task.signals.done.connect(self._done, queued)
            task.signals.error.connect(self._error, queued)
        self._tasks[task.token] = task
        self.pool.start(task)
        return task.token

    def _progress(self, token: int, done: int, total: int) -> None:
        if token == self._current:
            self.progress.emit(done, total)

    def _preview(self, token: int, article: Any) -> None:
        if token == self._current:
            self.previewed.emit(article)

    def _part(self, token: int, growth: Any) -> None:
        if token != self._current:
            return
        if growth.article is not None:  # a book's first part: readable now
            self._growing = True
            self.loaded.emit(growth.article)
        else:
            self.grew.emit(growth)

    def _done(self, token: int, result: Any) -> None:
        from lismoi.core.pipeline import Growth

        self._tasks.pop(token, None)
        if token == self._current:
            self._current = None
            self._growing = False
            if isinstance(result, Growth):  # the last of a book
                self.grew.emit(result)
            else:
                self.loaded.emit(result)
        self.ended.emit(token)

    def _error(self, token: int, err: BaseException) -> None:
        self._tasks.pop(token, None)
        if token == self._current:
            self._current = None
            self.failed.emit(err)
        self.ended.emit(token)

    def _voices_done(self, token: int, entries: Any) -> None:
        self._tasks.pop(token, None)
        self.voicesReady.emit(entries)
        self.ended.emit(token)

    def _voices_error(self, token: int, err: BaseException) -> None:
        self._tasks.pop(token, None)
        self.voicesFailed.emit(err)
        self.ended.emit(token)


class LoadingBar(QWidget):
    """"Opening example.org…" with a progress bar and Cancel (also used for exports)."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, names: dict[str, str] | None = None
                 ) -> None:
        """``names``: accessible names, keys label, bar, bar_description, cancel,
        cancel_description (the loading ones by default)."""
        super().__init__(parent)
        n = {
            "label": _("Loading"),
            "bar": _("Loading progress"),
            "bar_description": _("How much of the article has been received"),
            "cancel": _("Cancel loading"),
            "cancel_description": _("Stop opening this article (Esc)"),
            **(names or {}),
        }
        self._names = n
        self.setObjectName("LoadingBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setAccessibleName(n["label"])
        # "Received 35 KB": a slow download shows that it is moving (or not).
        self.received = QLabel()
        self.received.setAccessibleName(_("Received"))
        self.received.hide()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)  # busy until sizes are known
        self.bar.setMinimumWidth(120)
        self.bar.setAccessibleName(n["bar"])
        self.bar.setAccessibleDescription(n["bar_description"])
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(n["cancel"])
        self.cancel_button.setAccessibleDescription(n["cancel_description"])
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.received)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, what: str) -> None:
        self.start_text(_("Opening {what}…").format(what=_short(what)))

    def start_text(self, text: str) -> None:
        """Show ``text`` with a busy bar, and announce it."""
        self.cancel_button.setAccessibleDescription(self._names["cancel_description"])
        self.label.setText(text)
        self.received.clear()
        self.received.hide()
        self.bar.setRange(0, 0)
        self.show()
        announce(self, text)

    def start_rest(self, text: str) -> None:
        """A book is shown and its rest is being read: ``text``, a bar from 0, and a
        Cancel that stops only that (Esc stops the reading, not this)."""
        self.start_text(text)
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.cancel_button.setAccessibleDescription(
            _("Stop reading the rest of the book; what is shown stays"))

    def set_fraction(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, int(done * 1000 / total)))

    def set_progress(self, done: int, total: int) -> None:
        """Bytes received so far (``total`` -1 when the server did not say)."""
        self.set_fraction(done, total)
        if total > 0:
            text = _("Received {amount} of {total}…").format(
                amount=amount(done), total=amount(total))
        else:
            text = _("Received {amount}…").format(amount=amount(done))
        self.received.setText(text)
        self.received.show()

    def stop(self) -> None:
        self.hide()


def _short(what: str, limit: int = 70) -> str:
    return what if len(what) <= limit else what[: limit - 1] + "…"
