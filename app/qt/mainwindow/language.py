"""View › Interface language: the choice remembered, and the offer to switch at once.

Every label is built translated, so switching now means a new window: the
window only asks, through its ``uiLanguageSwitchRequested`` signal, and the
application object (:mod:`lismoi.qt.application`), which owns the windows,
reopens it with the same article and place. Nothing here imports upward.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from lismoi.core import i18n
from lismoi.core.i18n import _

if TYPE_CHECKING:
    from lismoi.qt.mainwindow.window import MainWindow


def native_name(code: str) -> str:
    """"Français" for "fr", "English" for "en": a language named in itself (CLDR)."""
    return i18n.language_name(code, code) or code


class InterfaceLanguage:
    """The interface language menu of one window and what choosing in it does."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def fill_menu(self, menu: QMenu) -> None:
        """The system's language, or one we have a catalog for; the current one checked."""
        group = QActionGroup(menu)
        group.setExclusive(True)
        current = self.w.settings["ui_language"]
        choices: list[tuple[str | None, str]] = [(None, _("System language"))]
        # Each language is named in itself: someone who cannot read the current
        # interface must still find their own.
        choices += [(code, native_name(code)) for code in i18n.available_languages()]
        for code, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=code: self.set_ui_language(c))

    def set_ui_language(self, code: str | None) -> None:
        """Remember the interface language (None: the system's), and offer to switch now."""
        settings = self.w.settings
        if code == settings["ui_language"]:
            return
        settings["ui_language"] = code
        self.w.session.save_now()
        name = native_name(code) if code else _("the system language")
        self.w.banners.show_message(
            "info",
            _("The interface will be in {language} the next time Lis-moi starts.").format(
                language=name),
            [(_("Switch now"), lambda: self.w.uiLanguageSwitchRequested.emit(code))],
            key="ui-language")
