"""The listener's preferences: speed, volume, sentence by sentence, text size and theme.

Each setter clamps the value, shows it (transport, article view, checked
action), hands it to the Player when there is one (a Player created later
reads the settings itself) and schedules the save. The ``change_*`` and
``zoom_step`` variants are the keyboard's: they also announce the new value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from lismoi.core.i18n import _
from lismoi.core.settings import RATE_RANGE, ZOOM_RANGE
from lismoi.qt import theme
from lismoi.qt.accessibility import announce
from lismoi.qt.shortcuts import Action

if TYPE_CHECKING:
    from lismoi.qt.mainwindow.window import MainWindow

ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
RATE_STEP = 0.25
VOLUME_STEP = 0.1


class Preferences:
    """Applies and remembers the listener's preferences for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.colors = theme.HIGHLIGHTS["default"]

    def apply_settings(self) -> None:
        """Show the stored preferences (at start: nothing is saved again)."""
        s = self.w.settings
        self.set_theme(s["theme"], save=False)
        self.set_zoom(s["zoom"], save=False)
        self.check_quietly(Action.SENTENCE_BY_SENTENCE, s["sentence_by_sentence"])
        self.check_quietly(Action.ANNOUNCE_PARAGRAPHS, s["announce"] == "paragraphs")
        self.check_quietly(Action.CARET_FOLLOWS, s["caret_follows_reading"])
        self.w.transport.set_rate(s["rate"])
        self.w.transport.set_volume(s["volume"])

    def check_quietly(self, action: Action, on: bool) -> None:
        """Show a checkable action's state without firing its handler again."""
        qaction = self.w.actions_by_name[action]
        qaction.blockSignals(True)
        qaction.setChecked(on)
        qaction.blockSignals(False)

    def _toggled(self, action: Action, key: str, value: object, on: bool, said: str) -> None:
        """A menu toggle: remember ``value`` under ``key``, show it checked, say ``said``."""
        self.w.settings[key] = value
        self.w.session.schedule_save()
        self.check_quietly(action, on)
        announce(self.w, said)

    def set_sentence_by_sentence(self, on: bool) -> None:
        """Pause after each sentence (Space goes on, R repeats it); remembered."""
        on = bool(on)
        if (player := self.w.reading.existing_player) is not None:
            player.set_sentence_by_sentence(on)
        self._toggled(Action.SENTENCE_BY_SENTENCE, "sentence_by_sentence", on, on,
                      _("Sentence by sentence: on") if on else _("Sentence by sentence: off"))

    def set_announce_paragraphs(self, on: bool) -> None:
        """What a screen reader hears: the state only, or each new paragraph too; remembered."""
        on = bool(on)
        self._toggled(Action.ANNOUNCE_PARAGRAPHS, "announce", "paragraphs" if on else "state", on,
                      _("Announce each paragraph: on") if on
                      else _("Announce each paragraph: off"))

    def set_caret_follows(self, on: bool) -> None:
        """Whether the caret moves with the reading (a screen reader follows it); remembered."""
        on = bool(on)
        self.w.article_view.caret_follows = on
        self._toggled(Action.CARET_FOLLOWS, "caret_follows_reading", on, on,
                      _("Caret follows the reading: on") if on
                      else _("Caret follows the reading: off"))

    def set_rate(self, rate: float) -> None:
        rate = round(max(RATE_RANGE[0], min(RATE_RANGE[1], rate)), 2)
        self.w.settings["rate"] = rate
        self.w.transport.set_rate(rate)
        if (player := self.w.reading.existing_player) is not None:
            player.set_rate(rate)
        self.w.session.schedule_save()

    def change_rate(self, step: float) -> None:
        self.set_rate(self.w.settings["rate"] + step)
        announce(self.w, _("Speed {rate}×").format(rate=f"{self.w.settings['rate']:g}"))

    def set_volume(self, volume: float) -> None:
        volume = round(max(0.0, min(1.0, volume)), 2)
        self.w.settings["volume"] = volume
        self.w.transport.set_volume(volume)
        if (player := self.w.reading.existing_player) is not None:
            player.set_volume(volume)
        self.w.session.schedule_save()

    def change_volume(self, step: float) -> None:
        self.set_volume(self.w.settings["volume"] + step)
        percent = round(self.w.settings["volume"] * 100)
        announce(self.w, _("Volume {percent} %").format(percent=percent))

    def set_zoom(self, zoom: float, *, save: bool = True) -> None:
        zoom = round(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom)), 2)
        self.w.article_view.set_zoom(zoom)
        if save:
            self.w.settings["zoom"] = zoom
            self.w.session.schedule_save()
            message = _("Text size {percent} %").format(percent=round(zoom * 100))
            self.w.statusBar().showMessage(message, 3000)
            announce(self.w, message)

    def zoom_step(self, direction: int) -> None:
        current = self.w.settings["zoom"]
        if direction > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def set_theme(self, name: str, *, save: bool = True) -> None:
        self.colors = theme.apply_theme(QApplication.instance(), name)
        self.w.article_view.set_colors(self.colors)
        self.w.voice_bar.set_colors(self.colors)
        self.w.reading.refresh_icons()
        self.check_quietly(Action.HIGH_CONTRAST, name == "high-contrast")
        if save:
            self.w.settings["theme"] = name
            self.w.session.schedule_save()
