"""The window's actions and menus, declared once as tables.

:data:`ACTION_TEXTS` gives each :class:`~lismoi.qt.shortcuts.Action` its
menu text; its keys, status tip and tooltip come from the shortcuts table,
so the menus, the transport buttons and Help › Keyboard shortcuts always
agree. :data:`MENUS` lays the menus out. The handlers are the window's to
connect (:meth:`lismoi.qt.mainwindow.window.MainWindow.handlers`): this
module knows no controller.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from lismoi.core.i18n import N_, _
from lismoi.qt.shortcuts import SHORTCUTS, Action

ACTION_TEXTS: dict[Action, str] = {
    Action.OPEN_FILE: N_("&Open…"),
    Action.OPEN_URL: N_("Open &web address…"),
    Action.PASTE: N_("&Paste article or link"),
    Action.EXPORT: N_("&Export as audio…"),
    Action.QUIT: N_("&Quit"),
    Action.PLAY_PAUSE: N_("Play"),
    Action.STOP: N_("Stop"),
    Action.PLAY_ALL: N_("Play &all"),
    Action.NEXT_CHAPTER: N_("Next c&hapter"),
    Action.PREVIOUS_CHAPTER: N_("Previous cha&pter"),
    Action.NEXT_BLOCK: N_("Next paragraph"),
    Action.PREVIOUS_BLOCK: N_("Previous paragraph"),
    Action.NEXT_SENTENCE: N_("Next sentence"),
    Action.PREVIOUS_SENTENCE: N_("Previous sentence"),
    Action.REPLAY_SENTENCE: N_("&Repeat the sentence"),
    Action.SENTENCE_BY_SENTENCE: N_("&Sentence by sentence"),
    Action.FASTER: N_("Faster"),
    Action.SLOWER: N_("Slower"),
    Action.VOLUME_UP: N_("Louder"),
    Action.VOLUME_DOWN: N_("Softer"),
    Action.FOLLOW: N_("&Back to reading"),
    Action.ZOOM_IN: N_("Zoom &in"),
    Action.ZOOM_OUT: N_("Zoom &out"),
    Action.ZOOM_RESET: N_("&Reset zoom"),
    Action.HIGH_CONTRAST: N_("&High contrast"),
    Action.MENU_BAR: N_("Menu bar"),
    Action.GET_VOICES: N_("&Get natural voices…"),
    Action.SHORTCUTS: N_("&Keyboard shortcuts"),
    Action.ABOUT: N_("&About Lis-moi"),
    Action.ANNOUNCE_PARAGRAPHS: N_("A&nnounce each new paragraph"),
    Action.CARET_FOLLOWS: N_("&Caret follows the reading"),
}

CHECKABLE = frozenset({Action.HIGH_CONTRAST, Action.SENTENCE_BY_SENTENCE,
                       Action.ANNOUNCE_PARAGRAPHS, Action.CARET_FOLLOWS})

# Enabled only with an article open (Stop and Export have rules of their own).
# (Next/previous chapter also need chapters: the window enables them.)
NEED_ARTICLE = (Action.PLAY_PAUSE, Action.PLAY_ALL, Action.NEXT_BLOCK, Action.PREVIOUS_BLOCK,
                Action.NEXT_SENTENCE, Action.PREVIOUS_SENTENCE, Action.REPLAY_SENTENCE,
                Action.FOLLOW, Action.NEXT_CHAPTER, Action.PREVIOUS_CHAPTER)

# Menu entries without a keyboard shortcut (so not in the SHORTCUTS table).
NO_KEY = (Action.ABOUT, Action.ANNOUNCE_PARAGRAPHS, Action.CARET_FOLLOWS)

SEPARATOR = None
RECENT_MENU = "recent"  # File › Recent articles, filled when it opens
UI_LANGUAGE_MENU = "ui_language"  # View › Interface language
Entry = Action | str | None  # an action, a named submenu, or a separator

MENUS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (N_("&File"), (Action.OPEN_FILE, Action.OPEN_URL, Action.PASTE, RECENT_MENU, SEPARATOR,
                   Action.EXPORT, SEPARATOR, Action.QUIT)),
    (N_("&Reading"), (Action.PLAY_PAUSE, Action.STOP, Action.PLAY_ALL, SEPARATOR,
                      Action.PREVIOUS_CHAPTER, Action.NEXT_CHAPTER,
                      Action.PREVIOUS_BLOCK, Action.NEXT_BLOCK, Action.PREVIOUS_SENTENCE,
                      Action.NEXT_SENTENCE, Action.REPLAY_SENTENCE,
                      Action.SENTENCE_BY_SENTENCE, SEPARATOR, Action.SLOWER, Action.FASTER,
                      Action.VOLUME_DOWN, Action.VOLUME_UP, SEPARATOR, Action.FOLLOW,
                      Action.CARET_FOLLOWS, Action.ANNOUNCE_PARAGRAPHS)),
    (N_("&View"), (Action.ZOOM_IN, Action.ZOOM_OUT, Action.ZOOM_RESET, SEPARATOR,
                   Action.HIGH_CONTRAST, SEPARATOR, UI_LANGUAGE_MENU)),
    (N_("V&oices"), (Action.GET_VOICES,)),
    (N_("&Help"), (Action.SHORTCUTS, Action.ABOUT)),
)
SUBMENU_TITLES = {RECENT_MENU: N_("&Recent articles"),
                  UI_LANGUAGE_MENU: N_("Interface &language")}


def make_actions(window: QMainWindow) -> dict[Action, QAction]:
    """One QAction per window action, with its keys from the shortcuts table."""
    actions: dict[Action, QAction] = {}
    for sc in SHORTCUTS:
        if sc.scope != "window":
            continue  # keys of the article view: it handles them itself
        action = QAction(_(ACTION_TEXTS[sc.action]), window)
        action.setShortcuts(sc.sequences())
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(_(sc.label))
        action.setToolTip(f"{_(sc.label)} ({sc.display_keys()})")
        window.addAction(action)  # shortcuts work even when the menu bar is hidden
        actions[sc.action] = action
    for keyless in NO_KEY:
        actions[keyless] = QAction(_(ACTION_TEXTS[keyless]), window)
    for name, action in actions.items():
        action.setObjectName(name.value)
        action.setCheckable(name in CHECKABLE)
    return actions


def make_menus(window: QMainWindow, actions: dict[Action, QAction]) -> dict[str, QMenu]:
    """The menu bar from :data:`MENUS`; the named submenus, for the window to fill."""
    bar = window.menuBar()
    submenus: dict[str, QMenu] = {}
    for title, entries in MENUS:
        menu = bar.addMenu(_(title))
        _add_entries(menu, entries, actions, submenus)
    return submenus


def _add_entries(menu: QMenu, entries: Sequence[Entry], actions: dict[Action, QAction],
                 submenus: dict[str, QMenu]) -> None:
    for entry in entries:
        if entry is SEPARATOR:
            menu.addSeparator()
        elif isinstance(entry, Action):
            menu.addAction(actions[entry])
        else:
            submenus[entry] = menu.addMenu(_(SUBMENU_TITLES[entry]))
