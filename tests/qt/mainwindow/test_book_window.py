"""A book in the window: its contents panel, the chapter shortcuts, the status line.

Offscreen, with the real loader, Player and speech worker, playing into a null sink;
the EPUB is one we build (tests/core/books/epubmake.py).
"""

from __future__ import annotations

import threading

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


class HeldBook:
    """The book reader, holding each part after the first until released.

    The real reader reads the real file; only its pace is ours, as a slow disk
    or a 3,000-page book would set it, so the window can be looked at while the
    rest of the book is still coming.
    """

    def __init__(self, monkeypatch) -> None:
        import lismoi.core.books as books

        self.release = threading.Event()
        self.holding = threading.Event()
        real = books.article_parts

        def held(doc, progress=None):
            for n, article in enumerate(real(doc, progress)):
                if n:
                    self.holding.set()
                    self.release.wait(60)
                yield article

        monkeypatch.setattr(books, "article_parts", held)


@pytest.fixture
def held_book(monkeypatch):
    held = HeldBook(monkeypatch)
    yield held
    held.release.set()


def open_first_part(qtbot, window, source) -> None:
    with qtbot.waitSignal(window.loader.loaded, timeout=30_000):
        window.open_source(source)
    assert window.opening.book_growing


def test_the_first_chapter_is_read_while_the_rest_loads(qtbot, window, epub, held_book):
    open_first_part(qtbot, window, epub)
    view = window.article_view
    first = len(window.article.blocks)
    assert [c.title for c in window.article.chapters] == ["The Departure"]
    assert window.loading_bar.isVisible()
    assert window.loading_bar.label.text() == "Reading the rest of the book…"
    assert not window.actions_by_name[Action.EXPORT].isEnabled()  # a book is exported whole
    log: list[int] = []
    window.reading.player.sentenceStarted.connect(lambda b, _s, _e: log.append(b))
    window.reading.play_all(0)
    qtbot.waitUntil(lambda: bool(log), timeout=PLAY_MS)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc stops the reading, not the loading
    assert window.reading.state is PlaybackState.STOPPED and window.opening.book_growing

    window.reading.play_all(first - 1)  # the last block there: then it waits for more
    held_book.release.set()
    qtbot.waitUntil(lambda: not window.opening.book_growing, timeout=30_000)
    assert [c.title for c in window.article.chapters] == [
        "The Departure", "Le Retour", "Sur la route"]
    assert [i.text(0) for i in window.contents.items] == [
        c.title for c in window.article.chapters]
    qtbot.waitUntil(lambda: view.complete, timeout=30_000)
    assert len(view.blocks) == len(window.article.blocks) > first
    assert f"of {len(window.article.blocks)}." in view.blocks[0].accessibleDescription()
    assert not window.loading_bar.isVisible()
    assert window.actions_by_name[Action.EXPORT].isEnabled()
    # The reading went on from the first part into the second.

    qtbot.waitUntil(lambda: any(b >= first for b in log), timeout=PLAY_MS)
    window.stop()


def test_cancelling_the_rest_keeps_what_is_shown_and_says_so(qtbot, window, epub, held_book):
    open_first_part(qtbot, window, epub)
    first = len(window.article.blocks)
    qtbot.waitUntil(held_book.holding.is_set, timeout=30_000)
    window.loading_bar.cancel_button.click()
    assert not window.opening.book_growing
    banner = window.banners.banner("error")
    assert banner is not None and banner.message == (
        f"The rest of the book was not loaded: {first} paragraphs are here. "
        "Open it again to read it all.")
    held_book.release.set()  # the reader's next part comes too late: dropped
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30_000)
    qtbot.wait(200)
    assert len(window.article.blocks) == first
    with qtbot.waitSignal(window.reading.player.finished, timeout=PLAY_MS):
        window.reading.play_all(first - 1)  # the end of what is here is the end now


def test_a_place_in_a_chapter_not_loaded_yet_is_offered_when_it_arrives(
        qtbot, window, epub, held_book):
    held_book.release.set()
    open_and_wait(qtbot, window, epub)
    third = window.article.chapters[2].first_block
    window.session.remember(third, 0)
    window.session.save_now()
    held_book.release.clear()
    open_first_part(qtbot, window, epub)
    assert third >= len(window.article.blocks)
    assert window.banners.banner("resume") is None  # not yet: that chapter is not here
    held_book.release.set()
    qtbot.waitUntil(lambda: window.banners.banner("resume") is not None, timeout=30_000)
    assert window.banners.banner("resume").message == (
        "Last time you stopped in chapter 3 of 3, “Sur la route”.")


def test_a_language_chosen_while_the_book_loads_is_applied_once_it_is_in(
        qtbot, window, epub, held_book):
    open_first_part(qtbot, window, epub)
    window.opening.reannotate("fr-CA")
    assert window.opening.book_growing  # the language did not stop the book's loading
    held_book.release.set()
    qtbot.waitUntil(lambda: window.article is not None and window.article.locale == "fr-CA",
                    timeout=30_000)
    assert len(window.article.chapters) == 3


def test_a_book_is_exported_from_the_window_a_file_per_chapter(qtbot, window, epub, tmp_path):
    open_and_wait(qtbot, window, epub)
    chapters: list[tuple[int, int, str]] = []
    window.export.exporter.chapter.connect(lambda n, c, t: chapters.append((n, c, t)))
    with qtbot.waitSignal(window.export.exporter.finished, timeout=120_000):
        assert window.export.export_to(str(tmp_path / "Mon livre.mp3"))
        assert window.export_bar.label.text() == "Exporting to Mon livre/…"
    folder = tmp_path / "Mon livre"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["01 - The Departure.mp3", "02 - Le Retour.mp3", "A Book of Our Own.m3u"]
    assert all((folder / n).stat().st_size > 2_000 for n in names[:2])
    assert chapters == [(1, 2, "The Departure"), (2, 2, "Le Retour")]
    playlist = (folder / "A Book of Our Own.m3u").read_text(encoding="utf-8")
    assert playlist.index("01 - The Departure.mp3") < playlist.index("02 - Le Retour.mp3")
    banner = window.banners.banner("export")
    assert banner is not None and banner.message.startswith(
        "Saved 2 chapters in Mon livre, with the playlist A Book of Our Own.m3u: ")


@pytest.fixture
def long_epub(tmp_path) -> str:
    """Eight chapters of 120 paragraphs: their ends are far past what is built at first."""
    docs, toc = [], []
    for n in range(1, 9):
        body = f"<h1>Chapter {n}</h1>" + "".join(
            f"<p>Paragraph {i} of chapter {n}, a short one.</p>" for i in range(120))
        docs.append(epubmake.Doc(f"ch{n}.xhtml", body, title=f"Chapter {n}"))
        toc.append((f"Chapter {n}", f"ch{n}.xhtml", 1))
    path = tmp_path / "long.epub"
    path.write_bytes(epubmake.build(epubmake.Book(title="A Long Book", docs=docs, toc=toc)))
    return str(path)


def test_far_places_in_a_long_book_are_reached_without_building_all_before(
        qtbot, window, long_epub):
    from lismoi.qt.article_view import FAR_BLOCKS

    open_and_wait(qtbot, window, long_epub)
    view = window.article_view
    view.defer_building(True)  # as while a book loads: built as far as asked
    # Reading from chapter 5: what is heard is marked once its block is built.
    target = window.article.chapters[4].first_block + 10
    assert target - len(view.blocks) > FAR_BLOCKS
    with qtbot.waitSignal(window.reading.player.blockStarted, timeout=PLAY_MS,
                          check_params_cb=lambda b: b == target):
        window.reading.play_all(target)
    qtbot.waitUntil(lambda: view.current == target, timeout=PLAY_MS)
    window.reading.stop()
    # Enter on the last chapter in the Contents: the focus lands on its heading.
    last = window.article.chapters[-1].first_block
    assert last - len(view.blocks) > FAR_BLOCKS
    contents = window.contents
    contents.setFocus()
    qtbot.keyClick(contents, Qt.Key.Key_End)
    qtbot.keyClick(contents, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.focused_block() == last, timeout=PLAY_MS)
    assert "Chapter 8 of 8: Chapter 8" in window.transport.status.text()
    assert len(view.blocks) < len(window.article.blocks)  # not the whole book
