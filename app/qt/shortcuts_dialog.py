"""Help › Keyboard shortcuts: the dialog listing the table of :mod:`lismoi.qt.shortcuts`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lismoi.core.i18n import _
from lismoi.qt.shortcuts import help_rows


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: the table of lismoi.qt.shortcuts, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAccessibleName(_("Keyboard shortcuts"))
        rows = help_rows()
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([_("Group"), _("Keys"), _("Action")])
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setAccessibleDescription(_("Each row: a group, the keys, what they do"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, (group, keys, what) in enumerate(rows):
            for c, text in enumerate((group, keys, what)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        intro = QLabel(_("Keys work anywhere in the window. On a paragraph, Enter reads from "
                         "there, Shift+Enter reads only that paragraph, Up and Down move "
                         "between paragraphs."))
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(_("Close"))
            button.setAccessibleDescription(_("Close the list of shortcuts"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 620)
