"""A book in the window: its contents panel, the chapter shortcuts, the status line.

Offscreen, with the real loader, Player and speech worker, playing into a null sink;
the EPUB is one we build (tests/core/books/epubmake.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lismoi.core.paths import SAMPLES_DIR
from lismoi.qt import accessibility
from lismoi.qt.mainwindow import MainWindow
from lismoi.qt.player.state import PlaybackState
from lismoi.qt.shortcuts import Action
from tests.core.books import epubmake
from tests.qt.mainwindow.test_window import PLAY_MS, open_and_wait
from tests.support.speech import WorkerFactory

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def speech_worker():
    """One speech process for the module (each Player would otherwise start its own)."""
    with WorkerFactory() as make:
        yield make()


@pytest.fixture
def window(window_factory, pulse_sink, speech_worker) -> MainWindow:
    from lismoi.qt.player import Player

    player = Player(worker=speech_worker, device=pulse_sink.qt_device())
    return window_factory(player=player, activate=True)


@pytest.fixture
def epub(tmp_path) -> str:
    path = tmp_path / "book.epub"
    path.write_bytes(epubmake.build(epubmake.sample()))
    return str(path)


def test_the_contents_panel_lists_the_chapters_and_enter_goes_there(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    chapters = window.article.chapters
    assert [c.title for c in chapters] == ["The Departure", "Le Retour", "Sur la route"]
    contents = window.contents
    assert contents.isVisible()
    assert contents.accessibleName() == "Contents"
    assert [item.text(0) for item in contents.items] == [c.title for c in chapters]
    assert window.transport.status.text().endswith("Chapter 1 of 3: The Departure")

    contents.setFocus()
    qtbot.keyClick(contents, Qt.Key.Key_Down)
    qtbot.keyClick(contents, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.article_view.focused_block() == chapters[1].first_block)
    assert window.reading.state is PlaybackState.STOPPED  # Enter goes there, does not read
    assert "Chapter 2 of 3: Le Retour" in window.transport.status.text()


def test_the_shortcuts_move_between_chapters_while_stopped(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    chapters, view = window.article.chapters, window.article_view
    assert window.actions_by_name[Action.NEXT_CHAPTER].isEnabled()
    view.focus_block(0)
    qtbot.keyClick(view.blocks[0], Qt.Key.Key_Down, CTRL_SHIFT)
    assert view.focused_block() == chapters[1].first_block
    qtbot.keyClick(view.blocks[chapters[1].first_block], Qt.Key.Key_Down, CTRL_SHIFT)
    assert view.focused_block() == chapters[2].first_block
    assert window.contents.current_chapter() == 2
    assert "Chapter 3 of 3: Sur la route" in window.transport.status.text()
    qtbot.keyClick(view.blocks[chapters[2].first_block], Qt.Key.Key_Up, CTRL_SHIFT)
    assert view.focused_block() == chapters[1].first_block
    assert window.reading.state is PlaybackState.STOPPED


def test_next_chapter_while_reading_reads_from_it_and_says_its_title(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    chapters, player = window.article.chapters, window.reading.player
    accessibility.history.clear()
    with qtbot.waitSignal(player.blockStarted, timeout=PLAY_MS):
        window.reading.play_all(0)
    assert "Chapter 1 of 3: The Departure" in accessibility.history
    target = chapters[1].first_block
    # The first block heard after the key is the chapter's (reading on would reach it
    # too, later: so the first one, not any one).
    with qtbot.waitSignal(player.blockStarted, timeout=PLAY_MS) as started:
        window.actions_by_name[Action.NEXT_CHAPTER].trigger()
    assert started.args == [target]
    assert "Chapter 2 of 3: Le Retour" in accessibility.history
    assert "Chapter 2 of 3: Le Retour" in window.transport.status.text()
    assert window.contents.current_chapter() == 1
    window.reading.stop()


def test_a_web_article_shows_no_contents(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    assert window.contents.isVisible()
    open_and_wait(qtbot, window, str(SAMPLES_DIR / "prison-telephones.html"))
    assert not window.contents.isVisible()
    assert "Chapter" not in window.transport.status.text()
    assert not window.actions_by_name[Action.NEXT_CHAPTER].isEnabled()


def test_space_in_the_contents_reads_the_selected_chapter(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    chapters, contents = window.article.chapters, window.contents
    contents.setFocus()
    qtbot.keyClick(contents, Qt.Key.Key_End)  # the last entry: "Sur la route"
    assert contents.current_chapter() == 2
    target = chapters[2].first_block
    with qtbot.waitSignal(window.reading.player.blockStarted, timeout=PLAY_MS) as started:
        qtbot.keyClick(contents, Qt.Key.Key_Space)
    assert started.args == [target]  # the first block heard: not block 0
    window.reading.stop()


def test_reopening_a_book_offers_to_resume_in_its_chapter(qtbot, window, epub):
    open_and_wait(qtbot, window, epub)
    chapters = window.article.chapters
    second = chapters[1].first_block
    # The listener reads in chapter 2, then stops there.
    with qtbot.waitSignal(window.reading.player.sentenceStarted, timeout=PLAY_MS,
                          check_params_cb=lambda b, _s, _e: b == second):
        window.reading.play_all(second)
    window.stop()
    window.session.save_now()
    open_and_wait(qtbot, window, epub)  # the same book again
    banner = window.banners.banner("resume")
    assert banner is not None
    assert banner.message == "Last time you stopped in chapter 2 of 3, “Le Retour”."
    assert [b.text() for b in banner.buttons] == ["Resume in chapter 2", "Start over"]
    with qtbot.waitSignal(window.reading.player.sentenceStarted, timeout=PLAY_MS) as started:
        banner.buttons[0].click()
    assert started.args[0] == second  # read on where it stopped, in that chapter
    window.stop()
