"""The main window's shell: the widgets laid out, the helpers that run them, the wiring.

The window builds its widgets (voice bar, banners, loading and export bars,
article, transport) and owns one helper per concern, each in a module of
this package: :class:`~.session.Session` (the open article, positions,
recent list, saving), :class:`~.reading.Reading` (the Player),
:class:`~.opening.Opening`, :class:`~.voices.VoiceSetup`,
:class:`~.preferences.Preferences`, :class:`~.export.ExportFlow` and
:class:`~.language.InterfaceLanguage`. Composition rather than mixins: each
helper's state and methods stay in its own namespace (``window.reading.stop()``),
so a reader sees which concern a call belongs to, and a helper can be read
(and replaced) alone. Helpers reach the widgets and each other through the
window's attributes; this module connects the signals and the actions.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lismoi import __version__
from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.core.paths import ICONS_DIR
from lismoi.core.settings import Positions, Settings
from lismoi.qt.article_view import ArticleView
from lismoi.qt.banner import BannerArea
from lismoi.qt.contents import ContentsPanel
from lismoi.qt.key_priority import KeyPriority
from lismoi.qt.loading import Loader, LoadingBar
from lismoi.qt.mainwindow import actions as action_table
from lismoi.qt.mainwindow.export import ExportFlow, make_export_bar
from lismoi.qt.mainwindow.language import InterfaceLanguage
from lismoi.qt.mainwindow.opening import Opening
from lismoi.qt.mainwindow.preferences import RATE_STEP, VOLUME_STEP, Preferences
from lismoi.qt.mainwindow.reading import Reading
from lismoi.qt.mainwindow.session import Session
from lismoi.qt.mainwindow.voices import VoiceSetup
from lismoi.qt.shortcuts import Action
from lismoi.qt.shortcuts_dialog import ShortcutsDialog
from lismoi.qt.transport import Transport
from lismoi.qt.voice_bar import VoiceBar

if TYPE_CHECKING:
    from lismoi.qt.player import Player

DEFAULT_SIZE = (1100, 800)


class MainWindow(QMainWindow):
    """Lis-moi's window: one article, read aloud."""

    # "Switch now" in the interface language banner: the application reopens the window.
    uiLanguageSwitchRequested = Signal(object)  # a language code, or None: the system's

    def __init__(self, settings: Settings | None = None, positions: Positions | None = None,
                 player: Player | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.session = Session(self.settings, positions or Positions.load(), self)

        self.setObjectName("MainWindow")
        # No accessible name of its own: screen readers say the title, "<article> — Lis-moi".
        self.setWindowTitle("Lis-moi")
        self.setAccessibleDescription(_("Opens articles and reads them aloud"))
        self.setAcceptDrops(True)
        icon = ICONS_DIR / "lismoi.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.loader = Loader(self)
        self.actions_by_name = action_table.make_actions(self)
        submenus = action_table.make_menus(self, self.actions_by_name)
        self.recent_menu = submenus[action_table.RECENT_MENU]
        self.ui_language_menu = submenus[action_table.UI_LANGUAGE_MENU]
        self._build_layout()

        self.preferences = Preferences(self)
        self.reading = Reading(self, player)
        self.opening = Opening(self)
        self.voices = VoiceSetup(self)
        self.export = ExportFlow(self, self.export_bar)
        self.language = InterfaceLanguage(self)
        self.language.fill_menu(self.ui_language_menu)
        self.opening.fill_recent(self.recent_menu)

        self._connect()
        self._key_priority = KeyPriority(self)
        QApplication.instance().installEventFilter(self._key_priority)

        self._restore_geometry()
        self.preferences.apply_settings()
        self.update_actions()
        # The voice list needs the speech engine started: after the first article is on
        # screen, so the two do not compete for the CPU at startup.
        QTimer.singleShot(0, self.voices.start)
        if self.settings.message:
            self.banners.show_message("warning", self.settings.message, key="settings")
        if self.positions.message:
            self.banners.show_message("warning", self.positions.message, key="positions")

    # -- what the helpers share ------------------------------------------------------------

    @property
    def positions(self) -> Positions:
        return self.session.positions

    @property
    def article(self) -> Article | None:
        return self.session.article

    @property
    def source(self) -> str | None:
        return self.session.source

    @property
    def article_key(self) -> str | None:
        return self.session.article_key

    @property
    def locale_override(self) -> str | None:
        return self.session.locale_override

    def open_source(self, source: str, *, lang: str | None = None) -> None:
        """Open a file path or a URL in the background."""
        self.opening.open_source(source, lang=lang)

    def show_article(self, article: Article, source: str | None) -> None:
        """Show an article already read (by another window), as if just loaded."""
        self.opening.show_article(article, source)

    def use_locale(self, tag: str | None) -> None:
        """Read what opens next as ``tag`` (``--lang``, or the window this one replaces)."""
        self.voice_bar.set_override(tag)
        self.session.locale_override = tag

    # -- building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.voice_bar = VoiceBar()
        self.banners = BannerArea()
        self.loading_bar = LoadingBar()
        self.export_bar = make_export_bar()
        self.article_view = ArticleView()
        self.article_view.caret_follows = self.settings["caret_follows_reading"]
        self.article_view.articleChanged.connect(self._title_from_article)
        # A book's chapters, beside the article; hidden for an article without any.
        self.contents = ContentsPanel()
        self.article_view.articleChanged.connect(
            lambda: self.contents.set_article(self.article_view.article))
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
        reading_area = QSplitter()
        reading_area.setChildrenCollapsible(False)
        reading_area.addWidget(self.contents)
        reading_area.addWidget(self.article_view)
        reading_area.setStretchFactor(1, 1)
        reading_area.setSizes([260, 840])
        layout.addWidget(reading_area, 1)
        layout.addWidget(self.transport)
        self.setCentralWidget(central)
        # The status bar only shows passing messages ("Text size 150 %"): hidden when empty.
        status_bar = self.statusBar()
        status_bar.setSizeGripEnabled(False)
        status_bar.messageChanged.connect(lambda text: status_bar.setVisible(bool(text)))
        status_bar.hide()

    def handlers(self) -> dict[Action, Callable[[], object]]:
        """What each action does (the checkable ones are connected by ``toggled``)."""
        reading, prefs, opening = self.reading, self.preferences, self.opening
        return {
            Action.OPEN_FILE: opening.open_file_dialog,
            Action.OPEN_URL: opening.open_url_dialog,
            Action.PASTE: opening.paste,
            Action.EXPORT: self.export.dialog,
            Action.QUIT: self.close,
            Action.PLAY_PAUSE: reading.play_pause,
            Action.STOP: self.stop,
            Action.PLAY_ALL: lambda: reading.play_all(0),
            Action.NEXT_CHAPTER: lambda: reading.go_to_chapter(1),
            Action.PREVIOUS_CHAPTER: lambda: reading.go_to_chapter(-1),
            Action.NEXT_BLOCK: reading.next_block,
            Action.PREVIOUS_BLOCK: reading.previous_block,
            Action.NEXT_SENTENCE: reading.next_sentence,
            Action.PREVIOUS_SENTENCE: reading.previous_sentence,
            Action.REPLAY_SENTENCE: reading.replay_sentence,
            Action.FASTER: lambda: prefs.change_rate(RATE_STEP),
            Action.SLOWER: lambda: prefs.change_rate(-RATE_STEP),
            Action.VOLUME_UP: lambda: prefs.change_volume(VOLUME_STEP),
            Action.VOLUME_DOWN: lambda: prefs.change_volume(-VOLUME_STEP),
            Action.FOLLOW: reading.follow,
            Action.ZOOM_IN: lambda: prefs.zoom_step(1),
            Action.ZOOM_OUT: lambda: prefs.zoom_step(-1),
            Action.ZOOM_RESET: lambda: prefs.set_zoom(1.0),
            Action.MENU_BAR: self.open_menu_bar,
            Action.GET_VOICES: self.voices.open_manager,
            Action.SHORTCUTS: self.show_shortcuts,
            Action.ABOUT: self.show_about,
        }

    def _connect(self) -> None:
        a = self.actions_by_name
        for action, handler in self.handlers().items():
            a[action].triggered.connect(handler)
        a[Action.HIGH_CONTRAST].toggled.connect(
            lambda on: self.preferences.set_theme("high-contrast" if on else "default"))
        a[Action.SENTENCE_BY_SENTENCE].toggled.connect(self.preferences.set_sentence_by_sentence)
        a[Action.ANNOUNCE_PARAGRAPHS].toggled.connect(self.preferences.set_announce_paragraphs)
        a[Action.CARET_FOLLOWS].toggled.connect(self.preferences.set_caret_follows)
        self.recent_menu.aboutToShow.connect(lambda: self.opening.fill_recent(self.recent_menu))

        loader, opening = self.loader, self.opening
        loader.started.connect(lambda _t, what: self.loading_bar.start(what))
        loader.progress.connect(self.loading_bar.set_progress)
        loader.previewed.connect(opening.on_preview)
        loader.loaded.connect(opening.on_loaded)
        loader.grew.connect(opening.on_grew)
        loader.failed.connect(opening.on_failed)
        loader.cancelled.connect(opening.on_cancelled)
        loader.voicesReady.connect(self.voices.on_voices)
        loader.voicesFailed.connect(self.voices.on_voices_failed)
        self.loading_bar.cancelRequested.connect(opening.cancel_loading)
        self.session.saveFailed.connect(
            lambda message: self.banners.show_message("warning", message, key="save"))

        self.banners.changed.connect(self.fix_tab_order)
        self.article_view.playBlockRequested.connect(self.reading.play_block)
        self.article_view.readFromRequested.connect(self.reading.play_all)
        self.article_view.blockFocused.connect(self.reading.prepare_at_caret)
        self.article_view.blockFocused.connect(self.reading.on_block_focused)
        self.contents.chapterActivated.connect(self.reading.focus_chapter)
        self.voice_bar.playAllRequested.connect(lambda: self.reading.play_all(0))
        self.voice_bar.voiceChosen.connect(self.voices.choose_voice)
        self.voice_bar.localeOverrideChanged.connect(self.voices.set_locale_override)
        self.transport.rateChanged.connect(self.preferences.set_rate)
        self.transport.volumeChanged.connect(self.preferences.set_volume)

    def _restore_geometry(self) -> None:
        geometry = self.settings["window_geometry"]
        restored = False
        if geometry:
            try:
                restored = self.restoreGeometry(QByteArray(base64.b64decode(geometry)))
            except ValueError:
                restored = False
        if not restored:
            self.resize(*DEFAULT_SIZE)

    # -- state shown by the whole window ----------------------------------------------------

    def stop(self) -> None:
        """Esc: cancel the load under way, else stop reading (a book shown while
        its rest loads: the reading; the loading bar's Cancel stops the rest)."""
        if self.loader.busy and not self.loader.growing:
            self.opening.cancel_loading()
        else:
            self.reading.stop()

    def update_actions(self) -> None:
        has_article = self.article is not None
        for action in action_table.NEED_ARTICLE:
            self.actions_by_name[action].setEnabled(has_article)
        has_chapters = has_article and bool(self.article.chapters)
        for action in (Action.NEXT_CHAPTER, Action.PREVIOUS_CHAPTER):
            self.actions_by_name[action].setEnabled(has_chapters)
        self.actions_by_name[Action.STOP].setEnabled(has_article or self.loader.busy)
        # A book is exported whole: once all of it is read.
        self.actions_by_name[Action.EXPORT].setEnabled(
            has_article and not self.export.busy and not self.opening.book_growing)
        self.voice_bar.play_all.setEnabled(has_article)

    def fix_tab_order(self) -> None:
        """Tab follows the screen: voice bar, banners, the article's blocks, transport.

        (Qt's default is creation order, which would put blocks and banners,
        created later, after the transport bar.)
        """
        vb, tr = self.voice_bar, self.transport
        chain: list[QWidget] = [vb.lang_combo, *[s.combo for s in vb.selectors()], vb.play_all]
        chain += self.banners.controls()
        if self.contents.isVisibleTo(self):
            chain.append(self.contents)
        tail: list[QWidget] = [*tr.buttons.values(), tr.speed, tr.volume]
        order = chain + tail
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        # The article is one Tab stop, its roving block, placed between the two
        # (ArticleView._place_tab_stop), not a book's thousand blocks.
        self.article_view.set_tab_neighbours(chain[-1], tail[0])

    def _title_from_article(self) -> None:
        """The title screen readers say first: "<article title> — Lis-moi"."""
        article = self.article_view.article
        if article is None:
            self.setWindowTitle("Lis-moi")
        else:
            self.setWindowTitle(f"{article.title or _('Untitled article')} — Lis-moi")

    def open_menu_bar(self) -> None:
        """F10: open the first menu, as on other desktops (Alt+letter opens a given one)."""
        bar = self.menuBar()
        menus = [a for a in bar.actions() if a.menu() is not None and a.isVisible()]
        if menus:
            bar.setActiveAction(menus[0])

    # -- dialogs -------------------------------------------------------------------------------

    def show_shortcuts(self) -> QDialog:
        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self, _("About Lis-moi"),
            _("Lis-moi {version}\n\nReads articles aloud, offline, in French and other "
              "languages, with espeak-ng.").format(version=__version__))

    # -- Qt events -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.opening.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.opening.open_mime(event.mimeData()):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings["window_geometry"] = base64.b64encode(
            bytes(self.saveGeometry().data())).decode("ascii")
        self.reading.stop()
        self.session.save_now()
        if (player := self.reading.existing_player) is not None:
            player.close()
        self.loader.cancel_quietly()
        self.loader.wait(1000)
        self.export.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._key_priority)
        super().closeEvent(event)
