"""The one table of keyboard shortcuts, used by the window's actions and the Help dialog.

Each entry names an action id (the window binds its handler to it), the key
sequences (the first one is shown in menus), the group it is listed under and
what it does. Changing a key here changes both the behaviour and the help.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from lismoi.core.i18n import N_, _


@dataclass(frozen=True)
class Shortcut:
    action: str
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

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("open_file", ("Ctrl+O",), FILE, N_("Open a file")),
    Shortcut("open_url", ("Ctrl+L",), FILE, N_("Open a web address")),
    Shortcut("paste", ("Ctrl+Shift+V",), FILE, N_("Paste an article or a link")),
    Shortcut("export", ("Ctrl+E",), FILE, N_("Export the article as an audio file")),
    Shortcut("quit", ("Ctrl+Q",), FILE, N_("Quit")),
    Shortcut("play_pause", ("Space",), READING, N_("Play or pause")),
    Shortcut("stop", ("Esc",), READING, N_("Stop (or cancel loading)")),
    Shortcut("play_all", ("Ctrl+Return",), READING, N_("Play all from the beginning")),
    Shortcut("read_here", ("Return",), READING, N_("Read from the selected paragraph"),
             "article"),
    Shortcut("read_block", ("Shift+Return",), READING, N_("Read only the selected paragraph"),
             "article"),
    Shortcut("next_block", ("Ctrl+Down",), READING, N_("Next paragraph")),
    Shortcut("previous_block", ("Ctrl+Up",), READING, N_("Previous paragraph")),
    Shortcut("next_sentence", ("Ctrl+Right",), READING, N_("Next sentence")),
    Shortcut("previous_sentence", ("Ctrl+Left",), READING, N_("Previous sentence")),
    Shortcut("replay_sentence", ("R",), READING, N_("Repeat the sentence")),
    Shortcut("sentence_by_sentence", ("S",), READING,
             N_("Sentence by sentence: pause after each one (on or off)")),
    Shortcut("faster", ("]",), READING, N_("Faster")),
    Shortcut("slower", ("[",), READING, N_("Slower")),
    Shortcut("volume_up", ("Alt+Up",), READING, N_("Volume up")),
    Shortcut("volume_down", ("Alt+Down",), READING, N_("Volume down")),
    Shortcut("follow", ("Ctrl+J",), READING, N_("Back to the paragraph being read")),
    Shortcut("zoom_in", ("Ctrl++", "Ctrl+="), VIEW, N_("Larger text")),
    Shortcut("zoom_out", ("Ctrl+-",), VIEW, N_("Smaller text")),
    Shortcut("zoom_reset", ("Ctrl+0",), VIEW, N_("Normal text size")),
    Shortcut("high_contrast", ("Ctrl+Shift+H",), VIEW, N_("High contrast")),
    Shortcut("shortcuts", ("F1",), HELP, N_("Keyboard shortcuts")),
)

BY_ACTION: dict[str, Shortcut] = {s.action: s for s in SHORTCUTS}


def shortcut(action: str) -> Shortcut:
    return BY_ACTION[action]


def help_rows() -> list[tuple[str, str, str]]:
    """(group, keys, what it does), translated, in table order."""
    return [(_(s.group), s.display_keys(), _(s.label)) for s in SHORTCUTS]
