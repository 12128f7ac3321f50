"""Voice set-up: which voice reads each language of the open article, and the voice bar.

The voice list is loaded once in the background (after the first article, so
the two do not compete for the CPU at start). For the open article,
:meth:`VoiceSetup.configure` takes its main language and the other languages
of its blocks, picks for each the listener's remembered voice (per locale
tag) or the default profile, tells the Player and shows one selector per
language. Which languages an article has, and their locales, is the reading
policy's (:func:`lismoi.core.reading.article_languages`), the same the
Player and the export read by.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from lismoi.core.errors import SpeechError
from lismoi.core.i18n import _
from lismoi.core.reading import ArticleLanguages, article_languages
from lismoi.qt.accessibility import announce
from lismoi.qt.loading import VoiceEntry

if TYPE_CHECKING:
    from lismoi.qt.mainwindow.window import MainWindow


class VoiceSetup:
    """The voice catalog of one window and the voices chosen for its article."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.catalog: list[VoiceEntry] = []
        self._reload_player = False  # the voice list changed since the Player resolved

    # -- the voice list ------------------------------------------------------------------------

    def start(self) -> None:
        """Load the voice list now, or once the article being loaded has arrived."""
        from lismoi.core.voices.install import clean_partials

        # The hidden folder a killed voice download left behind goes (off the UI thread).
        threading.Thread(target=clean_partials, name="voice-partials", daemon=True).start()
        loader = self.w.loader
        if not loader.busy:
            loader.load_voices()
            return
        for signal in (loader.loaded, loader.failed, loader.cancelled):
            signal.connect(self._after_load)

    def reload(self) -> None:
        """A voice was installed or removed: ask the engines again, then load the list."""
        from lismoi.core.voices import refresh_installed_voices

        refresh_installed_voices()  # cheap: the engines are asked in the loader's thread
        self._reload_player = True
        self.start()

    def _after_load(self, *_args: object) -> None:
        loader = self.w.loader
        for signal in (loader.loaded, loader.failed, loader.cancelled):
            signal.disconnect(self._after_load)
        loader.load_voices()

    def on_voices(self, entries: list[VoiceEntry]) -> None:
        self.catalog = list(entries)
        player = self.w.reading.existing_player
        if self._reload_player and player is not None:
            player.voices_changed()  # its resolutions were of the old list
        self._reload_player = False
        self.w.voice_bar.set_catalog(self.catalog)
        usable = [e for e in self.catalog if e.resolved is not None and e.resolved.voice_id]
        from lismoi.core.voices.installed import platform_engine_failure

        if not usable:
            self.on_voices_failed(SpeechError(_("No voice is installed for speech.")))
        elif (failure := platform_engine_failure()) is not None:
            self.on_voices_failed(failure)  # natural voices speak; espeak-ng is still missing
        self.configure()

    def on_voices_failed(self, err: BaseException) -> None:
        if not isinstance(err, SpeechError):
            err = SpeechError(str(err))
        self.w.banners.show_error(err, key="voices")

    def open_manager(self) -> None:
        """Voices › Get natural voices…: the voice manager, the article's language first.

        After an install or a removal the voice list is loaded again (as at start).
        """
        from lismoi.qt.voice_manager import VoiceManagerDialog

        dialog = getattr(self.w, "voice_manager", None)
        if dialog is None:
            language = self.article_languages()[0] if self.w.article is not None else None
            dialog = VoiceManagerDialog(self.w, language=language)
            dialog.voicesChanged.connect(self.reload)
            dialog.finished.connect(lambda _r: setattr(self.w, "voice_manager", None))
            dialog.finished.connect(dialog.deleteLater)
            self.w.voice_manager = dialog
        if dialog.isVisible():
            dialog.raise_()  # already open, maybe behind the window
        dialog.show()
        dialog.activateWindow()

    # -- the article's languages -------------------------------------------------------------

    def article_languages(self) -> ArticleLanguages:
        """(main language, other languages, the locale tag of each) of the open article."""
        return article_languages(self.w.article)

    def configure(self) -> None:
        """Give each language of the article its voice, in the Player and the voice bar."""
        if not self.catalog:
            return
        main, others, locale_of = self.article_languages()
        known = {e.profile.id for e in self.catalog}
        chosen: dict[str, str | None] = {}
        for lang in [main, *others]:
            tag = locale_of.get(lang, lang)
            profile_id = self.w.settings.voice_for(tag)
            if profile_id not in known:
                profile_id = self.default_profile(tag)
            chosen[lang] = profile_id
            if profile_id:
                self.w.reading.player.set_voice(lang, profile_id)
        self.w.voice_bar.show_languages(main, others, chosen)
        self.w.fix_tab_order()

    @staticmethod
    def default_profile(tag: str) -> str | None:
        """The profile the Player reads ``tag`` with when none was chosen (a natural voice wins)."""
        from lismoi.core.voices import best_profile_for

        try:
            return best_profile_for(tag)
        except Exception:  # noqa: BLE001 - no voice list: the Player uses its own default
            return None

    def choose_voice(self, lang: str, profile_id: str) -> None:
        """The listener picked ``profile_id`` for ``lang``: heard now, remembered per locale."""
        _main, _others, locale_of = self.article_languages()
        self.w.settings.set_voice(locale_of.get(lang, lang), profile_id)
        self.w.session.schedule_save()
        self.w.reading.player.set_voice(lang, profile_id)
        entry = next((e for e in self.catalog if e.profile.id == profile_id), None)
        if entry is not None:
            announce(self.w, _("Voice: {voice}").format(voice=entry.profile.label()))

    def set_locale_override(self, tag: str | None) -> None:
        """Read the article as ``tag`` (None: as detected); re-annotate it in the background."""
        self.w.session.locale_override = tag
        if self.w.article is not None:
            self.w.opening.reannotate(tag)
