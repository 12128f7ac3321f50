"""The transport bar: previous/next, play/pause, stop, speed, volume and "Paragraph 3 of 12".

The buttons show the window's actions (so a key and a click do the same
thing and are enabled together). The status label's accessible name changes
with the reading, and state changes are announced for screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

from lismoi.core.i18n import _
from lismoi.core.settings import RATE_RANGE
from lismoi.qt.accessibility import set_live_text
from lismoi.qt.shortcuts import Action

BUTTONS = (Action.PREVIOUS_BLOCK, Action.PREVIOUS_SENTENCE, Action.PLAY_PAUSE, Action.STOP,
           Action.NEXT_SENTENCE, Action.NEXT_BLOCK)


class Transport(QWidget):
    rateChanged = Signal(float)
    volumeChanged = Signal(float)

    def __init__(self, actions: Mapping[Action, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Transport")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        self.buttons: dict[Action, QToolButton] = {}
        for name in BUTTONS:
            action = actions[name]
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            if name is Action.PLAY_PAUSE:
                button.setObjectName("PlayPause")
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self._name_button(button, action)
            action.changed.connect(lambda b=button, a=action: self._name_button(b, a))
            layout.addWidget(button)
            self.buttons[name] = button

        layout.addSpacing(16)
        self.speed_label = QLabel(_("Speed:"))
        self.speed_label.setObjectName("BarLabel")
        self.speed = QDoubleSpinBox()
        self.speed.setRange(*RATE_RANGE)
        self.speed.setSingleStep(0.25)
        self.speed.setDecimals(2)
        self.speed.setSuffix(" ×")
        self.speed.setValue(1.0)
        self.speed.setAccessibleName(_("Speed"))
        self.speed.setAccessibleDescription(
            _("Reading speed, from 0.5 to 3 times normal ([ slower, ] faster)"))
        self.speed.setKeyboardTracking(False)
        self.speed_label.setBuddy(self.speed)
        self.speed.valueChanged.connect(self.rateChanged)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.speed)

        layout.addSpacing(12)
        self.volume_label = QLabel(_("Volume:"))
        self.volume_label.setObjectName("BarLabel")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(100)
        self.volume.setMinimumWidth(90)
        self.volume.setMaximumWidth(160)
        self.volume.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.volume.setAccessibleName(_("Volume"))
        self.volume.setAccessibleDescription(_("Volume in percent (Alt+Up louder, Alt+Down "
                                               "softer)"))
        self.volume_label.setBuddy(self.volume)
        self.volume.valueChanged.connect(lambda v: self.volumeChanged.emit(v / 100.0))
        self.volume.valueChanged.connect(self._describe_volume)
        layout.addWidget(self.volume_label)
        layout.addWidget(self.volume)

        layout.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("Status")
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.setAccessibleDescription(_("Where the reading is"))
        layout.addWidget(self.status)
        self.set_status(_("No article open"))
        self._describe_volume(self.volume.value())

    @staticmethod
    def _name_button(button: QToolButton, action: QAction) -> None:
        text = action.text().replace("&", "")
        button.setAccessibleName(text)
        keys = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        description = action.statusTip() or text
        button.setAccessibleDescription(f"{description} ({keys})" if keys else description)
        button.setToolTip(f"{text} ({keys})" if keys else text)

    def _describe_volume(self, value: int) -> None:
        self.volume.setToolTip(_("Volume: {percent} %").format(percent=value))

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        set_live_text(self.status, text)

    def set_rate(self, rate: float) -> None:
        self.speed.blockSignals(True)
        self.speed.setValue(rate)
        self.speed.blockSignals(False)

    def set_volume(self, volume: float) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(round(volume * 100))
        self.volume.blockSignals(False)
        self._describe_volume(self.volume.value())
