"""The window's actions and the one table of their keyboard shortcuts.

:class:`Action` names every action of the main window once (the window binds
its handler to it, :mod:`lismoi.qt.mainwindow.actions` gives its menu text).
Each :data:`SHORTCUTS` entry names an action, the key sequences (the first
one is shown in menus), the group it is listed under and what it does.
Changing a key here changes both the behaviour and the help.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QKeySequence

from lismoi.core.i18n import N_, _


class Action(str, Enum):
    """Every action of the main window; the value is the QAction's object name.

    A ``str`` so that ``"play_pause"`` still finds it in a dict keyed by actions
    (tests, the docs generator); not ``StrEnum``, which Python 3.10 lacks.
    """

    __str__ = str.__str__  # "play_pause", not "Action.PLAY_PAUSE"

    OPEN_FILE = "open_file"
    OPEN_URL = "open_url"
    PASTE = "paste"
    EXPORT = "export"
    QUIT = "quit"
    PLAY_PAUSE = "play_pause"
    STOP = "stop"
    PLAY_ALL = "play_all"
    READ_HERE = "read_here"  # keys of the article view, no window action
    READ_BLOCK = "read_block"  # the same
    NEXT_HEADING = "next_heading"  # the same
    PREVIOUS_HEADING = "previous_heading"  # the same
    NEXT_CHAPTER = "next_chapter"
    PREVIOUS_CHAPTER = "previous_chapter"
    NEXT_BLOCK = "next_block"
    PREVIOUS_BLOCK = "previous_block"
    NEXT_SENTENCE = "next_sentence"
    PREVIOUS_SENTENCE = "previous_sentence"
    REPLAY_SENTENCE = "replay_sentence"
    SENTENCE_BY_SENTENCE = "sentence_by_sentence"
    FASTER = "faster"
    SLOWER = "slower"
    VOLUME_UP = "volume_up"
    VOLUME_DOWN = "volume_down"
    FOLLOW = "follow"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    ZOOM_RESET = "zoom_reset"
    HIGH_CONTRAST = "high_contrast"
    MENU_BAR = "menu_bar"
    GET_VOICES = "get_voices"
    SHORTCUTS = "shortcuts"
    ABOUT = "about"  # in the Help menu, no key
    ANNOUNCE_PARAGRAPHS = "announce_paragraphs"  # Reading menu toggles, no key
    CARET_FOLLOWS = "caret_follows"


@dataclass(frozen=True)
class Shortcut:
    action: Action
    keys: tuple[str, ...]  # portable QKeySequence strings
    group: str  # untranslated group title, translated on display
    label: str  # untranslated, translated on display
    scope: str = "window"  # "window": a window action; "article": keys of the article view

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keys]

    def display_keys(self) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        return ", ".join(QKeySequence(k).toString(native) for k in self.keys)


FILE, READING, VIEW, HELP = N_("File"), N_("Reading"), N_("View"), N_("Help")
VOICES = N_("Voices")

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(Action.OPEN_FILE, ("Ctrl+O",), FILE, N_("Open a file")),
    Shortcut(Action.OPEN_URL, ("Ctrl+L",), FILE, N_("Open a web address")),
    Shortcut(Action.PASTE, ("Ctrl+Shift+V",), FILE, N_("Paste an article or a link")),
    Shortcut(Action.EXPORT, ("Ctrl+E",), FILE, N_("Export the article as an audio file")),
    Shortcut(Action.QUIT, ("Ctrl+Q",), FILE, N_("Quit")),
    Shortcut(Action.PLAY_PAUSE, ("Space",), READING, N_("Play or pause")),
    Shortcut(Action.STOP, ("Esc",), READING, N_("Stop (or cancel loading)")),
    Shortcut(Action.PLAY_ALL, ("Ctrl+Return",), READING, N_("Play all from the beginning")),
    Shortcut(Action.READ_HERE, ("Return",), READING, N_("Read from the selected paragraph"),
             "article"),
    Shortcut(Action.READ_BLOCK, ("Shift+Return",), READING,
             N_("Read only the selected paragraph"), "article"),
    Shortcut(Action.NEXT_HEADING, ("H",), READING, N_("Go to the next heading"), "article"),
    Shortcut(Action.PREVIOUS_HEADING, ("Shift+H",), READING, N_("Go to the previous heading"),
             "article"),
    Shortcut(Action.NEXT_CHAPTER, ("Ctrl+Shift+Down",), READING, N_("Next chapter")),
    Shortcut(Action.PREVIOUS_CHAPTER, ("Ctrl+Shift+Up",), READING,
             N_("Previous chapter (or the start of this one)")),
    Shortcut(Action.NEXT_BLOCK, ("Ctrl+Down",), READING, N_("Next paragraph")),
    Shortcut(Action.PREVIOUS_BLOCK, ("Ctrl+Up",), READING, N_("Previous paragraph")),
    Shortcut(Action.NEXT_SENTENCE, ("Ctrl+Right",), READING, N_("Next sentence")),
    Shortcut(Action.PREVIOUS_SENTENCE, ("Ctrl+Left",), READING, N_("Previous sentence")),
    Shortcut(Action.REPLAY_SENTENCE, ("R",), READING, N_("Repeat the sentence")),
    Shortcut(Action.SENTENCE_BY_SENTENCE, ("S",), READING,
             N_("Sentence by sentence: pause after each one (on or off)")),
    Shortcut(Action.FASTER, ("]",), READING, N_("Faster")),
    Shortcut(Action.SLOWER, ("[",), READING, N_("Slower")),
    Shortcut(Action.VOLUME_UP, ("Alt+Up",), READING, N_("Volume up")),
    Shortcut(Action.VOLUME_DOWN, ("Alt+Down",), READING, N_("Volume down")),
    Shortcut(Action.FOLLOW, ("Ctrl+J",), READING, N_("Back to the paragraph being read")),
    Shortcut(Action.ZOOM_IN, ("Ctrl++", "Ctrl+="), VIEW, N_("Larger text")),
    Shortcut(Action.ZOOM_OUT, ("Ctrl+-",), VIEW, N_("Smaller text")),
    Shortcut(Action.ZOOM_RESET, ("Ctrl+0",), VIEW, N_("Normal text size")),
    Shortcut(Action.HIGH_CONTRAST, ("Ctrl+Shift+H",), VIEW, N_("High contrast")),
    Shortcut(Action.MENU_BAR, ("F10",), VIEW, N_("Open the menu bar")),
    Shortcut(Action.GET_VOICES, ("Ctrl+Shift+N",), VOICES,
             N_("Get natural voices: download or remove Piper voices")),
    Shortcut(Action.SHORTCUTS, ("F1",), HELP, N_("Keyboard shortcuts")),
)

BY_ACTION: dict[Action, Shortcut] = {s.action: s for s in SHORTCUTS}


def shortcut(action: Action) -> Shortcut:
    return BY_ACTION[action]


def help_rows() -> list[tuple[str, str, str]]:
    """(group, keys, what it does), translated, in table order."""
    return [(_(s.group), s.display_keys(), _(s.label)) for s in SHORTCUTS]
