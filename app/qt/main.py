"""The entry point of the window: ``lismoi [SOURCE] [--lang TAG] [--ui-lang LANG]``.

:func:`run_window` checks there is a display, sets the interface language
(``--ui-lang``, else the settings, else the system's:
:mod:`lismoi.qt.qt_translations`, which also switches Qt's own strings) and
hands over to :class:`~lismoi.qt.application.Application`.
"""

from __future__ import annotations

import argparse
import os
import sys

from lismoi.core.i18n import _
from lismoi.core.settings import Positions, Settings
from lismoi.qt.application import Application, make_application
from lismoi.qt.qt_translations import apply_ui_language


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


def run_window(args: argparse.Namespace) -> int:
    """Open the window (on ``args.source`` if given) and run until it closes."""
    problem = display_problem()
    if problem is not None:
        print(f"lismoi: {problem}", file=sys.stderr)
        return 1
    settings = Settings.load()
    qapp = make_application()
    apply_ui_language(qapp, getattr(args, "ui_lang", None) or settings["ui_language"])
    application = Application(qapp)
    application.open_window(settings, Positions.load(), lang=getattr(args, "lang", None),
                            source=getattr(args, "source", None))
    return application.exec()
