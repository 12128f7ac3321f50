"""The reading session: the open article, where the listener is in it, recent articles, saving.

:class:`Session` wraps :class:`~lismoi.core.settings.Settings` and
:class:`~lismoi.core.settings.Positions` for one window: it knows which
article is open (and its key in the positions file), remembers the block and
sentence being heard, decides whether a place is worth offering to resume,
keeps the recent list, and writes both files at most every ``SAVE_DELAY_MS``
while reading (at once on request). It holds no widgets: a failed save comes
out as :attr:`Session.saveFailed` with the sentence to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.core.settings import Position, Positions, Settings, article_key

SAVE_DELAY_MS = 1500  # settings and positions are written at most this often while reading


class Session(QObject):
    """What one window has open and where the listener is; saved in the background."""

    saveFailed = Signal(str)  # why, and what to do (for a banner)

    def __init__(self, settings: Settings, positions: Positions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.positions = positions
        self.article: Article | None = None
        self.source: str | None = None  # the path or URL it came from (None: pasted text)
        self.article_key: str | None = None  # its key in the positions file
        self.locale_override: str | None = None  # the listener's "read it as" tag
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

    # -- the open article ----------------------------------------------------------------

    def open(self, article: Article) -> None:
        """``article`` (read from :attr:`source`) is the one on screen from now on."""
        self.article = article
        self.article_key = article_key(article.url, article.source or self.source)

    def remember(self, block: int, char: int | None = None) -> None:
        """The listener reached ``block`` (at ``char``: a sentence start)."""
        if not self.article_key:
            return
        if char is None:
            self.positions.set(self.article_key, block)
            self.schedule_save()
        else:
            # Sentences come often: saved with the next block or at stop.
            self.positions.set(self.article_key, block, char)

    def forget_position(self) -> None:
        """Read to the end, or started over: nothing to resume next time."""
        if self.article_key:
            self.positions.forget(self.article_key)
            self.schedule_save()

    def saved_block(self) -> int | None:
        """The block of the place saved for the open article (maybe not loaded yet)."""
        if self.article is None or not self.article_key:
            return None
        pos = self.positions.get(self.article_key)
        return None if pos is None else pos.block

    def resume_point(self, first_sentence_at: Callable[[int], int]) -> Position | None:
        """The place to offer to resume in the open article, or None.

        ``first_sentence_at(char)`` is the index of the first block's sentence
        holding ``char``: past the first sentence is worth offering, even in
        the first paragraph.
        """
        if self.article is None or not self.article_key:
            return None
        pos = self.positions.get(self.article_key)
        if pos is None or not 0 <= pos.block < len(self.article.blocks):
            return None
        if pos.block == 0 and first_sentence_at(pos.char) == 0:
            return None
        return pos

    # -- recent articles -------------------------------------------------------------------

    def recent(self) -> list[dict[str, str]]:
        return list(self.settings["recent"])

    def add_recent(self) -> None:
        """Put the open article at the top of the recent list (pasted text is not kept)."""
        if self.source and self.article is not None:
            self.settings.add_recent(self.source, self.article.title or "")
            self.schedule_save()

    def clear_recent(self) -> None:
        self.settings["recent"] = []
        self.schedule_save()

    # -- saving ------------------------------------------------------------------------------

    def schedule_save(self) -> None:
        self._save_timer.start()

    def cancel_save(self) -> None:
        """Forget a pending save (scripts that must not write the user's files)."""
        self._save_timer.stop()

    def save_now(self) -> None:
        self._save_timer.stop()
        try:
            self.settings.save()
            self.positions.save()
        except OSError as err:
            self.saveFailed.emit(
                _("Your settings could not be saved ({error}). Check that the folder {folder} "
                  "can be written to.").format(error=err.strerror or err,
                                              folder=self.settings.path.parent))
