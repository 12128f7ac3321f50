"""Reading: the window's one Player, the commands sent to it and what its signals change.

:class:`Reading` creates the :class:`~lismoi.qt.player.Player` once, the
first time it is needed (when an article's text is on screen): importing
QtMultimedia and starting the speech process cost about half a second, which
the window must not wait for before it shows. Every command is a direct,
typed call; the Player's signals highlight the article, update the status
line and the play/pause action, and move the reading position of the
:class:`~lismoi.qt.mainwindow.session.Session`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lismoi.core.i18n import N_, _, ngettext
from lismoi.qt import theme
from lismoi.qt.accessibility import announce
from lismoi.qt.contents import chapter_text
from lismoi.qt.player.state import PlaybackState
from lismoi.qt.shortcuts import Action

if TYPE_CHECKING:
    from lismoi.qt.mainwindow.window import MainWindow
    from lismoi.qt.player import Player

STATE_WORDS = {
    PlaybackState.PLAYING: N_("Playing"),
    PlaybackState.PAUSED: N_("Paused"),
    PlaybackState.STOPPED: N_("Stopped"),
}

# Action -> media icon (lismoi.qt.theme.media_icon); icons are not shown in menus.
ICONS = {
    Action.PLAY_PAUSE: "play",
    Action.STOP: "stop",
    Action.NEXT_BLOCK: "next_block",
    Action.PREVIOUS_BLOCK: "previous_block",
    Action.NEXT_SENTENCE: "next_sentence",
    Action.PREVIOUS_SENTENCE: "previous_sentence",
}


def paragraphs_text(count: int) -> str:
    return ngettext("{count} paragraph", "{count} paragraphs", count).format(count=count)


class Reading:
    """The Player of one window, and the reading state the window shows."""

    def __init__(self, window: MainWindow, player: Player | None = None) -> None:
        self.w = window
        self._player: Player | None = None
        self.last_block: int | None = None  # the block last heard (Space starts there)
        self.shown_state = PlaybackState.STOPPED  # as last signalled by the Player
        # The block whose chapter the status line says: the one heard, or while
        # stopped the one focused.
        self.status_block: int | None = None
        # The chapter last heard, and of which article: a screen reader hears the
        # title when another one starts being read.
        self._heard: tuple[object, int | None] = (None, None)
        if player is not None:  # given (tests): wired now, settings applied
            self._adopt(player)

    @property
    def player(self) -> Player:
        """The Player, created on first use (see the module docstring), then always that one."""
        if self._player is None:
            from lismoi.qt.player import Player

            self._adopt(Player(self.w))
        assert self._player is not None
        return self._player

    @property
    def existing_player(self) -> Player | None:
        """The Player if it exists yet: a Player created later reads the settings itself."""
        return self._player

    def _adopt(self, player: Player) -> None:
        self._player = player
        if player.parent() is None:
            # Owned by the window: deleted with it, on the UI thread. A Player left to
            # Python's collector could be destroyed in a loading thread (collector.py).
            player.setParent(self.w)
        w, settings = self.w, self.w.settings
        player.stateChanged.connect(self.on_state)
        player.blockStarted.connect(self.on_block)
        player.sentenceStarted.connect(self.on_sentence)
        player.wordStarted.connect(w.article_view.highlight_word)
        player.finished.connect(self.on_finished)
        player.errorOccurred.connect(self.on_error)
        player.set_rate(settings["rate"])
        player.set_volume(settings["volume"])
        player.set_sentence_by_sentence(settings["sentence_by_sentence"])

    @property
    def state(self) -> PlaybackState:
        return PlaybackState.STOPPED if self._player is None else self._player.state

    def current_block(self) -> int | None:
        block = None if self._player is None else self._player.current_block
        return block if block is not None and block >= 0 else None

    # -- commands ---------------------------------------------------------------------------

    def play_block(self, index: int) -> None:
        if self.w.article is None:
            return
        self.w.banners.remove("resume")
        self.w.article_view.follow_again()
        self.player.play_block(index)

    def play_all(self, index: int = 0, char: int = 0) -> None:
        """Read from block ``index`` (from the sentence holding ``char``) to the end."""
        if self.w.article is None:
            return
        self.w.banners.remove("resume")
        self.w.article_view.follow_again()
        self.player.play_all(index, char)

    def prepare_at_caret(self, _index: int | None = None) -> None:
        """A block got the focus: have the Player make ahead what Space would read first.

        Only once the Player exists (it is made at the article's opening) and
        while stopped; the Player does it only for a slow (natural) voice.
        """
        player, caret = self._player, self.w.article_view.caret_position()
        if player is not None and caret is not None and player.state is PlaybackState.STOPPED:
            player.prefetch(*caret)

    def play_pause(self) -> None:
        if self.w.article is None:
            return
        if self.state is PlaybackState.STOPPED:
            # From the caret of the focused block (the sentence holding it), else from
            # the chapter selected in the focused contents, else from the block last heard.
            caret = self.w.article_view.caret_position()
            chapter = self.w.contents.current_chapter() if self.w.contents.hasFocus() else None
            if caret is None and chapter is not None and self.w.article is not None:
                # Space in the contents: the chapter selected there.
                caret = (self.w.article.chapters[chapter].first_block, 0)
            if caret is None:
                caret = (self.last_block or 0, 0)
            self.play_all(*caret)
        else:
            self.player.toggle_pause()

    def stop(self) -> None:
        """Stop reading (nothing to do before the Player exists: nothing played)."""
        if self._player is not None:
            self._player.stop()

    def next_block(self) -> None:
        if self.w.article is not None:
            self.player.next_block()

    def previous_block(self) -> None:
        if self.w.article is not None:
            self.player.previous_block()

    def next_sentence(self) -> None:
        if self.w.article is not None:
            self.player.next_sentence()

    def previous_sentence(self) -> None:
        if self.w.article is not None:
            self.player.previous_sentence()

    def replay_sentence(self) -> None:
        if self.w.article is not None:
            self.player.replay_sentence()

    def focus_chapter(self, index: int) -> None:
        """Go to chapter ``index``: the focus to its first block (reading does not start)."""
        article = self.w.article
        if article is not None and 0 <= index < len(article.chapters):
            self.w.article_view.focus_block(article.chapters[index].first_block)

    def go_to_chapter(self, step: int) -> None:
        """Next (``step`` 1) or previous (-1) chapter: read from there while reading,
        else focus its first block. Previous goes to the start of the chapter first,
        as a media player's previous track does."""
        article = self.w.article
        if article is None or not article.chapters:
            return
        reading = self.state is not PlaybackState.STOPPED
        here = self.current_block() if reading else self.w.article_view.focused_block()
        if here is None:
            here = self.status_block if self.status_block is not None else 0
        starts = sorted({c.first_block for c in article.chapters})
        if step > 0:
            target = next((b for b in starts if b > here), None)
        else:
            target = next((b for b in reversed(starts) if b < here), None)
        if target is None:
            announce(self.w, _("No next chapter") if step > 0 else _("No previous chapter"))
            return
        if reading:
            self.play_all(target)
        else:
            self.w.article_view.focus_block(target)

    def on_block_focused(self, index: int) -> None:
        """A block got the focus: while stopped, the status and the contents say its chapter."""
        article = self.w.article
        if article is None or self.state is not PlaybackState.STOPPED:
            return
        self.status_block = index
        self.w.contents.set_current(article.chapter_at(index))
        self.update_status()

    def follow(self) -> None:
        """Back to the paragraph being read: the view follows it again."""
        view = self.w.article_view
        view.follow_again()
        if view.current is not None:
            view.focus_block(view.current)

    # -- what the Player says ------------------------------------------------------------------

    def on_state(self, value: str) -> None:
        # The signal carries the state's value (a plain str crosses Qt's signals).
        state = self.shown_state = PlaybackState(value)
        self.w.actions_by_name[Action.PLAY_PAUSE].setText(
            _("Pause") if state is PlaybackState.PLAYING else _("Play"))
        self.refresh_icons()
        self.update_status()
        # Sentence by sentence pauses after every sentence: the silence says it; a
        # screen reader saying "Paused" each time would talk over the learner's turn.
        if not (state is PlaybackState.PAUSED and self._player is not None
                and self._player.paused_at_sentence_end):
            announce(self.w, _(STATE_WORDS[state]))
        self.w.article_view.set_reading_active(state is not PlaybackState.STOPPED)
        if state is PlaybackState.STOPPED:
            self.w.article_view.clear_highlight()
            self.w.session.schedule_save()
        self.w.update_actions()

    def on_block(self, index: int) -> None:
        new = index != self.last_block
        self.last_block = index
        self.status_block = index
        self.w.article_view.highlight_block(index)
        self.update_status()
        article = self.w.article
        if article is not None and article.chapters:
            chapter = article.chapter_at(index)
            self.w.contents.set_current(chapter)
            # "is", not ==: comparing two books field by field would cost a lot per block.
            if chapter is not None and (self._heard[0] is not article
                                        or self._heard[1] != chapter):
                announce(self.w, chapter_text(article, index) or "")
            self._heard = (article, chapter)
        if new and article is not None and self.w.settings["announce"] == "paragraphs":
            announce(self.w, _("Paragraph {n} of {count}").format(
                n=index + 1, count=len(article.blocks)))
        self.w.session.remember(index)

    def on_sentence(self, index: int, start: int, end: int) -> None:
        self.w.article_view.highlight_sentence(index, start, end)
        self.w.session.remember(index, start)

    def on_finished(self) -> None:
        self.w.session.forget_position()
        self.last_block = None
        announce(self.w, _("End of the article"))
        self.w.transport.set_status(_("End of the article"))

    def on_error(self, message: str) -> None:
        # The Player's messages already say what happened and what to do.
        self.w.banners.show_message("error", message, key="speech")

    def update_status(self) -> None:
        """"Playing · Paragraph 3 of 12" under the article."""
        article = self.w.article
        if article is None:
            return
        count = len(article.blocks)
        if self.last_block is None:
            text = paragraphs_text(count)
        else:
            text = _("Paragraph {n} of {count}").format(n=self.last_block + 1, count=count)
        if self.shown_state is not PlaybackState.STOPPED:
            text = f"{_(STATE_WORDS[self.shown_state])} · {text}"
        self.w.transport.set_status(self.with_chapter(text))

    def with_chapter(self, text: str) -> str:
        """``text`` and, in a book, "Chapter 2 of 5: Title" of :attr:`status_block`."""
        article = self.w.article
        if article is None or not article.chapters:
            return text
        chapter = chapter_text(article, self.status_block or 0)
        return text if chapter is None else f"{text} · {chapter}"

    def refresh_icons(self) -> None:
        playing = self.shown_state is PlaybackState.PLAYING
        colors = self.w.preferences.colors
        for action, icon_name in ICONS.items():
            color = colors.icon
            if action is Action.PLAY_PAUSE:
                icon_name = "pause" if playing else "play"
                color = colors.icon_on_accent  # drawn on the accent-coloured button
            self.w.actions_by_name[action].setIcon(theme.media_icon(icon_name, color))
