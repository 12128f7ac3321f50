"""The voice bar with a natural voice: joe reads English, espeak-ng can be chosen instead.

The real window, offscreen, with the real loader, Player and speech
processes (espeak-ng's and Piper's, the joe voice of the test extra).
"""

from __future__ import annotations

import pytest

from lismoi.core.settings import Settings
from lismoi.core.speech.pool import SpeechPool
from lismoi.qt.voice_bar import voice_note, voice_text
from tests.qt.mainwindow.test_window import open_and_wait, wait_voices

JOE = "en_US-joe-medium"
PAGE = """<!doctype html><html lang="en-US"><head><title>City budget</title></head><body>
<article><h1>City budget</h1>
<p>The committee met on Tuesday morning, and after a long debate it approved the new
budget for the city. The mayor said she was pleased with the result.</p>
<p>Work on the old bridge will start in June. It should take about a year, and the
road will stay open during the work.</p></article></body></html>"""


@pytest.fixture(scope="module")
def pool():
    with SpeechPool() as pool:
        yield pool


@pytest.fixture
def make_window(window_factory, pulse_sink, pool):
    from lismoi.qt.player import Player

    def make(**kwargs):
        player = Player(pool=pool, device=pulse_sink.qt_device())
        return window_factory(player=player, **kwargs)

    return make


def test_the_bar_shows_joe_and_the_espeak_choice_is_remembered(
    qtbot, tmp_path, make_window
) -> None:
    page = tmp_path / "budget.html"
    page.write_text(PAGE, encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, str(page))
    wait_voices(qtbot, window)
    selector = window.voice_bar.voice
    entry = selector.current_entry()
    # An English article: the natural voice, said to be one, and what it lacks said too.
    assert entry.profile.id == "en-US-male"
    assert entry.resolved.voice_id == JOE and entry.resolved.natural
    assert selector.combo.currentText() == (
        "English (United States) Male — Joe (en_US, medium) (natural voice)")
    assert selector.note.isVisibleTo(window)
    assert selector.note.text() == voice_note(entry) == (
        "Natural voice: the sentence being read is highlighted, not each word.")
    assert "Natural voice" in selector.combo.accessibleDescription()
    assert window.reading.player.voice_for_block(1).voice_id == JOE
    # espeak-ng, the same profile, right after it.
    pinned = selector.combo.findData("en-US-male@espeak")
    assert pinned == selector.combo.currentIndex() + 1
    assert voice_text(selector.entries[pinned]) == (
        "English (United States) Male (espeak-ng) — English (United States)")
    with qtbot.waitSignal(window.voice_bar.voiceChosen, timeout=5000) as chosen:
        selector.combo.setCurrentIndex(pinned)
    assert chosen.args == ["en", "en-US-male@espeak"]
    assert not selector.note.isVisibleTo(window)  # espeak-ng highlights words: no note
    voice = window.reading.player.voice_for_block(1)
    assert (voice.engine, voice.natural) == ("espeak", False)
    window.session.save_now()
    # A new start: the remembered choice is read from the settings file.
    assert Settings.load().voice_for("en-US") == "en-US-male@espeak"
    again = make_window(settings=Settings.load())
    open_and_wait(qtbot, again, str(page))
    wait_voices(qtbot, again)
    assert again.voice_bar.voice.current_entry().profile.id == "en-US-male@espeak"
    assert again.reading.player.voice_for_block(1).engine == "espeak"


def test_space_starts_a_natural_voice_at_once_from_the_focused_paragraph(
    qtbot, tmp_path, make_window
) -> None:
    # Opening focuses the first paragraph; the window asks the Player to make its
    # first clause ahead (joe takes ~200 ms for it), so Space plays from the cache.
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    page = tmp_path / "budget.html"
    page.write_text(PAGE, encoding="utf-8")
    window = make_window(activate=True)
    open_and_wait(qtbot, window, str(page))
    wait_voices(qtbot, window)
    player = window.reading.player
    assert player.voice_for_block(0).voice_id == JOE
    assert window.article_view.caret_position() == (0, 0)
    qtbot.waitUntil(lambda: len(player._cache._pieces) == 1, timeout=60_000)
    queued = []
    player.audio.segmentQueued.connect(queued.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert [s.tag for s in queued] == [(0, 0)]  # given to the sink within the key press
    with qtbot.waitSignal(player.sentenceStarted, timeout=30_000):
        pass
    window.reading.stop()
