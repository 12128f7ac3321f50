"""The application object: the QApplication set up for Lis-moi, and the windows it owns.

:func:`make_application` names the QApplication and gives it its icon.
:class:`Application` creates the main window and replaces it when the
listener switches the interface language (every label is built translated,
so that takes a new window, with the same article, place and settings). The
window only asks for it by a signal: no module imports back from the window.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lismoi import __version__
from lismoi.core.paths import ICONS_DIR
from lismoi.core.settings import Positions, Settings
from lismoi.qt.qt_translations import apply_ui_language

if TYPE_CHECKING:
    from lismoi.qt.mainwindow import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Lis-moi's name and icon (reused if one exists: tests)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("lismoi")
    app.setApplicationDisplayName("Lis-moi")
    app.setOrganizationName("Lis-moi")
    app.setOrganizationDomain("lismoi.app")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("lismoi")
    # Media icons are drawn for buttons (white on the accent colour): not for menus.
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, True)
    icon = ICONS_DIR / "lismoi.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


class Application(QObject):
    """Owns the open main windows (a top-level window lives as long as Python holds it)."""

    def __init__(self, qapp: QApplication | None = None) -> None:
        super().__init__()
        self.qapp = qapp or make_application()
        self.windows: list[MainWindow] = []
        from lismoi.qt import collector

        collector.install()  # Python's collector on the UI thread only

    def open_window(self, settings: Settings, positions: Positions, *,
                    lang: str | None = None, source: str | None = None) -> MainWindow:
        """Show a new main window (reading as ``lang``, opening ``source`` if given)."""
        # Imported here, once the interface language is set: the window's labels
        # are translated as they are built, and its import is the heavy one.
        from lismoi.qt.mainwindow import MainWindow

        window = self.adopt(MainWindow(settings=settings, positions=positions))
        window.show()
        if lang:
            window.use_locale(lang)
        if source:
            window.open_source(source)
        return window

    def adopt(self, window: MainWindow) -> MainWindow:
        """Keep ``window`` and answer its requests (tests build windows themselves)."""
        self.windows.append(window)
        window.uiLanguageSwitchRequested.connect(
            lambda code, w=window: self.reopen_in_language(w, code))
        return window

    def reopen_in_language(self, old: MainWindow, code: str | None) -> MainWindow:
        """Replace the window ``old`` by one in the interface language ``code`` (None: system's).

        The new window takes over the settings, reading positions, geometry, the
        language override and the open article (not read again: no download).
        ``old`` closes as at quit, which stops reading and saves the position, so
        the new window offers to resume there.
        """
        from lismoi.qt.mainwindow import MainWindow

        apply_ui_language(self.qapp, code)
        old.reading.stop()  # the position of what was being heard stays in the shared Positions
        article, source, override = old.article, old.source, old.locale_override
        new = MainWindow(settings=old.settings, positions=old.positions)
        new.restoreGeometry(old.saveGeometry())
        if override:
            new.use_locale(override)
        new.show()  # before the old one closes: closing the last window would quit
        if article is not None and old.opening.book_growing and source:
            new.open_source(source)  # a book still loading: the new window reads it all
        elif article is not None:
            new.show_article(article, source)
        old.close()
        old.deleteLater()
        self.windows = [w for w in self.windows if w is not old]
        return self.adopt(new)

    def exec(self) -> int:
        return self.qapp.exec()
