"""Telling assistive technology what changed: announcements and name/description updates.

Screen readers learn of changes through accessibility events. Qt 6.8+ has a
real announcement event (``QAccessibleAnnouncementEvent``, spoken by Orca and
NVDA); on older Qt the status label's name changes and a NameChanged event is
sent, which screen readers watching the label also speak.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

try:  # Qt >= 6.8
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older PySide6
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

# The last announcements, newest last: tests and the debug log read them.
history: list[str] = []
_HISTORY_MAX = 50


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Ask screen readers to speak ``message`` on behalf of ``widget``."""
    history.append(message)
    del history[:-_HISTORY_MAX]
    if QAccessibleAnnouncementEvent is not None:
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
