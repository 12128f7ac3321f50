"""Telling assistive technology what changed: spoken status messages, name updates.

What each screen reader speaks (measured with Orca 43.1 on AT-SPI, issue 16):
Orca 43 ignores ``QAccessibleAnnouncementEvent`` (Qt sends it as an AT-SPI
"announcement", which Orca learned only later), and speaks a name change only
for the focused object. It does speak an object of role *notification* that
becomes showing: so on Linux (AT-SPI) :func:`announce` puts the message in the
window's :class:`LiveStatus`, an invisible notification object, and tells that
it was shown. Elsewhere (Windows' UI Automation, macOS) Qt turns the
announcement event into the platform's notification, which NVDA, Narrator
and VoiceOver speak; sending both on Linux would make a newer Orca, which
speaks both, say everything twice.

The module also holds the one accessibility factory of the application
(:func:`register`): the widgets that need an interface of their own (the
article's blocks, the live status) register their class here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QGuiApplication
from PySide6.QtWidgets import QAccessibleWidget, QWidget

try:  # Qt >= 6.8
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older PySide6
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

# The last announcements, newest last: tests and the debug log read them.
history: list[str] = []
_HISTORY_MAX = 50
_AT_SPI_PLATFORMS = ("xcb", "wayland")

# -- the application's accessibility factory ------------------------------------------------

_FACTORIES: list[tuple[type, Callable[[QWidget], QAccessibleInterface]]] = []
_installed = False


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    for cls, make in _FACTORIES:
        if isinstance(obj, cls):
            return make(obj)  # type: ignore[arg-type]
    return None


def register(cls: type, make: Callable[[QWidget], QAccessibleInterface]) -> None:
    """Give the widgets of class ``cls`` the accessible interface ``make(widget)``.

    (Qt owns the interfaces it asks for and deletes each with its widget.)
    """
    global _installed
    if all(c is not cls for c, _ in _FACTORIES):
        _FACTORIES.append((cls, make))
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


# -- the live status --------------------------------------------------------------------------


class LiveStatus(QWidget):
    """An invisible status object whose showing makes a screen reader speak its message."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("LiveStatus")
        self.message = ""
        self.hide()  # never drawn: it exists for assistive technology only

    def say(self, message: str) -> None:
        self.message = message
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.ObjectShow))


class _LiveStatusAccessible(QAccessibleWidget):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Notification)
        self._status: LiveStatus = widget  # type: ignore[assignment]

    def text(self, kind: QAccessible.Text) -> str:
        return self._status.message if kind == QAccessible.Text.Name else ""


register(LiveStatus, _LiveStatusAccessible)


def live_status(widget: QWidget) -> LiveStatus:
    """The live status of ``widget``'s window, made on first use."""
    window = widget.window()
    status = window.findChild(LiveStatus, "LiveStatus")
    return status if status is not None else LiveStatus(window)


def uses_at_spi() -> bool:
    return QGuiApplication.platformName() in _AT_SPI_PLATFORMS


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Ask screen readers to speak ``message`` on behalf of ``widget``."""
    history.append(message)
    del history[:-_HISTORY_MAX]
    if uses_at_spi() or QAccessibleAnnouncementEvent is None:
        live_status(widget).say(message)
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def set_live_text(widget: QWidget, name: str, description: str | None = None) -> None:
    """Change a widget's accessible name (and description) and notify listeners."""
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
    if description is not None and widget.accessibleDescription() != description:
        widget.setAccessibleDescription(description)
        QAccessible.updateAccessibility(
            QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
        )
