"""Which keys a focused control keeps before the window's single-key shortcuts take them.

The window binds plain keys (Space, R, S, [ and ]) as shortcuts; without this
filter they would be stolen from a focused text field, spin box, button or
list. Installed on the application by the main window.

It also keeps menus opened with Alt+letter open when a screen reader runs
(issue 16). With an assistive technology listening to keys, Qt's AT-SPI bridge
holds each key press until the screen reader says it does not want it, then
delivers it again; the shortcut itself is matched at once. So Alt+F opens the
File menu first, and the held-back press of Alt arrives afterwards, at the
open menu, which closes on Alt (its "leave the menus" key): menus opened from
the keyboard closed within milliseconds under Orca, in a bare PySide6 window
too. A press of Alt reaching a menu that was opened while that same Alt was
still held down cannot be a new press (Alt was never released), so it is
dropped; any later press of Alt closes the menu as usual.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QTextEdit,
    QWidget,
)

_ALT = Qt.KeyboardModifier.AltModifier


class KeyPriority(QObject):
    """Lets a focused control keep the keys it needs before window shortcuts take them.

    Space must press a focused button and open a focused combo; text fields keep
    their plain keys and Ctrl+arrows; Alt+Down opens a focused combo. Anywhere
    else, the window's shortcuts win.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Menus shown while Alt was held, until that Alt is released (see the docstring).
        self._alt_held_menus: set[int] = set()
        self._last_modifiers = Qt.KeyboardModifier.NoModifier  # of the last key seen


    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            self._last_modifiers = event.modifiers()
        if kind == QEvent.Type.ShortcutOverride:
            widget = QApplication.focusWidget()
            if widget is not None and _widget_wants(widget, event):
                event.accept()
        elif isinstance(watched, QMenu):
            return self._menu_event(watched, event)
        return False

    def _menu_event(self, menu: QMenu, event: Any) -> bool:
        """True to drop the replayed press of the Alt that opened ``menu``."""
        kind, key = event.type(), id(menu)
        if kind == QEvent.Type.Show:
            # The key that opened it (the shortcut, matched before the replay) held Alt.
            # The held-back events may come after the real key is up, so the state now
            # (queryKeyboardModifiers) cannot tell.
            if self._last_modifiers & _ALT:
                self._alt_held_menus.add(key)
        elif kind == QEvent.Type.Hide:
            self._alt_held_menus.discard(key)
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and \
                event.key() == Qt.Key.Key_Alt and key in self._alt_held_menus:
            if kind == QEvent.Type.KeyRelease:
                self._alt_held_menus.discard(key)  # released: the next press is a real one
                return False
            return True
        return False


def _widget_wants(widget: QWidget, event: Any) -> bool:
    key, mods = event.key(), event.modifiers()
    plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
    if isinstance(widget, (QLineEdit, QTextEdit, QAbstractSpinBox)):
        return (plain and key != Qt.Key.Key_Escape) or key in arrows
    if isinstance(widget, (QAbstractButton, QComboBox)) and plain and key == Qt.Key.Key_Space:
        return True
    return isinstance(widget, QComboBox) and key in arrows and bool(
        mods & Qt.KeyboardModifier.AltModifier)
