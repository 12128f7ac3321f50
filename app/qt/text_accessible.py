"""A block of the article as assistive technology sees it: real text, a caret, a role.

Qt's own interface for a label exposes a name and nothing to read by word or
character. :class:`TextBlockAccessible` is the accessible interface of one
block of the article (a :class:`~lismoi.qt.block_view.BlockView`): its role
is what the block is (heading, with its level, paragraph, list item,
quotation), and its Text interface is the block's text, caret and selection,
so a screen reader reads it by character, word, line and sentence, spells a
word and follows the caret.

Why the text is a hidden ``QTextEdit`` (the block's *text model*): PySide6
cannot implement ``QAccessibleTextInterface`` whole in Python. ``selection``,
``attributes`` and ``textAtOffset`` take C++ out-parameters and are not
overridable; Qt's AT-SPI bridge then read uninitialised offsets (measured:
a selection of (32708, -1147766587), attribute runs ending before they start,
which made Orca drop the line it was about to speak). Qt's own C++ text
interface of a read-only ``QTextEdit`` does all of it right, lines as laid
out included; the block's interface hands that one out (``interface_cast``),
and the block keeps the model's font, width, caret and selection in step
with what is on screen.

The widget side is the :class:`TextBlock` protocol: this module imports no
widget of ours (it sits low in the Qt layers); the block view implements the
protocol and registers its classes here.
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
    QAccessibleTextCursorEvent,
    QAccessibleTextInterface,
    QAccessibleTextSelectionEvent,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from lismoi.qt.accessibility import register

ROLES = {
    "heading": QAccessible.Role.Heading,
    "paragraph": QAccessible.Role.Paragraph,
    "list_item": QAccessible.Role.ListItem,
    "quote": QAccessible.Role.BlockQuote,
    "code": QAccessible.Role.Paragraph,
    "table": QAccessible.Role.Paragraph,
}


class TextBlock(Protocol):
    """What a widget gives its :class:`TextBlockAccessible`."""

    def a11y_kind(self) -> str: ...  # "heading", "paragraph", … (a key of ROLES)
    def a11y_level(self) -> int: ...  # a heading's level, 1-6; 0 for other blocks
    def a11y_name(self) -> str: ...
    def a11y_description(self) -> str: ...
    def a11y_children(self) -> list[QWidget]: ...  # what is exposed inside it (the button)
    def text_model(self) -> QWidget: ...  # the hidden read-only QTextEdit holding the text


def _text_pointer(model: QWidget) -> shiboken6.VoidPtr:
    """The C++ text interface of ``model`` (Qt's own, for a QTextEdit)."""
    iface = QAccessible.queryAccessibleInterface(model)
    base = iface.interface_cast(QAccessible.InterfaceType.TextInterface) if iface else None
    return shiboken6.VoidPtr(0) if base is None else base


class TextBlockAccessible(QAccessibleWidget, QAccessibleAttributesInterface):
    """The accessible interface of one block: role, level, name, and its model's text."""

    def __init__(self, widget: QWidget) -> None:
        block: TextBlock = widget  # type: ignore[assignment]
        QAccessibleWidget.__init__(self, widget, ROLES.get(block.a11y_kind(),
                                                           QAccessible.Role.Paragraph))
        QAccessibleAttributesInterface.__init__(self)
        self._block = block

    # -- the sub-interfaces Qt asks for ---------------------------------------------------
    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        # Qt's bridges (AT-SPI, UI Automation) ask in C++ for a pointer to a
        # sub-interface. The text is the model's (module docstring); the attributes
        # are this object's second C++ base (a Python class over two wrapped C++
        # classes is two C++ objects). None would crash the caller: a null pointer.
        if kind == QAccessible.InterfaceType.TextInterface:
            return _text_pointer(self._block.text_model())
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self)[1])
        base = super().interface_cast(kind)
        return shiboken6.VoidPtr(0) if base is None else base

    def textInterface(self) -> QAccessibleTextInterface | None:  # noqa: N802
        iface = QAccessible.queryAccessibleInterface(self._block.text_model())
        return iface.textInterface() if iface else None

    def attributesInterface(self) -> QAccessibleAttributesInterface:  # noqa: N802
        return self

    # -- QAccessibleInterface ----------------------------------------------------------
    def role(self) -> QAccessible.Role:
        return ROLES.get(self._block.a11y_kind(), QAccessible.Role.Paragraph)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.readOnly = True
        state.multiLine = True
        state.selectableText = True
        state.focusable = True
        return state

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._block.a11y_name()
        if kind == QAccessible.Text.Description:
            return self._block.a11y_description()
        return ""

    def childCount(self) -> int:  # noqa: N802
        return len(self._block.a11y_children())

    def child(self, index: int) -> QAccessibleInterface | None:
        children = self._block.a11y_children()
        return QAccessible.queryAccessibleInterface(children[index]) \
            if 0 <= index < len(children) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        widgets = self._block.a11y_children()
        obj = child.object() if child is not None else None
        return widgets.index(obj) if obj in widgets else -1

    # -- QAccessibleAttributesInterface ----------------------------------------------------
    def attributeKeys(self) -> list[QAccessible.Attribute]:  # noqa: N802
        return [QAccessible.Attribute.Level] if self._block.a11y_level() else []

    def attributeValue(self, key: QAccessible.Attribute) -> object:  # noqa: N802
        if key == QAccessible.Attribute.Level and self._block.a11y_level():
            return self._block.a11y_level()
        return None


def caret_moved(widget: QWidget, offset: int) -> None:
    """Tell assistive technology that the caret of ``widget`` is now at ``offset``."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleTextCursorEvent(widget, offset))


def selection_changed(widget: QWidget, span: tuple[int, int] | None) -> None:
    """Tell assistive technology that the selection of ``widget`` changed."""
    if QAccessible.isActive():
        start, end = span if span else (0, 0)
        QAccessible.updateAccessibility(QAccessibleTextSelectionEvent(widget, start, end))


def register_block_class(cls: type) -> None:
    """Give the widgets of class ``cls`` (a :class:`TextBlock`) this accessible interface."""
    register(cls, TextBlockAccessible)


class DrawnTextAccessible(QAccessibleWidget):
    """The label that draws a block's text: a text for Qt's own events, not for readers.

    Qt's rich-text label sends text events for itself each time its text is set
    (every word highlighted): with the label's standard interface, which has no
    text, the AT-SPI bridge warned "Received text event for invalid interface"
    ten times a second. This interface hands out the block's text (its model's),
    so the events are valid; the block does not list the label among its
    children (:meth:`TextBlockAccessible.child`), so a screen reader meets the
    text once, in the block.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.StaticText)
        self._block: TextBlock = widget.parentWidget()  # type: ignore[assignment]

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:
        if kind == QAccessible.InterfaceType.TextInterface:
            return _text_pointer(self._block.text_model())
        base = super().interface_cast(kind)
        return shiboken6.VoidPtr(0) if base is None else base

    def textInterface(self) -> QAccessibleTextInterface | None:  # noqa: N802
        iface = QAccessible.queryAccessibleInterface(self._block.text_model())
        return iface.textInterface() if iface else None


def register_drawn_text_class(cls: type) -> None:
    """The widgets of class ``cls`` draw a :class:`TextBlock`'s text (their parent)."""
    register(cls, DrawnTextAccessible)
