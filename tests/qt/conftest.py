"""Fixtures of the window tests: a factory of main windows cleaned up after the test."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from lismoi.core.settings import Positions, Settings
from lismoi.qt.mainwindow import MainWindow

WindowFactory = Callable[..., MainWindow]

@pytest.fixture
def window_factory(qtbot) -> Iterator[WindowFactory]:
    """Build main windows; each is closed and deleted when the test ends.

    ``make(player=None, settings=None, positions=None, show=True, activate=False)``:
    settings and positions default to files of their own, in the test's config
    folder (``_isolated_config``), so ``Settings.load()`` in the test reads
    what the window saved. ``show`` waits until the window is exposed;
    ``activate`` until it is the active window (for keyboard tests).
    """
    made: list[MainWindow] = []

    def make(*, player=None, settings: Settings | None = None,
             positions: Positions | None = None, show: bool = True,
             activate: bool = False) -> MainWindow:
        window = MainWindow(settings=settings or Settings.load(),
                            positions=positions or Positions.load(), player=player)
        made.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        if activate:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    yield make
    for window in made:
        if shiboken6.isValid(window):
            window.close()  # stops reading, saves, ends the Player's thread and process
            window.deleteLater()
    # Delete them now, not at some later test's event loop; and collect what they
    # leave in cycles here, on the UI thread, not in a later test's loading thread
    # (app/qt/collector.py says why).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
