"""Voices › Get natural voices…: the catalog of Piper voices, install and remove.

:class:`VoiceManagerDialog` lists the catalog (:mod:`lismoi.core.voices.catalog`),
filterable by language with the article's language first, and installs a
voice with :class:`VoiceInstaller`, which runs
:func:`lismoi.core.voices.install.install` in a thread of its own pool: the
window stays responsive, the progress bar shows the bytes, Cancel stops the
download at its next piece of data (nothing is left on the disk), and a
failure is shown in the dialog in the installer's own plain words. After an
install or a removal :attr:`VoiceManagerDialog.voicesChanged` tells the window
to re-read its voice list.
"""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import N_, _
from lismoi.core.voices.catalog import CatalogVoice, load_catalog, mirror_url
from lismoi.qt.accessibility import announce

ALL = ""  # the filter's "every language" entry
COLUMNS = (
    N_("Voice"),
    N_("Language"),
    N_("Quality"),
    N_("Gender"),
    N_("Size"),
    N_("Licence"),
    N_("Installed"),
)


def _mb(n: int) -> str:
    return QLocale().toString(n / 1_000_000, "f", 1)


def language_name(code: str) -> str:
    """``fr_FR`` -> "French (France)" (Qt's names), or the code itself."""
    loc = QLocale(code)
    if loc.language() == QLocale.Language.C:
        return code
    return (
        f"{QLocale.languageToString(loc.language())} ({QLocale.territoryToString(loc.territory())})"
    )


class _Signals(QObject):
    progress = Signal(int, int)  # kilobytes done, kilobytes expected
    installed = Signal(str)  # the voice id
    failed = Signal(str)  # the message
    cancelled = Signal(str)  # the message


class _InstallTask(QRunnable):
    def __init__(self, voice_id: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the installer keeps it until its signal arrived
        self.voice_id = voice_id
        self.cancel = threading.Event()
        self.signals = _Signals()
        self._last_kb = -1

    def _progress(self, done: int, total: int) -> None:
        kb, total_kb = done // 1024, max(total // 1024, 1)
        # one signal per 256 kB (and the last): the UI thread is not flooded
        if kb - self._last_kb >= 256 or kb >= total_kb:
            self._last_kb = kb
            self.signals.progress.emit(kb, total_kb)

    def run(self) -> None:
        from lismoi.core.voices.install import InstallCancelled, install

        try:
            install(self.voice_id, progress=self._progress, cancel=self.cancel)
        except InstallCancelled as err:
            self.signals.cancelled.emit(str(err))
        except LismoiError as err:
            self.signals.failed.emit(str(err))
        except BaseException as err:  # noqa: BLE001 - every failure must reach the dialog
            self.signals.failed.emit(
                _("The voice could not be installed ({error}).").format(
                    error=f"{type(err).__name__}: {err}"
                )
            )
        else:
            self.signals.installed.emit(self.voice_id)


class VoiceInstaller(QObject):
    """One download at a time, in a thread of its own; results come as signals."""

    progress = Signal(int, int)  # kilobytes done, expected
    installed = Signal(str)
    failed = Signal(str)
    cancelled = Signal(str)
    finished = Signal()  # after any of the three above

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.task: _InstallTask | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, voice_id: str) -> None:
        if self.task is not None:
            return
        task = _InstallTask(voice_id)
        conn = Qt.ConnectionType.QueuedConnection
        task.signals.progress.connect(self.progress, conn)
        task.signals.installed.connect(lambda vid: self._end(self.installed, vid), conn)
        task.signals.failed.connect(lambda msg: self._end(self.failed, msg), conn)
        task.signals.cancelled.connect(lambda msg: self._end(self.cancelled, msg), conn)
        self.task = task
        self.pool.start(task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.set()

    def _end(self, signal, value: str) -> None:
        self.pool.waitForDone()  # the task has returned already: this is immediate
        self.task = None
        signal.emit(value)
        self.finished.emit()

    def wait(self) -> None:
        """Cancel and wait for the thread (the dialog is going away)."""
        self.cancel()
        self.pool.waitForDone()


class VoiceManagerDialog(QDialog):
    """The catalog, a language filter, Install / Remove / Cancel and the progress."""

    voicesChanged = Signal()  # a voice was installed or removed

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Get natural voices"))
        self.setObjectName("voice_manager")
        self.installer = VoiceInstaller(self)
        self.preferred = (language or "").replace("-", "_").split("_")[0].lower()
        self._close_after_cancel = False
        self.voices: list[CatalogVoice] = []
        self._build()
        self.installer.progress.connect(self._on_progress)
        self.installer.installed.connect(self._on_installed)
        self.installer.failed.connect(self._on_failed)
        self.installer.cancelled.connect(self._on_cancelled)
        self.installer.finished.connect(self._on_finished)
        if parent is not None:  # the window closing ends a download first
            parent.installEventFilter(self)
        self.reload()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        host = mirror_url().split("/")[2] if "://" in mirror_url() else mirror_url()
        intro = QLabel(
            _(
                "Natural voices are downloaded from Piper's voice collection ({host}), "
                "checked, then work offline. Each is about 30 to 80 MB."
            ).format(host=host)
        )
        intro.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setAccessibleName(_("Language"))
        filter_label = QLabel(_("&Language:"))
        filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(_("Natural voices"))
        self.table.setAccessibleDescription(
            _("Voice, language, quality, gender, size, licence and whether it is installed.")
        )

        self.install_button = QPushButton(_("&Install"))
        self.install_button.setAccessibleName(_("Install the selected voice"))
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected voice"))
        self.cancel_button = QPushButton(_("&Cancel download"))
        self.cancel_button.setAccessibleName(_("Cancel the download"))
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        buttons = QHBoxLayout()
        for b in (
            self.install_button,
            self.remove_button,
            self.cancel_button,
            None,
            self.close_button,
        ):
            if b is None:
                buttons.addStretch(1)
                continue
            b.setAutoDefault(False)  # Enter on a voice installs it; it never closes the dialog
            buttons.addWidget(b)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Download progress"))
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(" ")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 460)

        self.filter.currentIndexChanged.connect(self._fill_table)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.install_selected())
        self.install_button.clicked.connect(self.install_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.cancel_button.clicked.connect(self.installer.cancel)
        self.close_button.clicked.connect(self.reject)

    # -- the catalog --------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the catalog and what is installed; keep the filter and selection."""
        from lismoi.core.voices.install import downloaded_voices

        try:
            catalog = list(load_catalog())
            self.installed = {v.id for v in downloaded_voices()}
        except (LismoiError, OSError) as err:
            catalog, self.installed = [], set()
            self.show_error(str(err))
        # the article's language first, the rest in the catalog's order
        self.voices = sorted(catalog, key=lambda v: v.family != self.preferred)
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(_("All languages"), ALL)
        for code in dict.fromkeys(v.language for v in self.voices):
            self.filter.addItem(f"{language_name(code)} — {code}", code)
        if current is None:  # first time: the article's language, when we have voices for it
            first = next((v.language for v in self.voices if v.family == self.preferred), ALL)
            current = first if self.preferred else ALL
        index = self.filter.findData(current)
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)
        self._fill_table()

    def _shown(self) -> list[CatalogVoice]:
        code = self.filter.currentData() or ALL
        return [v for v in self.voices if code == ALL or v.language == code]

    def _fill_table(self) -> None:
        selected = self.selected_id()
        shown = self._shown()
        self.table.setRowCount(len(shown))
        for row, v in enumerate(shown):
            installed = v.id in self.installed
            cells = (
                v.id,
                v.bcp47,
                v.quality.replace("_", " "),
                v.gender_label(),
                _("{mb} MB").format(mb=_mb(v.size)),
                v.licence,
                _("yes") if installed else _("no"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                self.table.setItem(row, col, item)
        row = next((i for i, v in enumerate(shown) if v.id == selected), 0 if shown else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select(self, voice_id: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == voice_id:
                self.table.selectRow(row)
                return
        raise KeyError(voice_id)

    def _update_buttons(self) -> None:
        vid = self.selected_id()
        busy = self.installer.busy
        self.install_button.setEnabled(bool(vid) and not busy and vid not in self.installed)
        self.remove_button.setEnabled(bool(vid) and not busy and vid in self.installed)
        self.cancel_button.setEnabled(busy)
        self.filter.setEnabled(not busy)

    # -- install, cancel, remove --------------------------------------------------------

    def install_selected(self) -> None:
        vid = self.selected_id()
        if not vid or self.installer.busy or vid in self.installed:
            return
        self.status.setText(_("Downloading {id}…").format(id=vid))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.installer.start(vid)
        self._update_buttons()
        self.cancel_button.setFocus()
        announce(self, _("Downloading {id}").format(id=vid))

    def _on_progress(self, kb: int, total_kb: int) -> None:
        self.progress.setRange(0, total_kb)
        self.progress.setValue(min(kb, total_kb))
        text = _("{done} of {total} MB").format(done=_mb(kb * 1024), total=_mb(total_kb * 1024))
        self.progress.setFormat(text)
        self.progress.setAccessibleDescription(text)

    def _on_installed(self, vid: str) -> None:
        self.status.setText(_("{id} is installed (size and checksum verified).").format(id=vid))
        self.progress.setValue(self.progress.maximum())
        announce(self, self.status.text())
        self.reload()
        self.voicesChanged.emit()

    def _on_failed(self, message: str) -> None:
        self.show_error(message)
        self.progress.setValue(0)
        self.progress.setFormat(" ")

    def _on_cancelled(self, message: str) -> None:
        self.status.setText(message)
        self.progress.setValue(0)
        self.progress.setFormat(" ")
        announce(self, message)

    def _on_finished(self) -> None:
        self._update_buttons()
        if self._close_after_cancel:
            self.reject()

    def show_error(self, message: str) -> None:
        self.status.setText(message)
        announce(self, message, assertive=True)

    def remove_selected(self) -> None:
        from lismoi.core.voices.install import remove

        vid = self.selected_id()
        if not vid or self.installer.busy or vid not in self.installed:
            return
        try:
            remove(vid)
        except LismoiError as err:
            self.show_error(str(err))
            return
        self.status.setText(_("{id} was removed.").format(id=vid))
        announce(self, self.status.text())
        self.reload()
        self.voicesChanged.emit()

    # -- closing ------------------------------------------------------------------------

    def _cancel_then_close(self) -> bool:
        """While downloading: cancel, and close once it has cleaned up (True)."""
        if not self.installer.busy:
            return False
        self._close_after_cancel = True
        self.installer.cancel()
        self.status.setText(_("Cancelling the download…"))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.Close
            and watched is self.parent()
            and shiboken6.isValid(self.installer)  # not while the window is being deleted
            and self.installer.busy
        ):
            self.installer.wait()  # cancelled: returns at the download's next piece of data
        return False

    def reject(self) -> None:  # Esc, Close
        if not self._cancel_then_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._cancel_then_close():
            event.ignore()
            return
        super().closeEvent(event)
