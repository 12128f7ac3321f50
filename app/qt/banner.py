"""Messages shown inside the window: errors in plain words with what to do, offers, notes.

A :class:`Banner` is a coloured strip above the article with a message, a few
buttons ("Try again", "Resume at paragraph 4") and a dismiss button. Banners
are announced to assistive technology when they appear, so a listener who
cannot see the screen hears that a page failed to open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lismoi.core import errors
from lismoi.core.i18n import _
from lismoi.qt.accessibility import announce

Action = tuple[str, Callable[[], None]]


def what_to_do(err: BaseException) -> str:
    """One sentence of advice for an error, in the interface language."""
    if isinstance(err, errors.NotFoundError):
        return _("Check the file name or the address, then open it again.")
    if isinstance(err, errors.HttpStatusError):
        if err.status in (401, 403):
            return _("The site refuses to give this page. Save the page in your browser "
                     "(Ctrl+S) and open the saved file instead.")
        if err.status == 429 or err.status >= 500:
            return _("The site is busy or having trouble. Try again in a few minutes.")
        return _("Check the address. If it is right, save the page in your browser and "
                 "open the saved file.")
    if isinstance(err, errors.NetworkError):
        return _("Check your internet connection, then try again.")
    if isinstance(err, errors.UnsupportedContentError):
        return _("Lis-moi reads web pages and text files. Open the article itself, "
                 "or copy its text and paste it here (Ctrl+Shift+V).")
    if isinstance(err, errors.TooLargeError):
        return _("Open only the article: copy its text and paste it here (Ctrl+Shift+V).")
    if isinstance(err, errors.ExtractionError):
        return _("Copy the article's text in your browser and paste it here (Ctrl+Shift+V).")
    if isinstance(err, errors.ExportError):
        return _("Choose a folder you can write to, with some free space, and export again.")
    if isinstance(err, errors.SpeechError):
        return _("Speech needs espeak-ng: install it (on Debian or Ubuntu: "
                 "sudo apt install espeak-ng), then restart Lis-moi.")
    if isinstance(err, errors.LoadError):
        return _("Check the file or the address, then try again.")
    return _("Please try again. If it happens again, report it with the steps that led here.")


class Banner(QFrame):
    """One message with its actions. ``kind`` is "error", "warning" or "info"."""

    dismissed = Signal()

    def __init__(self, kind: str, message: str, actions: Sequence[Action] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("Banner")
        self.setProperty("kind", kind)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName({"error": _("Error"), "warning": _("Warning")}.get(kind, _("Note")))
        self.setAccessibleDescription(message)

        self.label = QLabel(message)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(message)
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        for text, callback in actions:
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setAccessibleDescription(message)
            button.clicked.connect(callback)
            row.addWidget(button)
            self.buttons.append(button)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(_("Dismiss this message"))
        self.close_button.setAccessibleName(_("Dismiss"))
        self.close_button.setAccessibleDescription(_("Dismiss this message"))
        self.close_button.clicked.connect(self.dismiss)

        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addLayout(top)
        if self.buttons:
            layout.addLayout(row)

    @property
    def message(self) -> str:
        return self.label.text()

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
        self.deleteLater()


class BannerArea(QWidget):
    """The stack of banners at the top of the window; one banner per ``key``."""

    changed = Signal()  # a banner came or went (the window fixes its Tab order)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 0)
        self._layout.setSpacing(6)
        self._banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_message(self, kind: str, message: str, actions: Sequence[Action] = (),
                     *, key: str = "") -> Banner:
        """Show ``message`` (replacing any banner with the same ``key``) and announce it."""
        key = key or kind
        self.remove(key)
        banner = Banner(kind, message, actions, self)
        banner.dismissed.connect(lambda k=key, b=banner: self._forget(k, b))
        self._banners[key] = banner
        self._layout.addWidget(banner)
        self.setVisible(True)
        self.changed.emit()
        prefix = {"error": _("Error:"), "warning": _("Warning:")}.get(kind, "")
        announce(banner, f"{prefix} {message}".strip(), assertive=kind == "error")
        return banner

    def show_error(self, err: BaseException, actions: Sequence[Action] = (), *,
                   key: str = "error") -> Banner:
        message = f"{err} {what_to_do(err)}" if str(err) else what_to_do(err)
        return self.show_message("error", message, actions, key=key)

    def banner(self, key: str) -> Banner | None:
        return self._banners.get(key)

    def banners(self) -> list[Banner]:
        return list(self._banners.values())

    def remove(self, key: str) -> None:
        old = self._banners.pop(key, None)
        if old is not None:
            old.hide()
            old.deleteLater()
            self.changed.emit()
        self.setVisible(bool(self._banners))

    def controls(self) -> list[QWidget]:
        """The banners' buttons, top to bottom, for the window's Tab order."""
        out: list[QWidget] = []
        for banner in self._banners.values():
            out += [*banner.buttons, banner.close_button]
        return out

    def clear(self) -> None:
        for key in list(self._banners):
            self.remove(key)

    def _forget(self, key: str, banner: Banner) -> None:
        if self._banners.get(key) is banner:
            del self._banners[key]
        self.setVisible(bool(self._banners))
