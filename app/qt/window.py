"""The main window: menus, voice bar, article, transport, banners, all wired to the Player.

The window holds no reading logic: it loads articles through the
:class:`~lismoi.qt.loading.Loader`, hands them to the
:class:`~lismoi.qt.player.Player`, and follows the Player's signals to highlight,
update the status line and remember the reading position. Every action has
its key in :mod:`lismoi.qt.shortcuts`, which the Help dialog lists too.
"""

from __future__ import annotations

import base64
import os
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lismoi import __version__
from lismoi.core import i18n
from lismoi.core.article import Article
from lismoi.core.errors import SpeechError
from lismoi.core.i18n import N_, _
from lismoi.core.paths import ICONS_DIR
from lismoi.core.settings import RATE_RANGE, ZOOM_RANGE, Positions, Settings, article_key
from lismoi.qt import theme
from lismoi.qt.accessibility import announce
from lismoi.qt.article_view import ArticleView
from lismoi.qt.banner import BannerArea
from lismoi.qt.exporting import Exporter
from lismoi.qt.key_priority import KeyPriority
from lismoi.qt.loading import Loader, LoadingBar, VoiceEntry
from lismoi.qt.shortcuts import SHORTCUTS
from lismoi.qt.shortcuts_dialog import ShortcutsDialog
from lismoi.qt.transport import Transport
from lismoi.qt.voice_bar import VoiceBar

ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
RATE_STEP = 0.25
VOLUME_STEP = 0.1
SAVE_DELAY_MS = 1500  # settings and positions are written at most this often while reading

ACTION_TEXTS = {
    "open_file": N_("&Open…"),
    "open_url": N_("Open &web address…"),
    "paste": N_("&Paste article or link"),
    "export": N_("&Export as audio…"),
    "quit": N_("&Quit"),
    "play_pause": N_("Play"),
    "stop": N_("Stop"),
    "play_all": N_("Play &all"),
    "next_block": N_("Next paragraph"),
    "previous_block": N_("Previous paragraph"),
    "next_sentence": N_("Next sentence"),
    "previous_sentence": N_("Previous sentence"),
    "replay_sentence": N_("&Repeat the sentence"),
    "sentence_by_sentence": N_("&Sentence by sentence"),
    "faster": N_("Faster"),
    "slower": N_("Slower"),
    "volume_up": N_("Louder"),
    "volume_down": N_("Softer"),
    "follow": N_("&Back to reading"),
    "zoom_in": N_("Zoom &in"),
    "zoom_out": N_("Zoom &out"),
    "zoom_reset": N_("&Reset zoom"),
    "high_contrast": N_("&High contrast"),
    "shortcuts": N_("&Keyboard shortcuts"),
}

# Action -> media icon (lismoi.qt.theme.media_icon); icons are not shown in menus.
ICONS = {
    "play_pause": "play",
    "stop": "stop",
    "next_block": "next_block",
    "previous_block": "previous_block",
    "next_sentence": "next_sentence",
    "previous_sentence": "previous_sentence",
}

STATE_WORDS = {"playing": N_("Playing"), "paused": N_("Paused"), "stopped": N_("Stopped")}


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, positions: Positions | None = None,
                 player: Any = None) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.positions = positions or Positions.load()
        # The Player (QtMultimedia, numpy, the speech worker) is created when first
        # needed, after the window and the article's text are on screen.
        self._player: Any = player
        self.article: Article | None = None
        self.article_key: str | None = None
        self.source: str | None = None
        self.locale_override: str | None = None
        self.catalog: list[VoiceEntry] = []
        self._last_block: int | None = None
        self._reannotating = False
        self.colors = theme.HIGHLIGHTS["default"]
        self._shown_state = "stopped"  # as last signalled by the Player

        self.setObjectName("MainWindow")
        self.setWindowTitle("Lis-moi")
        self.setAccessibleName(_("Lis-moi, article reader"))
        self.setAccessibleDescription(_("Opens articles and reads them aloud"))
        self.setAcceptDrops(True)
        icon = ICONS_DIR / "lismoi.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.loader = Loader(self)
        self.exporter = Exporter(self)
        self.actions_by_name = self._make_actions()
        self._make_menus()

        self.voice_bar = VoiceBar()
        self.banners = BannerArea()
        self.loading_bar = LoadingBar()
        self.export_bar = LoadingBar(names={
            "label": _("Exporting"),
            "bar": _("Export progress"),
            "bar_description": _("How much of the article has been written to the audio file"),
            "cancel": _("Cancel the export"),
            "cancel_description": _("Stop writing the audio file; no partial file is left"),
        })
        self.export_bar.setObjectName("ExportBar")
        self.article_view = ArticleView()
        self.transport = Transport(self.actions_by_name)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.voice_bar)
        layout.addWidget(self.banners)
        loading_wrap = QVBoxLayout()
        loading_wrap.setContentsMargins(12, 8, 12, 0)
        loading_wrap.addWidget(self.loading_bar)
        loading_wrap.addWidget(self.export_bar)
        layout.addLayout(loading_wrap)
        layout.addWidget(self.article_view, 1)
        layout.addWidget(self.transport)
        self.setCentralWidget(central)
        # The status bar only shows passing messages ("Text size 150 %"): hidden when empty.
        status_bar = self.statusBar()
        status_bar.setSizeGripEnabled(False)
        status_bar.messageChanged.connect(lambda text: status_bar.setVisible(bool(text)))
        status_bar.hide()

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

        self._connect()
        self._key_priority = KeyPriority(self)
        QApplication.instance().installEventFilter(self._key_priority)

        self.apply_settings()
        self._update_actions()
        # The voice list needs the speech engine started: after the first article is on
        # screen, so the two do not compete for the CPU at startup.
        QTimer.singleShot(0, self._start_voices)
        if self.settings.message:
            self.banners.show_message("warning", self.settings.message, key="settings")
        if self.positions.message:
            self.banners.show_message("warning", self.positions.message, key="positions")

    # -- building -----------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        actions: dict[str, QAction] = {}
        for sc in SHORTCUTS:
            if sc.scope != "window":
                continue
            action = QAction(_(ACTION_TEXTS.get(sc.action, sc.label)), self)
            action.setObjectName(sc.action)
            action.setShortcuts(sc.sequences())
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(_(sc.label))
            action.setToolTip(f"{_(sc.label)} ({sc.display_keys()})")
            self.addAction(action)  # shortcuts work even when the menu bar is hidden
            actions[sc.action] = action
        actions["high_contrast"].setCheckable(True)
        actions["sentence_by_sentence"].setCheckable(True)
        actions["about"] = QAction(_("&About Lis-moi"), self)
        handlers = {
            "open_file": self.open_file_dialog,
            "open_url": self.open_url_dialog,
            "paste": self.paste,
            "export": self.export_dialog,
            "quit": self.close,
            "play_pause": self.play_pause,
            "stop": self.stop,
            "play_all": lambda: self.play_all(0),
            "next_block": lambda: self._player_call("next_block"),
            "previous_block": lambda: self._player_call("previous_block"),
            "next_sentence": lambda: self._player_call("next_sentence"),
            "previous_sentence": lambda: self._player_call("previous_sentence"),
            "replay_sentence": lambda: self._player_call("replay_sentence"),
            "faster": lambda: self.change_rate(RATE_STEP),
            "slower": lambda: self.change_rate(-RATE_STEP),
            "volume_up": lambda: self.change_volume(VOLUME_STEP),
            "volume_down": lambda: self.change_volume(-VOLUME_STEP),
            "follow": self.follow_reading,
            "zoom_in": lambda: self.zoom_step(1),
            "zoom_out": lambda: self.zoom_step(-1),
            "zoom_reset": lambda: self.set_zoom(1.0),
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        for name, handler in handlers.items():
            actions[name].triggered.connect(handler)
        actions["high_contrast"].toggled.connect(
            lambda on: self.set_theme("high-contrast" if on else "default"))
        actions["sentence_by_sentence"].toggled.connect(self.set_sentence_by_sentence)
        return actions

    def _make_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(a["open_file"])
        file_menu.addAction(a["open_url"])
        file_menu.addAction(a["paste"])
        self.recent_menu = file_menu.addMenu(_("&Recent articles"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        file_menu.addSeparator()
        file_menu.addAction(a["export"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        reading = bar.addMenu(_("&Reading"))
        for name in ("play_pause", "stop", "play_all", None, "previous_block", "next_block",
                     "previous_sentence", "next_sentence", "replay_sentence",
                     "sentence_by_sentence", None, "slower", "faster",
                     "volume_down", "volume_up", None, "follow"):
            if name is None:
                reading.addSeparator()
            else:
                reading.addAction(a[name])
        view = bar.addMenu(_("&View"))
        for name in ("zoom_in", "zoom_out", "zoom_reset", None, "high_contrast"):
            if name is None:
                view.addSeparator()
            else:
                view.addAction(a[name])
        view.addSeparator()
        self._make_ui_language_menu(view)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])

    def _make_ui_language_menu(self, view: Any) -> None:
        """View › Interface language: the system's, or one we have a catalog for."""
        menu = view.addMenu(_("Interface &language"))
        self.ui_language_menu = menu
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self.settings["ui_language"]
        choices: list[tuple[str | None, str]] = [(None, _("System language"))]
        # Each language is named in itself: someone who cannot read the current
        # interface must still find their own.
        choices += [(code, _native_name(code)) for code in i18n.available_languages()]
        for code, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=code: self.set_ui_language(c))

    def set_ui_language(self, code: str | None) -> None:
        """Remember the interface language (None: the system's), and offer to switch now.

        Every label is built translated, so switching means a new window
        (:func:`lismoi.qt.main.reopen_in_language`): same article, settings and
        geometry, and the place the listener stopped offered to resume.
        """
        if code == self.settings["ui_language"]:
            return
        self.settings["ui_language"] = code
        self.save_now()
        name = _native_name(code) if code else _("the system language")
        self.banners.show_message(
            "info",
            _("The interface will be in {language} the next time Lis-moi starts.").format(
                language=name),
            [(_("Switch now"), lambda: self.switch_ui_language_now(code))],
            key="ui-language")

    def switch_ui_language_now(self, code: str | None) -> MainWindow:
        """Reopen this window in the interface language ``code``; the new window."""
        from lismoi.qt.main import reopen_in_language

        return reopen_in_language(self, code)

    def show_article(self, article: Article, source: str | None) -> None:
        """Show an article already read (by another window), as if just loaded."""
        self.source = source
        self._on_loaded(article)

    @property
    def player(self) -> Any:
        """The Player, created on first use."""
        if self._player is None:
            from lismoi.qt.player import Player

            self._player = Player(self)
            self._connect_player()
        return self._player

    def _connect_player(self) -> None:
        p = self._player
        p.stateChanged.connect(self._on_state)
        p.blockStarted.connect(self._on_block)
        p.sentenceStarted.connect(self._on_sentence)
        p.wordStarted.connect(self.article_view.highlight_word)
        p.finished.connect(self._on_finished)
        p.errorOccurred.connect(self._on_player_error)
        p.set_rate(self.settings["rate"])
        p.set_volume(self.settings["volume"])
        p.set_sentence_by_sentence(self.settings["sentence_by_sentence"])

    def _connect(self) -> None:
        if self._player is not None:
            self._connect_player()
        self.loader.started.connect(lambda _t, what: self.loading_bar.start(what))
        self.loader.progress.connect(self.loading_bar.set_progress)
        self.loader.previewed.connect(self._on_preview)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.loader.cancelled.connect(self._on_load_cancelled)
        self.loader.voicesReady.connect(self._on_voices)
        self.loader.voicesFailed.connect(self._on_voices_failed)
        self.loading_bar.cancelRequested.connect(self.cancel_loading)
        self.exporter.progress.connect(self.export_bar.set_fraction)
        self.exporter.finished.connect(self._on_exported)
        self.exporter.failed.connect(self._on_export_failed)
        self.exporter.cancelled.connect(self._on_export_cancelled)
        self.export_bar.cancelRequested.connect(self.exporter.cancel)

        self.banners.changed.connect(self._fix_tab_order)
        self.article_view.playBlockRequested.connect(self.play_block)
        self.article_view.readFromRequested.connect(self.play_all)
        self.voice_bar.playAllRequested.connect(lambda: self.play_all(0))
        self.voice_bar.voiceChosen.connect(self.choose_voice)
        self.voice_bar.localeOverrideChanged.connect(self.set_locale_override)
        self.transport.rateChanged.connect(self.set_rate)
        self.transport.volumeChanged.connect(self.set_volume)

    def apply_settings(self) -> None:
        s = self.settings
        geometry = s["window_geometry"]
        restored = False
        if geometry:
            try:
                restored = self.restoreGeometry(QByteArray(base64.b64decode(geometry)))
            except ValueError:
                restored = False
        if not restored:
            self.resize(1100, 800)
        self.set_theme(s["theme"], save=False)
        self.set_zoom(s["zoom"], save=False)
        self._check_quietly("sentence_by_sentence", s["sentence_by_sentence"])
        self.transport.set_rate(s["rate"])
        self.transport.set_volume(s["volume"])

    # -- opening --------------------------------------------------------------------

    def open_source(self, source: str, *, lang: str | None = None) -> None:
        """Open a file path or a URL in the background."""
        source = source.strip()
        if source.startswith("file://"):
            source = QUrl(source).toLocalFile()
        elif source.startswith("www."):
            source = "https://" + source
        self.source = source
        self.banners.remove("error")
        self.loader.load(source, lang=lang or self.locale_override)
        self._update_actions()

    def open_text(self, text: str) -> None:
        self.source = None
        self.banners.remove("error")
        self.loader.load_text(text, lang=self.locale_override)
        self._update_actions()

    def open_file_dialog(self) -> None:
        start = str(Path(self.source).parent) if self.source and os.path.exists(self.source) \
            else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open an article"), start,
            _("Web pages and text (*.html *.htm *.xhtml *.mhtml *.mht *.txt *.md);;"
              "All files (*)"))
        if path:
            self.open_source(path)

    def open_url_dialog(self) -> QInputDialog:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Open a web address"))
        dialog.setLabelText(_("Address of the article (http or https):"))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setAccessibleName(_("Open a web address"))
        clip = QGuiApplication.clipboard().text().strip()
        if clip.startswith(("http://", "https://")) and "\n" not in clip:
            dialog.setTextValue(clip)
        for edit in dialog.findChildren(QLineEdit):
            edit.setAccessibleName(_("Web address"))
            edit.setAccessibleDescription(_("The address of the article, starting with https://"))
        dialog.textValueSelected.connect(lambda text: text.strip() and self.open_source(text))
        dialog.open()
        return dialog

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.open_mime(mime):
            self.banners.show_message(
                "info", _("The clipboard holds no text or link. Copy an article's text or its "
                          "address, then paste again."), key="error")

    def open_mime(self, mime: QMimeData) -> bool:
        """Open what a drop or the clipboard holds: a file, a link or article text."""
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    self.open_source(url.toLocalFile())
                    return True
                if url.scheme() in ("http", "https"):
                    self.open_source(url.toString())
                    return True
        text = mime.text().strip() if mime.hasText() else ""
        if not text:
            return False
        first_line = text.splitlines()[0].strip()
        if "\n" not in text and (first_line.startswith(("http://", "https://", "www.",
                                                        "file://"))):
            self.open_source(first_line)
        elif "\n" not in text and len(text) < 4096 and Path(text).expanduser().is_file():
            self.open_source(str(Path(text).expanduser()))
        else:
            self.open_text(text)
        return True

    # -- exporting ------------------------------------------------------------------

    def export_dialog(self) -> None:
        """File › Export as audio: ask where, then write the article in the background."""
        if self.article is None or self.exporter.busy:
            return
        from lismoi.core.export import suggested_file_name

        folder = self.settings["export_folder"]
        if not folder or not os.path.isdir(folder):
            folder = str(Path.home())
        # Each filter with the extension added when the typed name has none.
        filters = {_("MP3 audio (*.mp3)"): ".mp3", _("Ogg Opus audio (*.opus *.ogg)"): ".opus",
                   _("WAV audio (*.wav)"): ".wav", _("FLAC audio (*.flac)"): ".flac"}
        name = suggested_file_name(self.article.title, ".mp3")
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export as audio"), str(Path(folder) / name), ";;".join(filters))
        if path:
            self.export_to(path, default_suffix=filters.get(chosen, ".mp3"))

    def export_to(self, path: str, *, default_suffix: str = ".mp3") -> bool:
        """Write the open article to ``path`` (a known extension is added when missing)."""
        from lismoi.core.export import FORMATS

        if self.article is None:
            return False
        target = Path(path)
        if target.suffix.lower() not in FORMATS:
            target = target.with_name(target.name + default_suffix)
        voice = self.settings.voice_for(self.article.locale or "")
        known = {e.profile.id for e in self.catalog}
        if voice not in known:
            voice = None  # the export picks the voice of each block's language itself
        if not self.exporter.start(self.article, target, voice=voice,
                                   rate=self.settings["rate"]):
            return False
        self.settings["export_folder"] = str(target.parent)
        self._schedule_save()
        self.banners.remove("export")
        self.export_bar.start_text(_("Exporting to {name}…").format(name=target.name))
        self._update_actions()
        return True

    def _on_exported(self, result: Any) -> None:
        self.export_bar.stop()
        self._update_actions()
        minutes, seconds = divmod(round(result.duration_ms / 1000), 60)
        folder = result.path.parent

        def open_folder() -> None:
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        self.banners.show_message(
            "info",
            _("Saved {name}: {minutes} min {seconds:02d} s of audio.").format(
                name=result.path.name, minutes=minutes, seconds=seconds),
            [(_("Open the folder"), open_folder)], key="export")

    def _on_export_failed(self, err: BaseException) -> None:
        self.export_bar.stop()
        self._update_actions()
        self.banners.show_error(err, [(_("Export again…"), self.export_dialog)], key="export")

    def _on_export_cancelled(self) -> None:
        self.export_bar.stop()
        self._update_actions()
        announce(self, _("Export cancelled"))

    def cancel_loading(self) -> None:
        if self.loader.cancel():
            announce(self, _("Loading cancelled"))

    def _on_load_cancelled(self) -> None:
        self._reannotating = False
        self.loading_bar.stop()
        self._update_actions()

    def _on_preview(self, article: Article) -> None:
        """Show the text at once; reading starts when its languages are known."""
        if self._reannotating:
            return  # the same text is on screen already
        self._player_call("stop")
        self.article_view.set_article(article)
        self.setWindowTitle(f"{article.title or _('Untitled article')} — Lis-moi")
        self.transport.set_status(_("Detecting the language…"))
        QTimer.singleShot(0, lambda: self.player)  # get the Player ready meanwhile

    def _on_loaded(self, article: Article) -> None:
        self.loading_bar.stop()
        reannotated = self._reannotating
        self._reannotating = False
        was_reading = self._player_state() != "stopped"
        self._player_call("stop")
        self.article = article
        self.article_key = article_key(article.url, article.source or self.source)
        self.player.set_article(article)
        if self.article_view.article is article:
            self.article_view.refresh_languages()
        elif reannotated:
            self.article_view.adopt(article)
        else:
            self.article_view.set_article(article)
        self.voice_bar.set_detected(article.locale)
        self._configure_voices()
        title = article.title or _("Untitled article")
        self.setWindowTitle(f"{title} — Lis-moi")
        count = len(article.blocks)
        self.transport.set_status(ngettext_paragraphs(count))
        if reannotated and self._last_block is not None and was_reading:
            self.play_all(self._last_block)
        else:
            self._last_block = None
            self.article_view.focus_block(0)
            if self.source:
                self.settings.add_recent(self.source, article.title or "")
                self._schedule_save()
            self._offer_resume()
        self._fix_tab_order()
        announce(self, _("{title} is open: {count} paragraphs. Press Space to listen.").format(
            title=title, count=count))
        self._update_actions()

    def _on_load_failed(self, err: BaseException) -> None:
        self.loading_bar.stop()
        self._reannotating = False
        source = self.source
        actions = []
        if source:
            actions.append((_("Try again"), lambda: self.open_source(source)))
        actions.append((_("Open a file…"), self.open_file_dialog))
        self.banners.show_error(err, actions, key="error")
        self._update_actions()

    def _offer_resume(self) -> None:
        self.banners.remove("resume")
        if not self.article or not self.article_key:
            return
        pos = self.positions.get(self.article_key)
        count = len(self.article.blocks)
        if pos is None or not 0 <= pos.block < count:
            return
        # Past the first sentence is a place worth offering, even in the first paragraph.
        if pos.block == 0 and self.player.sentence_at(0, pos.char) == 0:
            return
        n = pos.block + 1

        def resume() -> None:
            self.banners.remove("resume")
            self.play_all(pos.block, pos.char)

        def start_over() -> None:
            self.banners.remove("resume")
            self.positions.forget(self.article_key or "")
            self._schedule_save()
            self.article_view.focus_block(0)

        banner = self.banners.show_message(
            "info",
            _("Last time you stopped at paragraph {n} of {count}.").format(n=n, count=count),
            [(_("Resume at paragraph {n}").format(n=n), resume), (_("Start over"), start_over)],
            key="resume")
        # Keyboard users land on the offer: Space or Enter resumes, Tab reaches "Start over".
        banner.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings["recent"]
        for item in recent:
            label = item.get("title") or item["source"]
            if len(label) > 70:
                label = label[:69] + "…"
            action = self.recent_menu.addAction(label)
            action.setToolTip(item["source"])
            action.setStatusTip(item["source"])
            action.triggered.connect(lambda _c=False, s=item["source"]: self.open_source(s))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(_("Clear recent articles"))
            clear.triggered.connect(self._clear_recent)
        else:
            empty = self.recent_menu.addAction(_("No recent articles"))
            empty.setEnabled(False)

    def _clear_recent(self) -> None:
        self.settings["recent"] = []
        self._schedule_save()

    # -- voices and language ----------------------------------------------------------

    def _start_voices(self) -> None:
        if not self.loader.busy:
            self.loader.load_voices()
            return
        for signal in (self.loader.loaded, self.loader.failed, self.loader.cancelled):
            signal.connect(self._voices_after_load)

    def _voices_after_load(self, *_args: object) -> None:
        for signal in (self.loader.loaded, self.loader.failed, self.loader.cancelled):
            signal.disconnect(self._voices_after_load)
        self.loader.load_voices()

    def _on_voices(self, entries: list[VoiceEntry]) -> None:
        self.catalog = list(entries)
        self.voice_bar.set_catalog(self.catalog)
        usable = [e for e in self.catalog if e.resolved is not None and e.resolved.voice_id]
        if not usable:
            self._on_voices_failed(SpeechError(_("No voice is installed for speech.")))
        self._configure_voices()

    def _on_voices_failed(self, err: BaseException) -> None:
        if not isinstance(err, SpeechError):
            err = SpeechError(str(err))
        self.banners.show_error(err, key="voices")

    def article_languages(self) -> tuple[str, list[str], dict[str, str]]:
        """(main language, other languages, the locale tag of each) of the open article."""
        main_tag = (self.article.locale if self.article else None) or "fr-FR"
        main = main_tag.split("-")[0].lower()
        tags: dict[str, Counter] = {}
        if self.article:
            for block in self.article.blocks:
                if block.lang:
                    lang = block.lang.split("-")[0].lower()
                    tags.setdefault(lang, Counter())[block.lang] += 1
        others = sorted(lang for lang in tags if lang != main)
        locale_of = {lang: counter.most_common(1)[0][0] for lang, counter in tags.items()}
        locale_of[main] = main_tag
        return main, others, locale_of

    def _configure_voices(self) -> None:
        if not self.catalog:
            return
        main, others, locale_of = self.article_languages()
        known = {e.profile.id for e in self.catalog}
        chosen: dict[str, str | None] = {}
        for lang in [main, *others]:
            tag = locale_of.get(lang, lang)
            profile_id = self.settings.voice_for(tag)
            if profile_id not in known:
                profile_id = self._default_profile(tag)
            chosen[lang] = profile_id
            if profile_id:
                self._player_call("set_voice", lang, profile_id)
        self.voice_bar.show_languages(main, others, chosen)
        self._fix_tab_order()

    def _default_profile(self, tag: str) -> str | None:
        from lismoi.core.voices import profile_for

        try:
            return profile_for(tag)
        except Exception:  # noqa: BLE001 - no voice list: the Player uses its own default
            return None

    def choose_voice(self, lang: str, profile_id: str) -> None:
        _main, _others, locale_of = self.article_languages()
        self.settings.set_voice(locale_of.get(lang, lang), profile_id)
        self._schedule_save()
        self._player_call("set_voice", lang, profile_id)
        entry = next((e for e in self.catalog if e.profile.id == profile_id), None)
        if entry is not None:
            announce(self, _("Voice: {voice}").format(voice=entry.profile.label()))

    def set_locale_override(self, tag: str | None) -> None:
        """Read the article as ``tag`` (None: as detected); re-annotate it in the background."""
        self.locale_override = tag
        if self.article is None:
            return
        self._last_block = self._current_block()
        self._reannotating = True
        self.loader.reannotate(self.article, lang=tag)

    # -- reading ------------------------------------------------------------------------

    def _player_call(self, name: str, *args: Any) -> Any:
        if self._player is None and name in ("stop", "set_rate", "set_volume"):
            return None  # nothing plays yet; rate and volume are applied at creation
        if self.article is None and name not in ("set_rate", "set_volume", "set_voice", "stop"):
            return None
        return getattr(self.player, name)(*args)

    def _player_state(self) -> str:
        return "stopped" if self._player is None else self._player.state

    def _current_block(self) -> int | None:
        block = None if self._player is None else self._player.current_block
        return block if block is not None and block >= 0 else None

    def play_block(self, index: int) -> None:
        if self.article is None:
            return
        self.banners.remove("resume")
        self.article_view.follow_again()
        self.player.play_block(index)

    def play_all(self, index: int = 0, char: int = 0) -> None:
        """Read from block ``index`` (from the sentence holding ``char``) to the end."""
        if self.article is None:
            return
        self.banners.remove("resume")
        self.article_view.follow_again()
        self.player.play_all(index, char)

    def play_pause(self) -> None:
        if self.article is None:
            return
        state = self._player_state()
        if state == "stopped":
            start = self.article_view.focused_block()
            if start is None:
                start = self._last_block or 0
            self.play_all(start)
        else:
            self.player.toggle_pause()

    def stop(self) -> None:
        if self.loader.busy:
            self.cancel_loading()
            return
        self._player_call("stop")

    def follow_reading(self) -> None:
        self.article_view.follow_again()
        if self.article_view.current is not None:
            self.article_view.focus_block(self.article_view.current)

    def _on_state(self, state: str) -> None:
        self._shown_state = state
        a = self.actions_by_name["play_pause"]
        playing = state == "playing"
        a.setText(_("Pause") if playing else _("Play"))
        self._refresh_icons()
        word = _(STATE_WORDS.get(state, state))
        self._update_status(state)
        # Sentence by sentence pauses after every sentence: the silence says it; a
        # screen reader saying "Paused" each time would talk over the learner's turn.
        if not (state == "paused" and self._player is not None
                and self._player.paused_at_sentence_end):
            announce(self, word)
        if state == "stopped":
            self.article_view.clear_highlight()
            self._schedule_save()
        self._update_actions()

    def _on_block(self, index: int) -> None:
        self._last_block = index
        self.article_view.highlight_block(index)
        self._update_status(self._shown_state)
        if self.article_key:
            self.positions.set(self.article_key, index)
            self._schedule_save()

    def _on_sentence(self, index: int, start: int, end: int) -> None:
        self.article_view.highlight_sentence(index, start, end)
        if self.article_key:
            self.positions.set(self.article_key, index, start)

    def _on_finished(self) -> None:
        if self.article_key:
            self.positions.forget(self.article_key)
            self._schedule_save()
        self._last_block = None
        announce(self, _("End of the article"))
        self.transport.set_status(_("End of the article"))

    def _on_player_error(self, message: str) -> None:
        # The Player's messages already say what happened and what to do.
        self.banners.show_message("error", message, key="speech")

    def _update_status(self, state: str) -> None:
        if self.article is None:
            return
        count = len(self.article.blocks)
        block = self._last_block
        if block is None:
            text = ngettext_paragraphs(count)
        else:
            text = _("Paragraph {n} of {count}").format(n=block + 1, count=count)
        if state in ("paused", "playing"):
            text = f"{_(STATE_WORDS[state])} · {text}"
        self.transport.set_status(text)

    def _update_actions(self) -> None:
        has_article = self.article is not None
        for name in ("play_pause", "play_all", "next_block", "previous_block", "next_sentence",
                     "previous_sentence", "replay_sentence", "follow"):
            self.actions_by_name[name].setEnabled(has_article)
        self.actions_by_name["stop"].setEnabled(has_article or self.loader.busy)
        self.actions_by_name["export"].setEnabled(has_article and not self.exporter.busy)
        self.voice_bar.play_all.setEnabled(has_article)

    def _fix_tab_order(self) -> None:
        """Tab follows the screen: voice bar, banners, the article's blocks, transport.

        (Qt's default is creation order, which would put blocks and banners,
        created later, after the transport bar.)
        """
        vb, tr = self.voice_bar, self.transport
        chain: list[QWidget] = [vb.lang_combo, *[s.combo for s in vb.selectors()], vb.play_all]
        chain += self.banners.controls()
        chain += self.article_view.blocks
        chain += [*tr.buttons.values(), tr.speed, tr.volume]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- speed, volume, zoom, theme ---------------------------------------------------

    def _check_quietly(self, name: str, on: bool) -> None:
        """Show a checkable action's state without firing its handler again."""
        action = self.actions_by_name[name]
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)

    def set_sentence_by_sentence(self, on: bool) -> None:
        """Pause after each sentence (Space goes on, R repeats it); remembered."""
        self.settings["sentence_by_sentence"] = bool(on)
        self._schedule_save()
        if self._player is not None:  # otherwise applied when the Player is created
            self._player.set_sentence_by_sentence(bool(on))
        self._check_quietly("sentence_by_sentence", bool(on))
        announce(self, _("Sentence by sentence: on") if on else _("Sentence by sentence: off"))

    def set_rate(self, rate: float) -> None:
        rate = round(max(RATE_RANGE[0], min(RATE_RANGE[1], rate)), 2)
        self.settings["rate"] = rate
        self.transport.set_rate(rate)
        self._player_call("set_rate", rate)
        self._schedule_save()

    def change_rate(self, step: float) -> None:
        self.set_rate(self.settings["rate"] + step)
        announce(self, _("Speed {rate}×").format(rate=f"{self.settings['rate']:g}"))

    def set_volume(self, volume: float) -> None:
        volume = round(max(0.0, min(1.0, volume)), 2)
        self.settings["volume"] = volume
        self.transport.set_volume(volume)
        self._player_call("set_volume", volume)
        self._schedule_save()

    def change_volume(self, step: float) -> None:
        self.set_volume(self.settings["volume"] + step)
        announce(self, _("Volume {percent} %").format(percent=round(self.settings["volume"] * 100)))

    def set_zoom(self, zoom: float, *, save: bool = True) -> None:
        zoom = round(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom)), 2)
        self.article_view.set_zoom(zoom)
        if save:
            self.settings["zoom"] = zoom
            self._schedule_save()
            message = _("Text size {percent} %").format(percent=round(zoom * 100))
            self.statusBar().showMessage(message, 3000)
            announce(self, message)

    def _refresh_icons(self) -> None:
        playing = self._shown_state == "playing"
        for action_name, icon_name in ICONS.items():
            color = self.colors.icon
            if action_name == "play_pause":
                icon_name = "pause" if playing else "play"
                color = self.colors.icon_on_accent  # drawn on the accent-coloured button
            self.actions_by_name[action_name].setIcon(theme.media_icon(icon_name, color))

    def zoom_step(self, direction: int) -> None:
        current = self.settings["zoom"]
        if direction > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def set_theme(self, name: str, *, save: bool = True) -> None:
        colors = theme.apply_theme(QApplication.instance(), name)
        self.colors = colors
        self.article_view.set_colors(colors)
        self.voice_bar.set_colors(colors)
        self._refresh_icons()
        self._check_quietly("high_contrast", name == "high-contrast")
        if save:
            self.settings["theme"] = name
            self._schedule_save()

    # -- dialogs ---------------------------------------------------------------------

    def show_shortcuts(self) -> QDialog:
        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self, _("About Lis-moi"),
            _("Lis-moi {version}\n\nReads articles aloud, offline, in French and other "
              "languages, with espeak-ng.").format(version=__version__))

    # -- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.open_mime(event.mimeData()):
            event.acceptProposedAction()

    # -- saving ---------------------------------------------------------------------------

    def _schedule_save(self) -> None:
        self._save_timer.start()

    def save_now(self) -> None:
        self._save_timer.stop()
        try:
            self.settings.save()
            self.positions.save()
        except OSError as err:
            self.banners.show_message(
                "warning",
                _("Your settings could not be saved ({error}). Check that the folder {folder} "
                  "can be written to.").format(error=err.strerror or err,
                                              folder=self.settings.path.parent),
                key="save")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings["window_geometry"] = base64.b64encode(
            bytes(self.saveGeometry().data())).decode("ascii")
        self._player_call("stop")
        self.save_now()
        if self._player is not None:  # created lazily: there may be none yet
            self._player.close()
        self.loader.cancel_quietly()
        self.loader.wait(1000)
        self.exporter.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._key_priority)
        super().closeEvent(event)


def ngettext_paragraphs(count: int) -> str:
    from lismoi.core.i18n import ngettext

    return ngettext("{count} paragraph", "{count} paragraphs", count).format(count=count)


def _native_name(code: str) -> str:
    """"Français" for "fr", "English" for "en": a language named in itself (CLDR)."""
    return i18n.language_name(code, code) or code
