"""One block of the article on screen: its play button and its text, highlighted.

A :class:`BlockView` is focusable: Enter or a click on the text reads from
there to the end, Shift+Enter reads only that block, Up/Down/Home/End ask the
article view to move the focus, H and Shift+H to the next or previous heading.
The sentence being heard (and the word, when the engine gives word timings) is
drawn as an HTML span by :func:`block_html`.

For assistive technology a block is text with a caret (issue 16): its
accessible interface (:mod:`lismoi.qt.text_accessible`) has the block's role
(a heading with its level, a paragraph, a list item, a quotation) and its
plain text; Left/Right move the caret by character, Ctrl+Left/Right by word
while nothing is being read (while reading they skip sentences), Shift adds
to the selection; Enter reads from the sentence at the caret.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QObject,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QWidget,
)

from lismoi.core.article import Block
from lismoi.core.i18n import N_, _
from lismoi.qt import text_accessible, theme
from lismoi.qt.theme import HIGHLIGHTS, Highlight

KIND_NAMES = {
    "heading": N_("Heading"),
    "paragraph": N_("Paragraph"),
    "list_item": N_("List item"),
    "quote": N_("Quotation"),
    "code": N_("Code"),
    "table": N_("Table"),
}


def kind_name(kind: str) -> str:
    return _(KIND_NAMES.get(kind, "Paragraph"))


def block_html(text: str, sentence: tuple[int, int] | None, word: tuple[int, int] | None,
               colors: Highlight) -> str:
    """``text`` as HTML, the sentence and word spans highlighted; newlines kept."""
    n = len(text)
    cuts = {0, n}
    for span in (sentence, word):
        if span:
            cuts.update(max(0, min(n, x)) for x in span)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        in_word = word is not None and word[0] <= a and b <= word[1]
        in_sentence = sentence is not None and sentence[0] <= a and b <= sentence[1]
        if in_word:
            piece = (f'<span style="background-color:{colors.word_bg};'
                     f'color:{colors.word_fg};">{piece}</span>')
        elif in_sentence:
            piece = (f'<span style="background-color:{colors.sentence_bg};'
                     f'color:{colors.sentence_fg};">{piece}</span>')
        out.append(piece)
    # pre-wrap: spaces as in the text (code), like the plain-text label it replaces.
    return '<span style="white-space:pre-wrap">' + "".join(out) + "</span>"


def _word_move(cursor: QTextCursor, *, forward: bool, mode: QTextCursor.MoveMode) -> None:
    """Ctrl+Right to the end of the word, Ctrl+Left to its start (the desktop's rule).

    Orca (like GTK) expects the caret after the word it passed over and says
    that word; moving to the next word's start made it say nothing.
    """
    op = QTextCursor.MoveOperation
    start = cursor.position()
    cursor.movePosition(op.EndOfWord if forward else op.StartOfWord, mode)
    if cursor.position() == start:  # already at that end: the next word's
        cursor.movePosition(op.NextWord if forward else op.PreviousWord, mode)
        if forward:
            cursor.movePosition(op.EndOfWord, mode)


class BlockText(QLabel):
    """The label that draws a block's text (its accessible side: text_accessible).

    Its height for a width is kept: Qt's layouts ask every word-wrapped label
    again at each layout pass, and QLabel lays its text out anew each time, so
    a page of a thousand blocks spent seconds per added block (measured with
    perf: text shaping). The cache is dropped when the text or font changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) > 8:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


class BlockView(QFrame):
    """One block: its play button and its text. Focusable; Enter reads from here."""

    playRequested = Signal(int)  # read this block only
    readFromRequested = Signal(int, int)  # read from this block (and character) to the end
    moveFocus = Signal(int, int)  # index, +1 / -1
    headingRequested = Signal(int, int)  # index, +1 / -1: the next / previous heading
    focused = Signal(int)  # index: this block got the focus (by click, Tab or arrows)

    def __init__(self, index: int, count: int, block: Block, parent: QWidget | None = None,
                 colors: Highlight = HIGHLIGHTS["default"]) -> None:
        super().__init__(parent)
        self.index = index
        self.block = block
        self.setObjectName("Block")
        self.setProperty("kind", block.kind)
        self.setProperty("reading", False)
        # Tab reaches one block of the article (ArticleView._set_tab_stop); clicks reach all.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        kind = kind_name(block.kind)
        number = index + 1
        # The text itself is the block's Text interface; the name is what a screen
        # reader says before it: a heading's own words, "Paragraph 3" for the others.
        self._name = block.text if block.kind == "heading" else f"{kind} {number}"
        self.setAccessibleName(self._name)
        self.set_count(count)
        self.words_by_caret = True  # Ctrl+Left/Right move the caret (False while reading)
        if block.lang:
            self.setLocale_from_tag(block.lang)

        self.play = QToolButton(self)
        self.play.setObjectName("BlockPlay")
        self.play.setAutoRaise(True)
        # Keyboard users press Enter on the block itself; a second tab stop per
        # block would double the Tab presses through a long article.
        self.play.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play.setToolTip(_("Read {kind} {number}").format(kind=kind.lower(), number=number))
        self.play.setAccessibleName(_("Read {kind} {number}").format(kind=kind.lower(),
                                                                     number=number))
        self.play.setAccessibleDescription(_("Reads only this block, then stops"))
        self.play.clicked.connect(lambda: self.playRequested.emit(self.index))

        self.label = BlockText(self)
        self.label.setObjectName("BlockText")
        self.label.setProperty("kind", block.kind)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.installEventFilter(self)  # clicks on the text read from here

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 10, 6)
        layout.setSpacing(10)
        prefix = None
        if block.kind == "list_item":
            prefix = QLabel("•", self)
            prefix.setAccessibleName(_("bullet"))
        self._prefix = prefix
        layout.addWidget(self.play, 0, Qt.AlignmentFlag.AlignTop)
        if prefix is not None:
            layout.addWidget(prefix, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        # Made on first use (a caret key, a click, assistive technology asking for
        # the text): a laid-out QTextEdit per block cost 3 ms and a relayout on
        # every resize, most of the time to show a book of a thousand blocks.
        self._text_model: QTextEdit | None = None
        self._sentence: tuple[int, int] | None = None
        self._word: tuple[int, int] | None = None
        self._colors = colors
        self._set_icon()
        self.render_text()

    def set_count(self, count: int) -> None:
        """How many blocks the article has (a book still loading has more later)."""
        self._description = _(
            "{number} of {count}. Enter reads from the caret, Shift+Enter reads only this "
            "one; the arrows move the caret, line by line to the other blocks; H goes to "
            "the next heading.").format(number=self.index + 1, count=count)
        self.setAccessibleDescription(self._description)

    def setLocale_from_tag(self, tag: str) -> None:  # noqa: N802 - Qt naming next to setLocale
        # Screen readers pick their pronunciation from the widget's locale.
        self.setLocale(QLocale(tag.replace("-", "_")))

    def set_colors(self, colors: Highlight) -> None:
        self._colors = colors
        self._set_icon()
        self.render_text()

    def _set_icon(self) -> None:
        reading = bool(self.property("reading"))
        color = self._colors.icon_on_accent if reading else self._colors.icon
        self.play.setIcon(theme.media_icon("play", color))

    def set_reading(self, reading: bool) -> None:
        if bool(self.property("reading")) != reading:
            self.setProperty("reading", reading)
            self.style().unpolish(self)
            self.style().polish(self)
            self.play.style().unpolish(self.play)
            self.play.style().polish(self.play)
            self._set_icon()
        if not reading:
            self.set_spans(None, None)

    def set_spans(self, sentence: tuple[int, int] | None, word: tuple[int, int] | None) -> None:
        if (sentence, word) != (self._sentence, self._word):
            self._sentence, self._word = sentence, word
            self.render_text()

    def set_word(self, word: tuple[int, int] | None) -> None:
        """Mark ``word`` inside the sentence already marked."""
        self.set_spans(self._sentence, word)

    def set_text_size(self, size: float) -> None:
        """Fonts, icon and margins for body text of ``size`` points (the zoom)."""
        kind = self.block.kind
        if kind == "heading":
            level = max(1, min(self.block.level or 2, 6))
            scale = {1: 1.5, 2: 1.3, 3: 1.15}.get(level, 1.05)
            f = theme.font(theme.SANS, size * scale, weight=QFont.Weight.Bold)
        elif kind == "code":
            f = theme.font(theme.MONO, size * 0.9)
        else:
            f = theme.font(theme.SERIF, size)
            if kind == "quote":
                f.setItalic(True)
        self.label.setFont(f)
        if self._text_model is not None:
            self._text_model.setFont(f)
        # Line height ~1.5 for body text, through the label's rich-text line spacing.
        icon = int(max(20, size * 1.7))
        self.play.setIconSize(QSize(icon, icon))
        self.layout().setContentsMargins(6, int(size * 0.5), 10, int(size * 0.5))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._text_model is not None:
            self._sync_model()

    def _offset_at(self, point: QPoint) -> int:
        """The character under a global point (a click on the text), 0 off the text."""
        if not self.label.rect().contains(self.label.mapFromGlobal(point)):
            return 0
        self._sync_model()
        local = self.label.mapFromGlobal(point) - self.label.contentsRect().topLeft()
        return self._model.cursorForPosition(local).position()

    def render_text(self) -> None:
        # Plain text unless something is highlighted: a rich-text label lays out
        # three times slower, which a book of a thousand blocks feels.
        # block_html keeps the spaces and line breaks, so both lay out alike.
        if self._sentence is None and self._word is None:
            self.label.setTextFormat(Qt.TextFormat.PlainText)
            self.label.setText(self.block.text)
        else:
            self.label.setTextFormat(Qt.TextFormat.RichText)
            self.label.setText(
                block_html(self.block.text, self._sentence, self._word, self._colors))

    # -- the text as assistive technology reads it (text_accessible.TextBlock) ------

    def a11y_children(self) -> list[QWidget]:
        # The play button (and a list item's bullet); the text is the block's own.
        return [self.play] + ([self._prefix] if self._prefix is not None else [])

    def a11y_kind(self) -> str:
        return self.block.kind

    def a11y_level(self) -> int:
        return max(1, min(self.block.level or 2, 6)) if self.block.kind == "heading" else 0

    def a11y_name(self) -> str:
        return self._name

    def a11y_description(self) -> str:
        return self._description

    def text_model(self) -> QTextEdit:
        self._sync_model()
        return self._model

    @property
    def _model(self) -> QTextEdit:
        if self._text_model is None:
            self._text_model = self._make_model()
            self._sync_model()
        return self._text_model

    def _make_model(self) -> QTextEdit:
        # Never shown: it holds the text, caret and selection that assistive technology
        # reads (text_accessible's docstring says why a QTextEdit).
        model = QTextEdit(self)
        model.setObjectName("BlockTextModel")
        model.setReadOnly(True)
        model.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        model.setFrameShape(QFrame.Shape.NoFrame)
        model.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        # The document is made whole (text, font, margin) before the editor has it: the
        # editor tells assistive technology of every change to its document, a new
        # margin or font as the whole text replaced, and Orca read a heading twice, once
        # as focused and once as new text (seen in its debug log).
        model.setFont(self.label.font())
        document = QTextDocument(model)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.label.font())
        document.setDocumentMargin(0)
        document.setPlainText(self.block.text)
        model.setDocument(document)
        model.hide()
        return model

    def _sync_model(self) -> None:
        """The model laid out like the label: same font, same width, same place."""
        model = self._model
        if model.font() != self.label.font():  # (a change is announced: see _make_model)
            model.setFont(self.label.font())
        model.setLineWrapColumnOrWidth(max(1, self.label.contentsRect().width()))
        model.setGeometry(self.label.geometry())

    def caret(self) -> int:
        if self._text_model is None:
            return 0  # never moved: at the start
        return self._text_model.textCursor().position()

    def set_caret(self, offset: int, *, notify: bool = False) -> None:
        """Put the caret at ``offset``; ``notify`` tells assistive technology (a key moved it)."""
        cursor = self._model.textCursor()
        cursor.setPosition(max(0, min(len(self.block.text), offset)))
        self._model.setTextCursor(cursor)
        if notify:
            text_accessible.caret_moved(self, cursor.position())

    def selected_text(self) -> str:
        return self._text_model.textCursor().selectedText() if self._text_model else ""

    def selection_span(self) -> tuple[int, int] | None:
        if self._text_model is None:
            return None
        cursor = self._text_model.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None

    def _caret_key(self, event: QKeyEvent) -> bool:
        """Left/Right (Ctrl: by word), Up/Down inside the block's lines, Shift selects.

        True if handled; Up on the first line and Down on the last are the
        article's (the previous or next block).
        """
        key, mods = event.key(), event.modifiers()
        moves = {Qt.Key.Key_Left: QTextCursor.MoveOperation.Left,
                 Qt.Key.Key_Right: QTextCursor.MoveOperation.Right,
                 Qt.Key.Key_Up: QTextCursor.MoveOperation.Up,
                 Qt.Key.Key_Down: QTextCursor.MoveOperation.Down}
        if key not in moves:
            return False
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if mods & ~(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                    | Qt.KeyboardModifier.KeypadModifier):
            return False
        vertical = key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if (ctrl and (vertical or not self.words_by_caret)) or (vertical and not shift
                                                               and self._at_edge_line(key)):
            return False
        self._sync_model()
        cursor = self._model.textCursor()
        before = cursor.selectionStart(), cursor.selectionEnd()
        mode = QTextCursor.MoveMode.KeepAnchor if shift else QTextCursor.MoveMode.MoveAnchor
        if ctrl:
            _word_move(cursor, forward=key == Qt.Key.Key_Right, mode=mode)
        else:
            cursor.movePosition(moves[key], mode)
        self._model.setTextCursor(cursor)
        text_accessible.caret_moved(self, cursor.position())
        if shift or before[0] != before[1]:
            text_accessible.selection_changed(self, self.selection_span())
        return True

    def _at_edge_line(self, key: int) -> bool:
        self._sync_model()
        cursor = QTextCursor(self._model.textCursor())
        operation = QTextCursor.MoveOperation.Up if key == Qt.Key.Key_Up \
            else QTextCursor.MoveOperation.Down
        return not cursor.movePosition(operation)

    def event(self, event: QEvent) -> bool:
        # Ctrl+Left/Right are the window's sentence keys; a block keeps them for the
        # caret while nothing is being read.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.words_by_caret:
            event.accept()
            return True
        return super().event(event)

    # -- input ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.mouseReleaseEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # The click acts on release; accepting the press (also the one the text
        # label ignores and passes up) makes this block the release's receiver.
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_caret(self._offset_at(event.globalPosition().toPoint()))
            self.readFromRequested.emit(self.index, self.caret())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit(self.index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.playRequested.emit(self.index)
            elif not mods & Qt.KeyboardModifier.ControlModifier:
                self.readFromRequested.emit(self.index, self.caret())
            else:
                super().keyPressEvent(event)
                return
            event.accept()
            return
        if self._caret_key(event):
            event.accept()
            return
        if key == Qt.Key.Key_H and mods in (Qt.KeyboardModifier.NoModifier,
                                            Qt.KeyboardModifier.ShiftModifier):
            self.headingRequested.emit(self.index, -1 if mods else 1)
            event.accept()
            return
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Home: -10**9,
                 Qt.Key.Key_End: 10**9}
        if mods == Qt.KeyboardModifier.NoModifier and key in steps:
            self.moveFocus.emit(self.index, steps[key])  # Home/End: first/last block
            event.accept()
            return
        super().keyPressEvent(event)


text_accessible.register_block_class(BlockView)
text_accessible.register_drawn_text_class(BlockText)
