"""What assistive technology is given, through Qt's own accessibility API (issue 16).

The interfaces are queried the way Qt's AT-SPI and UI Automation bridges do
(``QAccessible.queryAccessibleInterface``, then the C++ sub-interfaces), on
real widgets: the blocks' roles, heading levels and text, the caret and the
selection moved by keys, the live status, the menus kept open under a
screen reader's replayed Alt, F10 and the window's title.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QMenu

from lismoi.core.article import Article, Block
from lismoi.core.settings import OPTIONS, Settings
from lismoi.qt import accessibility
from lismoi.qt.article_view import ArticleView
from lismoi.qt.key_priority import KeyPriority

# A menu popup grabs the keyboard and raises itself; the offscreen platform of the
# tests can do neither and says so (the machine's, not the app's doing).
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (grabbing the keyboard|raise\(\))$")

TEXT = ("Des centaines de cellules ont été fouillées mardi matin dans toute la France, "
        "visant des téléphones miniatures vendus comme « indétectables ».")


def iface(widget):
    return QAccessible.queryAccessibleInterface(widget)


def text_of(widget):
    # What the bridges get: the C++ text interface, through interface_cast.
    return QAccessibleWidget.textInterface(iface(widget))


@pytest.fixture
def view(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.set_article(Article(title="Titre", blocks=[
        Block(kind="paragraph", text=TEXT),
        Block(kind="heading", text="Une section", level=3),
        Block(kind="list_item", text="Un point de la liste"),
        Block(kind="quote", text="« Une citation »"),
        Block(kind="heading", text="Une autre section", level=2),
    ]))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_blocks_have_their_roles_levels_and_text(view) -> None:
    roles = [iface(b).role() for b in view.blocks]
    assert roles == [QAccessible.Role.Paragraph, QAccessible.Role.Heading,
                     QAccessible.Role.ListItem, QAccessible.Role.BlockQuote,
                     QAccessible.Role.Heading]
    heading = iface(view.blocks[1])
    attributes = QAccessibleWidget.attributesInterface(heading)
    assert attributes.attributeKeys() == [QAccessible.Attribute.Level]
    assert attributes.attributeValue(QAccessible.Attribute.Level) == 3
    assert QAccessibleWidget.attributesInterface(iface(view.blocks[0])).attributeKeys() == []
    assert heading.text(QAccessible.Text.Name) == "Une section"
    assert iface(view.blocks[0]).text(QAccessible.Text.Name) == "Paragraph 1"
    text = text_of(view.blocks[0])
    assert text.characterCount() == len(TEXT)
    assert text.text(0, len(TEXT)) == TEXT
    # The block exposes its play button, not the label that draws the text again.
    assert [iface(view.blocks[0]).child(i).object() for i in
            range(iface(view.blocks[0]).childCount())] == [view.blocks[0].play]


def test_the_caret_moves_by_character_word_and_line(view, qtbot) -> None:
    block = view.blocks[0]
    view.focus_block(0)
    qtbot.waitUntil(block.hasFocus)
    text = text_of(block)
    assert text.cursorPosition() == 0
    qtbot.keyClick(block, Qt.Key.Key_Right)
    assert text.cursorPosition() == 1
    qtbot.keyClick(block, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert text.cursorPosition() == 3  # the end of "Des", as Orca expects
    qtbot.keyClick(block, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert text.cursorPosition() == 13  # the end of "centaines"
    qtbot.keyClick(block, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert text.cursorPosition() == 4
    # Down goes to the next line inside the paragraph (it wraps in 700 px), not away.
    qtbot.keyClick(block, Qt.Key.Key_Down)
    assert view.focused_block() == 0 and text.cursorPosition() > 40
    for _ in range(10):
        qtbot.keyClick(view.blocks[view.focused_block()], Qt.Key.Key_Down)
    assert view.focused_block() > 0  # past the last line: the next block


def test_shift_selects_and_the_selection_is_exposed(view, qtbot) -> None:
    block = view.blocks[0]
    view.focus_block(0)
    qtbot.waitUntil(block.hasFocus)
    for _ in range(3):
        qtbot.keyClick(block, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert text_of(block).selectionCount() == 1
    assert block.selected_text() == "Des"
    qtbot.keyClick(block, Qt.Key.Key_Right)
    assert text_of(block).selectionCount() == 0


def test_while_reading_ctrl_arrows_go_to_the_window(view, qtbot) -> None:
    block = view.blocks[0]
    view.set_reading_active(True)
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Right,
                      Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(block, event)
    assert not event.isAccepted()  # the window's "next sentence" gets it
    view.set_reading_active(False)
    event = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Right,
                      Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(block, event)
    assert event.isAccepted()


def test_h_goes_from_heading_to_heading(view, qtbot) -> None:
    view.focus_block(0)
    qtbot.waitUntil(view.blocks[0].hasFocus)
    qtbot.keyClick(view.blocks[0], Qt.Key.Key_H)
    assert view.focused_block() == 1
    qtbot.keyClick(view.blocks[1], Qt.Key.Key_H)
    assert view.focused_block() == 4
    qtbot.keyClick(view.blocks[4], Qt.Key.Key_H)
    assert view.focused_block() == 4  # no heading after the last one
    qtbot.keyClick(view.blocks[4], Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    assert view.focused_block() == 1


def test_enter_reads_from_the_caret_and_the_caret_follows_the_words(view, qtbot) -> None:
    block = view.blocks[0]
    view.focus_block(0)
    qtbot.waitUntil(block.hasFocus)
    for _ in range(3):
        qtbot.keyClick(block, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.readFromRequested, check_params_cb=lambda i, c: (i, c) == (0, 16)):
        qtbot.keyClick(block, Qt.Key.Key_Return)
    view.highlight_word(0, 30, 33)
    assert block.caret() == 30 and view.caret_position() == (0, 30)
    view.caret_follows = False
    view.highlight_word(0, 40, 45)
    assert block.caret() == 30


def test_the_labels_drawing_the_text_have_a_text_interface(view) -> None:
    """Qt sends text events for a rich-text label each time it is redrawn with a new
    highlight: without a text interface the AT-SPI bridge warns "Received text event
    for invalid interface" (issue 16). The check the bridge makes, on every block."""
    for block in view.blocks:
        label_iface = iface(block.label)
        assert QAccessibleWidget.textInterface(label_iface) is not None
        assert QAccessibleWidget.textInterface(label_iface).characterCount() == len(
            block.block.text)
    from PySide6.QtWidgets import QLabel

    plain = QLabel("<b>rich</b>")  # the control: Qt's own label has none
    assert QAccessibleWidget.textInterface(iface(plain)) is None


def test_the_live_status_is_a_notification_that_says_the_message(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    status = accessibility.live_status(window)
    assert accessibility.live_status(window) is status  # one per window
    status.say("Playing")
    assert iface(status).role() == QAccessible.Role.Notification
    assert iface(status).text(QAccessible.Text.Name) == "Playing"
    accessibility.history.clear()
    accessibility.announce(window, "Paused")
    assert accessibility.history == ["Paused"]


def test_announce_setting() -> None:
    option = OPTIONS["announce"]
    assert option.default == "state"
    assert option.check("paragraphs") and not option.check("everything")
    assert OPTIONS["caret_follows_reading"].default is True
    assert Settings.load()["announce"] == "state"


@OFFSCREEN_POPUP
def test_a_replayed_alt_does_not_close_a_menu_it_opened(qtbot) -> None:
    """Alt+F opens the menu; the Alt press a screen reader held back arrives after."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    menu.addAction("Open")
    keys = KeyPriority()
    app = QApplication.instance()
    app.installEventFilter(keys)
    try:
        window.show()
        qtbot.waitExposed(window)
        # The shortcut was matched with Alt held (what the filter saw last) ...
        QApplication.sendEvent(window, QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F,
                                                 Qt.KeyboardModifier.AltModifier))
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(menu.isVisible)
        # ... then the held-back press of that Alt reaches the open menu: dropped.
        QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Alt,
                                               Qt.KeyboardModifier.NoModifier))
        assert menu.isVisible()
        QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Alt,
                                               Qt.KeyboardModifier.AltModifier))
        # A new press of Alt, after the release, closes it as always.
        QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Alt,
                                               Qt.KeyboardModifier.NoModifier))
        qtbot.waitUntil(lambda: not menu.isVisible())
    finally:
        app.removeEventFilter(keys)
        menu.close()


@OFFSCREEN_POPUP
def test_without_the_filter_the_replayed_alt_closes_the_menu(qtbot) -> None:
    """The control for the test above: Qt's menu closes on that Alt."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&File")
    menu.addAction("Open")
    window.show()
    qtbot.waitExposed(window)
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Alt,
                                           Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert isinstance(menu, QMenu)


@OFFSCREEN_POPUP
def test_window_title_and_f10(window_factory, qtbot) -> None:
    from lismoi.qt.shortcuts import Action

    window = window_factory(activate=True)
    assert window.windowTitle() == "Lis-moi"
    assert window.accessibleName() == ""  # screen readers say the title
    window.article_view.set_article(Article(title="Un article", blocks=[
        Block(kind="paragraph", text="Du texte.")]))
    assert window.windowTitle() == "Un article — Lis-moi"
    window.actions_by_name[Action.MENU_BAR].trigger()
    file_menu = window.menuBar().actions()[0].menu()
    qtbot.waitUntil(file_menu.isVisible)
    file_menu.close()
    window.article_view.clear()
    assert window.windowTitle() == "Lis-moi"


@pytest.mark.parametrize("announce", ["state", "paragraphs"])
def test_how_much_is_announced_while_reading(announce, window_factory, qtbot,
                                             pulse_sink) -> None:
    """``announce``: the states only, or each new paragraph too (real Player and sink)."""
    from lismoi.core.pipeline import article_from_text
    from lismoi.qt.player import Player

    settings = Settings.load()
    settings["announce"] = announce
    window = window_factory(player=Player(device=pulse_sink.qt_device()), settings=settings)
    article = article_from_text("Un.\n\nDeux.")
    window.show_article(article, None)
    accessibility.history.clear()
    window.reading.play_all(0)
    qtbot.waitUntil(lambda: "End of the article" in accessibility.history, timeout=30000)
    said = list(accessibility.history)
    assert said[0] == "Playing"
    paragraphs = [s for s in said if s.startswith("Paragraph ")]
    if announce == "paragraphs":
        assert paragraphs == ["Paragraph 1 of 2", "Paragraph 2 of 2"]
    else:
        assert paragraphs == []
