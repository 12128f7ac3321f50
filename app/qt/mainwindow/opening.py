"""Opening articles: files, web addresses, the clipboard, drops, and what follows a load.

:class:`Opening` starts loads on the window's
:class:`~lismoi.qt.loading.Loader` (file and address dialogs, paste, drag
and drop) and handles its answers: the text shown at once (preview), the
article ready (its languages known: the Player, the voices, the recent list
and the offer to resume), a failure with what to do, a cancellation. The
File › Recent articles menu is filled here too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu

from lismoi.core.article import Article
from lismoi.core.i18n import _
from lismoi.core.pipeline import Growth
from lismoi.qt.accessibility import announce
from lismoi.qt.mainwindow.reading import paragraphs_text
from lismoi.qt.player.state import PlaybackState

if TYPE_CHECKING:
    from lismoi.qt.mainwindow.window import MainWindow

RECENT_LABEL_MAX = 70  # characters of a title in File › Recent articles


class Opening:
    """Loads articles into one window and shows them when they arrive."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.reannotating = False  # the same text again, with another language
        # While a book loads: a language chosen meanwhile ((tag,) applied at the end),
        # and a saved place in a chapter not read yet (offered when it arrives).
        self.pending_language: tuple[str | None] | None = None
        self.resume_pending = False
        self.book_growing = False  # the book shown is still being read (Player.set_growing)

    # -- starting a load --------------------------------------------------------------------

    def open_source(self, source: str, *, lang: str | None = None) -> None:
        """Open a file path or a URL in the background."""
        source = source.strip()
        if source.startswith("file://"):
            source = QUrl(source).toLocalFile()
        elif source.startswith("www."):
            source = "https://" + source
        self.w.session.source = source
        self.w.banners.remove("error")
        self.stop_growing()  # a new load stops the book's: what is shown is read to its end
        self.w.loader.load(source, lang=lang or self.w.session.locale_override)
        self.w.update_actions()

    def open_text(self, text: str) -> None:
        self.w.session.source = None
        self.w.banners.remove("error")
        self.stop_growing()
        self.w.loader.load_text(text, lang=self.w.session.locale_override)
        self.w.update_actions()

    def reannotate(self, tag: str | None) -> None:
        """Find the open article's languages again, read as ``tag`` (None: detected)."""
        if self.w.article is None:
            return
        if self.w.loader.growing:  # a new load would stop the book's: once it is all in
            self.pending_language = (tag,)
            return
        self.w.reading.last_block = self.w.reading.current_block()
        self.reannotating = True
        self.w.loader.reannotate(self.w.article, lang=tag)

    def show_article(self, article: Article, source: str | None) -> None:
        """Show an article already read (by another window), as if just loaded."""
        self.w.session.source = source
        self.on_loaded(article)

    def open_file_dialog(self) -> None:
        source = self.w.source
        start = str(Path(source).parent) if source and os.path.exists(source) \
            else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self.w, _("Open an article"), start,
            _("Web pages, books and text (*.html *.htm *.xhtml *.mhtml *.mht *.epub *.pdf "
              "*.txt *.md);;All files (*)"))
        if path:
            self.open_source(path)

    def open_url_dialog(self) -> QInputDialog:
        dialog = QInputDialog(self.w)
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
            self.w.banners.show_message(
                "info", _("The clipboard holds no text or link. Copy an article's text or its "
                          "address, then paste again."), key="error")

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        """Whether a drag carries something to open (a drop then calls :meth:`open_mime`)."""
        return mime.hasUrls() or mime.hasText()

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

    def cancel_loading(self) -> None:
        if self.w.loader.cancel():
            announce(self.w, _("Loading cancelled"))

    # -- the loader's answers -------------------------------------------------------------------

    def on_preview(self, article: Article) -> None:
        """Show the text at once; reading starts when its languages are known."""
        if self.reannotating:
            return  # the same text is on screen already
        w = self.w
        w.reading.stop()
        w.article_view.set_article(article)
        w.setWindowTitle(f"{article.title or _('Untitled article')} — Lis-moi")
        w.transport.set_status(_("Detecting the language…"))
        QTimer.singleShot(0, lambda: w.reading.player)  # get the Player ready meanwhile

    def on_loaded(self, article: Article) -> None:
        """An article is readable: the whole of it, or a book's first part
        (``loader.growing``: the rest comes through :meth:`on_grew`)."""
        w, reading = self.w, self.w.reading
        growing = w.loader.growing
        if growing:
            w.loading_bar.start_rest(_("Reading the rest of the book…"))
        else:
            w.loading_bar.stop()
        reannotated = self.reannotating
        self.reannotating = False
        was_reading = reading.state is not PlaybackState.STOPPED
        reading.stop()
        w.session.open(article)
        reading.player.set_article(article)
        reading.player.set_growing(growing)
        self.book_growing = growing
        w.article_view.defer_building(growing)
        self.pending_language = None
        if w.article_view.article is article:
            w.article_view.refresh_languages()
        elif reannotated:
            w.article_view.adopt(article)
        else:
            w.article_view.set_article(article)
        w.voice_bar.set_detected(article.locale)
        w.voices.configure()
        title = article.title or _("Untitled article")
        w.setWindowTitle(f"{title} — Lis-moi")
        count = len(article.blocks)
        reading.status_block = None
        w.transport.set_status(reading.with_chapter(paragraphs_text(count)))
        if reannotated and reading.last_block is not None and was_reading:
            reading.play_all(reading.last_block)
        else:
            reading.last_block = None
            w.article_view.focus_block(0)
            w.session.add_recent()
            self.offer_resume()
        w.fix_tab_order()
        if growing:
            announce(w, _("{title} is open; the rest of the book is loading. Press Space to "
                          "listen.").format(title=title))
        else:
            announce(w, _("{title} is open: {count} paragraphs. Press Space to listen.").format(
                title=title, count=count))
        w.update_actions()

    def on_grew(self, growth: Growth) -> None:
        """The next part of the book being read: added under what is shown and heard."""
        w = self.w
        article = w.article
        if article is None:
            return
        had_contents = w.contents.isVisibleTo(w)
        start = growth.apply_to(article)
        player = w.reading.existing_player
        if player is not None:
            player.grew(start)
        w.article_view.grow()
        w.contents.grow(article)
        if w.contents.isVisibleTo(w) != had_contents:
            w.fix_tab_order()
        w.reading.update_status()
        if self.resume_pending:
            self.offer_resume()
        if not growth.complete:
            w.loading_bar.set_fraction(int(growth.read * 1000), 1000)
            return
        w.loading_bar.stop()
        self._end_growth()
        for notice in article.notices:
            w.banners.show_message("info", notice, key="notice")
        w.update_actions()
        if self.pending_language is not None:  # chosen while the book was loading
            tag, self.pending_language = self.pending_language, None
            self.reannotate(tag[0])

    def on_failed(self, err: BaseException) -> None:
        self.w.loading_bar.stop()
        self.reannotating = False
        if self.book_growing:
            # The book is shown: what could not be read is said, what is shown stays.
            self.stop_growing(_("The rest of the book could not be read ({error}): {{count}} "
                                "paragraphs are here.").format(error=err))
            self.w.update_actions()
            return
        source = self.w.source
        actions = []
        if source:
            actions.append((_("Try again"), lambda: self.open_source(source)))
        actions.append((_("Open a file…"), self.open_file_dialog))
        self.w.banners.show_error(err, actions, key="error")
        self.w.update_actions()

    def on_cancelled(self) -> None:
        self.reannotating = False
        self.w.loading_bar.stop()
        self.stop_growing(_("The rest of the book was not loaded: {count} paragraphs are here. "
                            "Open it again to read it all."))
        self.w.update_actions()

    def stop_growing(self, message: str | None = None) -> None:
        """A book's loading ended before its end (cancelled, failed, another load):
        what is here is read to its end, and ``message`` says so."""
        if not self.book_growing:
            return
        self._end_growth()
        # What waited for a later part will not come: no offer, no language to apply.
        self.resume_pending = False
        self.pending_language = None
        if message is not None and self.w.article is not None:
            self.w.banners.show_message(
                "warning", message.format(count=len(self.w.article.blocks)), key="error")

    def _end_growth(self) -> None:
        """No more of the book comes (whole or not): the blocks here are the book's."""
        self.book_growing = False
        self.w.article_view.defer_building(False)
        self.w.article_view.set_block_count()
        player = self.w.reading.existing_player
        if player is not None:
            player.set_growing(False)

    def offer_resume(self) -> None:
        """"Last time you stopped at paragraph 3": Resume there, or Start over."""
        w = self.w
        w.banners.remove("resume")
        article = w.article
        saved = w.session.saved_block()
        # A place in a chapter of the book not read yet: offered when it arrives.
        self.resume_pending = bool(w.loader.growing and article is not None and saved is not None
                                   and saved >= len(article.blocks))
        pos = w.session.resume_point(lambda char: w.reading.player.sentence_at(0, char))
        if article is None or pos is None:
            return
        n, count = pos.block + 1, len(article.blocks)

        def resume() -> None:
            w.banners.remove("resume")
            w.reading.play_all(pos.block, pos.char)

        def start_over() -> None:
            w.banners.remove("resume")
            w.session.forget_position()
            w.article_view.focus_block(0)

        chapter = article.chapter_at(pos.block) if article.chapters else None
        if chapter is None:
            message = _("Last time you stopped at paragraph {n} of {count}.").format(
                n=n, count=count)
            again = _("Resume at paragraph {n}").format(n=n)
        else:  # a book: where in it is said by its chapter, as a reader thinks of it
            message = _("Last time you stopped in chapter {c} of {chapters}, “{title}”.").format(
                c=chapter + 1, chapters=len(article.chapters),
                title=article.chapters[chapter].title)
            again = _("Resume in chapter {c}").format(c=chapter + 1)
        banner = w.banners.show_message(
            "info", message, [(again, resume), (_("Start over"), start_over)], key="resume")
        # Keyboard users land on the offer: Space or Enter resumes, Tab reaches "Start over".
        banner.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- File › Recent articles ------------------------------------------------------------------

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.w.session.recent()
        for item in recent:
            label = item.get("title") or item["source"]
            if len(label) > RECENT_LABEL_MAX:
                label = label[:RECENT_LABEL_MAX - 1] + "…"
            action = menu.addAction(label)
            action.setToolTip(item["source"])
            action.setStatusTip(item["source"])
            action.triggered.connect(lambda _c=False, s=item["source"]: self.open_source(s))
        if recent:
            menu.addSeparator()
            clear = menu.addAction(_("Clear recent articles"))
            clear.triggered.connect(self.w.session.clear_recent)
        else:
            empty = menu.addAction(_("No recent articles"))
            empty.setEnabled(False)
