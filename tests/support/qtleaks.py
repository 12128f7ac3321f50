"""The leaked-widget check of ``tests/conftest.py`` (napari's conftest is the model).

A test that leaves a new top-level widget alive after its teardown fails: a
window nobody closed keeps its Player, thread and speech process, and gets the
events of the tests after it. ``snapshot()`` before the test, ``leaks()`` after
all its fixtures are torn down; ``dispose()`` removes what leaked so that the
next test starts clean (its failure is not reported twice).
"""

from __future__ import annotations

import gc
import sys
import weakref
from typing import Any

# Qt's own singletons, created on first use and kept for the process: not leaks.
_QT_INTERNAL_NAMES = {"qtooltip_label"}


def _app() -> Any | None:
    if "PySide6.QtWidgets" not in sys.modules:
        return None  # no test has used widgets yet: nothing can have leaked
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def _flush_qt() -> None:
    """Run what closing and deleteLater() left pending."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(2):  # a deletion may post further deletions (children, timers)
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _top_level() -> list[Any]:
    import shiboken6
    from PySide6.QtWidgets import QApplication

    return [
        w
        for w in QApplication.topLevelWidgets()
        if shiboken6.isValid(w)
        # A window with a parent (a dialog, a menu, a combo box popup) goes with it.
        and w.parent() is None
        and w.objectName() not in _QT_INTERNAL_NAMES
    ]


def snapshot() -> dict[int, weakref.ref[Any]]:
    """The top-level widgets alive now (weakly held: keeps none of them alive)."""
    if _app() is None:
        return {}
    return {id(w): weakref.ref(w) for w in _top_level()}


def leaks(before: dict[int, weakref.ref[Any]]) -> list[Any]:
    """Top-level widgets alive now that were not in ``before``."""
    if _app() is None:
        return []

    def new() -> list[Any]:
        return [w for w in _top_level() if (ref := before.get(id(w))) is None or ref() is not w]

    _flush_qt()
    if not (found := new()):
        return []  # the usual case, and cheap: no garbage collection
    # Python-owned widgets whose last reference went in a cycle (a lambda
    # connected to a signal, a traceback) go with the collector: only then count.
    del found
    for _ in range(2):
        gc.collect()
        _flush_qt()
    return new()


def describe(widget: Any) -> str:
    title = widget.windowTitle()
    name = widget.objectName()
    parts = [f"title {title!r}" if title else "", f"objectName {name!r}" if name else ""]
    parts.append("visible" if widget.isVisible() else "hidden")
    details = ", ".join(x for x in parts if x)
    return f"{type(widget).__module__}.{type(widget).__qualname__} ({details})"


def dispose(widgets: list[Any]) -> None:
    import shiboken6

    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.close()
            widget.deleteLater()
    _flush_qt()
