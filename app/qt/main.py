"""Starting the window: the QApplication, the interface language, the main window.

``run_window(args)`` is what ``lismoi [SOURCE] [--lang TAG] [--ui-lang LANG]``
runs. The interface language comes from ``--ui-lang``, else the settings,
else the system's (:mod:`lismoi.qt.qt_translations`, which also switches Qt's own
strings: file dialog, standard buttons).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lismoi import __version__
from lismoi.core.i18n import _
from lismoi.core.paths import ICONS_DIR
from lismoi.core.settings import Positions, Settings
from lismoi.qt.qt_translations import apply_ui_language


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


# The open main window: a top-level window lives as long as Python holds it.
_windows: list[Any] = []


def reopen_in_language(old: Any, code: str | None) -> Any:
    """Replace the window ``old`` by one in the interface language ``code`` (None: system's).

    The new window takes over the settings, reading positions, geometry, the
    language override and the open article (not read again: no download).
    ``old`` closes as at quit, which stops reading and saves the position, so
    the new window offers to resume there.
    """
    from lismoi.qt.window import MainWindow

    app = QApplication.instance()
    apply_ui_language(app, code)
    old.stop()  # the position of what was being heard stays in the shared Positions
    article, source, override = old.article, old.source, old.locale_override
    new = MainWindow(settings=old.settings, positions=old.positions)
    new.restoreGeometry(old.saveGeometry())
    if override:
        new.voice_bar.set_override(override)
        new.locale_override = override
    new.show()  # before the old one closes: closing the last window would quit
    if article is not None:
        new.show_article(article, source)
    old.close()
    old.deleteLater()
    _windows[:] = [new]
    return new


def display_problem(env: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why no window can open here (a Linux session without a display), or None.

    Without this check Qt aborts with a core dump and a message about a
    missing xcb-cursor library, which sends people after the wrong fix.
    """
    env = dict(os.environ) if env is None else env
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return _("Lis-moi needs a graphical desktop, and none was found (DISPLAY and "
             "WAYLAND_DISPLAY are not set). Start it from your desktop session; without one, "
             "'lismoi extract' and 'lismoi export' still work.")


def run_window(args: Any) -> int:
    """Open the window (on ``args.source`` if given) and run until it closes."""
    problem = display_problem()
    if problem is not None:
        print(f"lismoi: {problem}", file=sys.stderr)
        return 1
    settings = Settings.load()
    app = make_application()
    apply_ui_language(app, getattr(args, "ui_lang", None) or settings["ui_language"])

    from lismoi.qt.window import MainWindow  # after set_language: labels are built translated

    window = MainWindow(settings=settings, positions=Positions.load())
    _windows[:] = [window]
    window.show()
    if getattr(args, "lang", None):
        window.voice_bar.set_override(args.lang)
        window.locale_override = args.lang
    if getattr(args, "source", None):
        window.open_source(args.source)
    return app.exec()
