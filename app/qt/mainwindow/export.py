"""File › Export as audio: where to write, the progress bar, and the outcome's banner.

The writing itself is :class:`~lismoi.qt.exporting.Exporter`'s (a thread and
a speech process of its own, so listening goes on). :class:`ExportFlow`
asks where, with the extension of the chosen filter added when the typed
name has none, remembers the folder, and turns the Exporter's signals into
the export bar and a banner that says how long the audio is (or what to do).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog

from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.qt.accessibility import announce
from lismoi.qt.exporting import Exporter
from lismoi.qt.loading import LoadingBar

if TYPE_CHECKING:
    from lismoi.core.export import BookExport, ExportResult
    from lismoi.qt.mainwindow.window import MainWindow


def make_export_bar() -> LoadingBar:
    """The progress bar shown while exporting, named for screen readers."""
    bar = LoadingBar(names={
        "label": _("Exporting"),
        "bar": _("Export progress"),
        "bar_description": _("How much of the article has been written to the audio file"),
        "cancel": _("Cancel the export"),
        "cancel_description": _("Stop writing the audio file; no partial file is left"),
    })
    bar.setObjectName("ExportBar")
    return bar


def is_book(article: Article) -> bool:
    """Exported a file per chapter: an article with two chapters or more."""
    return len(article.chapters) >= 2


class ExportFlow:
    """One window's exports: the dialog, the Exporter, its bar and banners."""

    def __init__(self, window: MainWindow, bar: LoadingBar) -> None:
        self.w = window
        self.bar = bar
        self.exporter = Exporter(window)
        self.exporter.progress.connect(bar.set_fraction)
        self.exporter.chapter.connect(self._on_chapter)
        self.exporter.finished.connect(self._on_exported)
        self.exporter.failed.connect(self._on_failed)
        self.exporter.cancelled.connect(self._on_cancelled)
        bar.cancelRequested.connect(self.exporter.cancel)

    @property
    def busy(self) -> bool:
        return self.exporter.busy

    def dialog(self) -> None:
        """Ask where, then write the article in the background."""
        article = self.w.article
        if article is None or self.exporter.busy:
            return
        from lismoi.core.export import suggested_file_name

        folder = self.w.settings["export_folder"]
        if not folder or not os.path.isdir(folder):
            folder = str(Path.home())
        # Each filter with the extension added when the typed name has none.
        filters = {_("MP3 audio (*.mp3)"): ".mp3", _("Ogg Opus audio (*.opus *.ogg)"): ".opus",
                   _("WAV audio (*.wav)"): ".wav", _("FLAC audio (*.flac)"): ".flac"}
        name = suggested_file_name(article.title, ".mp3")
        # A book: one file per chapter, in a folder of the name given (and a playlist).
        title = _("Export the book as audio, one file per chapter") if is_book(article) \
            else _("Export as audio")
        path, chosen = QFileDialog.getSaveFileName(
            self.w, title, str(Path(folder) / name), ";;".join(filters))
        if path:
            self.export_to(path, default_suffix=filters.get(chosen, ".mp3"))

    def export_to(self, path: str, *, default_suffix: str = ".mp3") -> bool:
        """Write the open article to ``path`` (a known extension is added when missing)."""
        from lismoi.core.export import FORMATS

        article = self.w.article
        if article is None:
            return False
        target = Path(path)
        if target.suffix.lower() not in FORMATS:
            target = target.with_name(target.name + default_suffix)
        voice = self.w.settings.voice_for(article.locale or "")
        if voice not in {e.profile.id for e in self.w.voices.catalog}:
            voice = None  # the export picks the voice of each block's language itself
        book = is_book(article)
        if not self.exporter.start(article, target, voice=voice, rate=self.w.settings["rate"],
                                   chapters=book):
            return False
        self.w.settings["export_folder"] = str(target.parent)
        self.w.session.schedule_save()
        self.w.banners.remove("export")
        name = target.with_suffix("").name + "/" if book else target.name
        self.bar.start_text(_("Exporting to {name}…").format(name=name))
        self.w.update_actions()
        return True

    def close(self) -> None:
        self.exporter.close()

    def _ended(self) -> None:
        self.bar.stop()
        self.w.update_actions()

    def _on_chapter(self, number: int, count: int, title: str) -> None:
        self.bar.label.setText(_("Exporting chapter {n} of {count}: {title}…").format(
            n=number, count=count, title=title))

    def _on_exported(self, result: ExportResult | BookExport) -> None:
        from lismoi.core.export import BookExport

        self._ended()
        minutes, seconds = divmod(round(result.duration_ms / 1000), 60)
        if isinstance(result, BookExport):
            folder = result.folder
            message = _("Saved {count} chapters in {folder}, with the playlist {playlist}: "
                        "{minutes} min {seconds:02d} s of audio.").format(
                count=len(result.chapters), folder=folder.name, playlist=result.playlist.name,
                minutes=minutes, seconds=seconds)
        else:
            folder = result.path.parent
            message = _("Saved {name}: {minutes} min {seconds:02d} s of audio.").format(
                name=result.path.name, minutes=minutes, seconds=seconds)

        def open_folder() -> None:
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        self.w.banners.show_message(
            "info", message, [(_("Open the folder"), open_folder)], key="export")

    def _on_failed(self, err: BaseException) -> None:
        self._ended()
        self.w.banners.show_error(err, [(_("Export again…"), self.dialog)], key="export")

    def _on_cancelled(self) -> None:
        self._ended()
        announce(self.w, _("Export cancelled"))
