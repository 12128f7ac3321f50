"""Which keys a focused control keeps before the window's single-key shortcuts take them.

The window binds plain keys (Space, R, S, [ and ]) as shortcuts; without this
filter they would be stolen from a focused text field, spin box, button or
list. Installed on the application by the main window.
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
    QTextEdit,
    QWidget,
)


class KeyPriority(QObject):
    """Lets a focused control keep the keys it needs before window shortcuts take them.

    Space must press a focused button and open a focused combo; text fields keep
    their plain keys and Ctrl+arrows; Alt+Down opens a focused combo. Anywhere
    else, the window's shortcuts win.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride:
            widget = QApplication.focusWidget()
            if widget is not None and _widget_wants(widget, event):
                event.accept()
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
