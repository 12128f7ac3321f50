"""Python's garbage collector run from the UI thread only.

Python collects cycles in whichever thread happens to allocate when a
threshold is crossed: a book's reader or an export in their threads. When
such a cycle holds a Qt object, its C++ destructor runs in that thread, and
a widget deleted off the UI thread can deadlock PySide (the destructor waits
for the interpreter lock, the UI thread holds it and waits for the object's
mutex): the window froze for good while a page loaded (seen once in the
test suite, traced with py-spy). So, as qutebrowser does, automatic
collection is off and a timer on the UI thread collects, by generation,
when Python's own thresholds say it would have.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000  # often enough: the thresholds are of allocations, not of time

_installed: Collector | None = None


class Collector(QObject):
    """Collects on a timer of the UI thread, only when the thresholds are crossed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.collections = 0  # how many collections this object ran
        gc.disable()
        self.destroyed.connect(gc.enable)  # the application is gone: as before
        self.timer.start()

    def check(self) -> None:
        """Collect each generation whose count passed its threshold (as gc itself would)."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):  # the oldest due one collects the younger too
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return


def install() -> Collector:
    """Turn automatic collection off and collect on the UI thread (once per application)."""
    global _installed
    if _installed is None or not shiboken6.isValid(_installed):
        _installed = Collector(QCoreApplication.instance())
    return _installed
