"""Python's cycle collector runs on the UI thread only (app/qt/collector.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThread, QTimer

from lismoi.qt import collector


def test_a_qt_object_in_a_cycle_is_destroyed_on_the_ui_thread(qtbot) -> None:
    installed = collector.install()
    assert collector.install() is installed  # once per application
    assert not gc.isenabled()
    old = gc.get_threshold()
    gc.set_threshold(50, 5, 5)  # a worker's allocations cross it at once
    try:
        where: list[QThread] = []

        class Holder(QObject):
            pass

        holder = Holder()
        QTimer(holder)  # a child: deleted by the holder's destructor, as a Player's are
        holder.cycle = holder  # only the cycle collector can free it
        holder.destroyed.connect(lambda: where.append(QThread.currentThread()))
        del holder

        def allocate() -> None:  # what a book's reader does: thousands of small objects
            junk = []
            for _ in range(20_000):
                a: list = []
                a.append(a)
                junk.append(a)
            del junk

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert where == []  # not in the worker: automatic collection is off
        qtbot.waitUntil(lambda: bool(where), timeout=5000)
        assert where == [QThread.currentThread()]  # the timer collected it, on this thread
        assert installed.collections >= 1
    finally:
        gc.set_threshold(*old)
