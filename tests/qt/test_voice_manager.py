"""Voices › Get natural voices…: the real dialog installing joe from the local mirror.

Real widgets (offscreen), the real installer thread, the real HTTP server on
127.0.0.1 serving the real en_US-joe-medium files with the bundled catalog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QProgressBar, QTableWidget

from lismoi.qt.voice_manager import VoiceManagerDialog
from tests.support.voice_mirror import JOE, joe_files, mirror


@pytest.fixture
def voices_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LISMOI_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "voices"


@pytest.fixture
def make_dialog(qtbot):
    made: list[VoiceManagerDialog] = []

    def make(language: str | None = "en-US") -> VoiceManagerDialog:
        dialog = VoiceManagerDialog(None, language=language)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.installer.wait()


def _row_of(dialog: VoiceManagerDialog, voice_id: str) -> list[str]:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == voice_id:
            return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]
    raise KeyError(voice_id)


def test_lists_the_catalog_with_the_articles_language_first(make_dialog, voices_home):
    dialog = make_dialog("fr-CA")
    assert dialog.filter.currentData() == "fr_FR"  # French voices shown, for a French article
    ids = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert ids and all(i.startswith("fr_FR-") for i in ids)
    assert _row_of(dialog, "fr_FR-upmc-medium")[1:4] == ["fr-FR", "medium", "2 speakers"]
    dialog.filter.setCurrentIndex(dialog.filter.findData(""))  # all languages
    all_ids = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert JOE in all_ids and all_ids[: len(ids)] == ids  # the article's language first
    english = make_dialog("en")
    assert english.filter.currentData() == "en_US"
    assert english.voices[0].family == "en"


def test_install_with_progress_then_remove(
    make_dialog, voices_home, http_server, monkeypatch, qtbot
):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, every=0.002))
    dialog = make_dialog("en-US")
    dialog.select(JOE)
    assert dialog.install_button.isEnabled() and not dialog.remove_button.isEnabled()
    values: list[int] = []
    dialog.installer.progress.connect(lambda kb, _total: values.append(kb))
    with qtbot.waitSignal(dialog.voicesChanged, timeout=120_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
        # the UI thread is free while it downloads: the bar moves under our eyes
        qtbot.waitUntil(
            lambda: 0 < dialog.progress.value() < dialog.progress.maximum(), timeout=60_000
        )
        assert dialog.cancel_button.isEnabled() and not dialog.install_button.isEnabled()
        assert " of 63.2 MB" in dialog.progress.format()
    model, config = joe_files()
    assert len(values) > 10 and values == sorted(values)
    assert (
        dialog.progress.value() == dialog.progress.maximum() == (len(model) + len(config)) // 1024
    )
    assert "is installed (size and checksum verified)" in dialog.status.text()
    assert _row_of(dialog, JOE)[-1] == "yes"
    assert (voices_home / JOE / f"{JOE}.onnx").stat().st_size == len(model)
    assert dialog.remove_button.isEnabled() and not dialog.install_button.isEnabled()

    with qtbot.waitSignal(dialog.voicesChanged, timeout=10_000):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert _row_of(dialog, JOE)[-1] == "no"
    assert list(voices_home.iterdir()) == []
    assert dialog.status.text() == f"{JOE} was removed."


def test_cancel_midway(make_dialog, voices_home, http_server, monkeypatch, qtbot):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, every=0.01))  # ~6 MB/s
    dialog = make_dialog()
    dialog.select(JOE)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on a voice installs it
    qtbot.waitUntil(lambda: dialog.progress.value() > 1024, timeout=60_000)
    assert dialog.cancel_button.hasFocus()  # ready for Space to cancel
    with qtbot.waitSignal(dialog.installer.finished, timeout=30_000):
        qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    assert dialog.status.text() == "The download was cancelled; nothing was installed."
    assert list(voices_home.iterdir()) == []
    assert _row_of(dialog, JOE)[-1] == "no" and dialog.install_button.isEnabled()


def test_a_damaged_download_is_said_in_the_dialog(
    make_dialog, voices_home, http_server, monkeypatch, qtbot
):
    model = bytearray(joe_files()[0])
    model[-1] ^= 0x55
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, model=bytes(model)))
    dialog = make_dialog()
    dialog.select(JOE)
    with qtbot.waitSignal(dialog.installer.failed, timeout=60_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("The download was damaged (en_US-joe-medium.onnx")
    assert list(voices_home.iterdir()) == []
    assert _row_of(dialog, JOE)[-1] == "no"


def test_closing_while_downloading_cancels_first(
    make_dialog, voices_home, http_server, monkeypatch, qtbot
):
    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server, every=0.01))
    dialog = make_dialog()
    dialog.select(JOE)
    dialog.install_selected()
    qtbot.waitUntil(lambda: dialog.progress.value() > 512, timeout=60_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # still there while the download cleans up
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert list(voices_home.iterdir()) == []


def test_keyboard_and_screen_reader_names(make_dialog, voices_home, qtbot):
    dialog = make_dialog()
    controls = dialog.findChildren(QAbstractButton) + [
        dialog.findChild(QComboBox),
        dialog.findChild(QTableWidget),
        dialog.findChild(QProgressBar),
    ]
    for w in controls:
        if w.parent() is dialog.table or w.objectName().startswith("qt_"):
            continue  # the table's own corner button
        assert w.accessibleName(), w
    # the filter has its mnemonic label, the buttons their keys
    assert {b.text() for b in (dialog.install_button, dialog.remove_button)} == {
        "&Install",
        "&Remove",
    }
    # arrows move through the voices, Tab leaves the table for the buttons
    dialog.table.setFocus()
    first, second = (dialog.table.item(r, 0).text() for r in (0, 1))
    assert dialog.selected_id() == first
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected_id() == second
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    assert dialog.selected_id() == first
    assert not dialog.table.tabKeyNavigation()


def test_the_window_menu_opens_it_and_refreshes_its_voices(
    window_factory, voices_home, http_server, monkeypatch, qtbot
):
    from lismoi.qt.shortcuts import Action

    monkeypatch.setenv("LISMOI_VOICES_URL", mirror(http_server))
    window = window_factory()
    qtbot.waitUntil(lambda: bool(window.voices.catalog), timeout=60_000)  # the start-up list
    lists: list[object] = []
    window.loader.voicesReady.connect(lists.append)
    action = window.actions_by_name[Action.GET_VOICES]
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    assert action in menus["V&oices"].actions()
    assert action.text() == "&Get natural voices…"
    action.trigger()
    dialog = window.voice_manager
    assert isinstance(dialog, VoiceManagerDialog) and dialog.isVisible()
    dialog.select(JOE)
    with qtbot.waitSignal(dialog.voicesChanged, timeout=120_000):
        dialog.install_selected()
    assert (voices_home / JOE / f"{JOE}.onnx").is_file()
    qtbot.waitUntil(lambda: len(lists) == 1, timeout=60_000)  # the window re-read its voices
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.voice_manager is None


def test_the_window_start_removes_a_killed_downloads_leftover(window_factory, voices_home, qtbot):
    dead = voices_home / ".partial-en_US-joe-medium-0badc0de"  # no lock held: its owner died
    dead.mkdir(parents=True)
    (dead / f"{JOE}.onnx").write_bytes(b"\0" * 1000)
    (voices_home / "keep-me").mkdir()  # not the manager's: left alone
    window_factory()
    qtbot.waitUntil(lambda: not dead.exists(), timeout=30_000)
    assert [p.name for p in voices_home.iterdir()] == ["keep-me"]
