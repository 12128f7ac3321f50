"""With the interface in French, the window shows no English.

The window is built for real (offscreen) with the sample article open and the
voice list loaded, then every string a user can see or hear through a screen
reader is collected: window and dialog titles, labels, button texts, tooltips,
status tips, accessible names and descriptions, placeholders, combo items,
menu titles and every menu action, the keyboard shortcuts dialog and the web
address prompt (whose OK/Cancel buttons come from Qt's own catalog).

A string fails when it
* is an English message of the catalog shown as is (an untranslated lookup), or
* contains a word that only English uses here: a word of the English messages
  (msgids) or of a list of common English interface words, that appears in no
  French translation and not in the article's own text.
That catches strings never wrapped in ``_()``, ``N_()`` tables looked up
without ``_()``, and values built from English data. The same check run on
the English window must flag many strings (the last test): it can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from lismoi.core.i18n_build import PO_DIR, compile_all, read_catalog
from lismoi.core.paths import SAMPLES_DIR

SAMPLE = SAMPLES_DIR / "prison-telephones.html"
WORD = re.compile(r"[^\W\d_]+")
# Interface words a hard-coded English string would likely contain, beyond
# those of the catalog's own messages.
COMMON_ENGLISH = {
    "the", "and", "of", "to", "is", "are", "from", "with", "this", "that", "for", "on", "in",
    "at", "by", "or", "not", "no", "yes", "open", "file", "files", "play", "pause", "stop",
    "read", "reading", "speed", "rate", "voice", "voices", "volume", "language", "languages",
    "help", "view", "settings", "next", "previous", "close", "cancel", "save", "loading",
    "error", "warning", "automatic", "auto", "none", "default", "untitled", "quit", "about",
    "paragraph", "paragraphs", "sentence", "heading", "list", "item", "quote", "table", "code",
    "text", "size", "zoom", "reset", "recent", "web", "address", "paste", "link", "back",
    "slower", "faster", "louder", "softer", "playing", "paused", "stopped", "detected",
    "choose", "female", "male", "unknown", "apply", "edit", "copy", "select", "all",
    "shift", "enter", "space", "up", "down", "left", "right", "escape",
}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def _fresh_catalogs() -> None:
    # The .mo files are build output: compile them from fr.po so this test
    # never runs against a stale catalog (`make test` does it too).
    compile_all()


def _words(text: str) -> set[str]:
    # Single letters are key names ("Ctrl+O") or French words ("à", "a"): not evidence.
    return {w.lower() for w in WORD.findall(text) if len(w) > 1}


def _clean(text: str) -> str:
    """What the user sees: no mnemonic '&', no rich-text markup, no shortcut after a tab."""
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    text = text.split("\t")[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


@pytest.fixture(scope="module")
def catalog() -> dict[str, str]:
    """English msgid -> French msgstr (plural forms flattened)."""
    pairs = {}
    for m in read_catalog(PO_DIR / "fr.po", locale="fr"):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for i, msgid in enumerate(ids):
            pairs[msgid] = strings[min(i, len(strings) - 1)] if strings else ""
    return pairs


def _english_only_words(catalog: dict[str, str], article_text: str) -> set[str]:
    english = set(COMMON_ENGLISH)
    for msgid in catalog:
        english |= _words(_clean(re.sub(r"\{[^}]*\}", " ", msgid)))
    french = _words(" ".join(catalog.values())) | _words(article_text)
    return english - french


def _texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    kind = type(widget).__name__
    yield f"{kind}.toolTip", widget.toolTip()
    yield f"{kind}.statusTip", widget.statusTip()
    yield f"{kind}.whatsThis", widget.whatsThis()
    yield f"{kind}.accessibleName", widget.accessibleName()
    yield f"{kind}.accessibleDescription", widget.accessibleDescription()
    if widget.isWindow():
        yield f"{kind}.windowTitle", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield f"{kind}.text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield f"{kind}.text", widget.text()
    if isinstance(widget, QLineEdit):
        yield f"{kind}.placeholderText", widget.placeholderText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{kind}.item", widget.itemText(i)
    if isinstance(widget, QGroupBox):
        yield f"{kind}.title", widget.title()
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{kind}.tab", widget.tabText(i)
            yield f"{kind}.tabToolTip", widget.tabToolTip(i)
    if isinstance(widget, QProgressBar):
        yield f"{kind}.text", widget.text()
    if isinstance(widget, QTableWidget):
        for col in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(col)
            if item is not None:
                yield f"{kind}.header", item.text()
        for row in range(widget.rowCount()):
            for col in range(widget.columnCount()):
                item = widget.item(row, col)
                if item is not None:
                    yield f"{kind}.cell", item.text()
    if isinstance(widget, QMenu):
        yield f"{kind}.title", widget.title()
        for action in widget.actions():
            yield "QAction.text", action.text()
            yield "QAction.toolTip", action.toolTip()
            yield "QAction.statusTip", action.statusTip()


def visible_strings(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every user-facing string of ``top`` and its children."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        # Menus are hidden until opened, but their texts are the interface too.
        if not isinstance(widget, QMenu) and not widget.isVisibleTo(top) and widget is not top:
            continue
        for where, text in _texts_of(widget):
            text = _clean(text)
            if text:
                found.append((where, text))
    for action in top.actions():
        for where, text in (("QAction.text", action.text()), ("QAction.toolTip", action.toolTip())):
            if _clean(text):
                found.append((where, _clean(text)))
    return found


LOCALE_TAG = re.compile(r"\b[a-z]{2,3}(?:-[A-Za-z]{2,4})+\b")  # fr-BE, it-IT: codes, not words


def _engine_names_removed(text: str, voice_names: set[str]) -> str:
    """``text`` without the installed voices' own names where a voice is named.

    The engine's voice names ("French (France)", espeak's) identify a voice on
    this computer, like the variant name "Annie": shown as is after "—" in the
    voice list and in "voix installée NAME". Anywhere else (a profile's label,
    a language name) they are English and must fail.
    """
    for name in sorted(voice_names, key=len, reverse=True):
        text = text.replace(f"— {name}", "—").replace(f"voix installée {name}", "voix installée")
    return text


def english_strings(
    strings: list[tuple[str, str]],
    catalog: dict[str, str],
    article_text: str,
    voice_names: set[str] = frozenset(),
    exempt: set[str] = frozenset(),
) -> list[str]:
    """The strings of ``strings`` that show English (``exempt`` whole strings aside)."""
    english_only = _english_only_words(catalog, article_text)
    untranslated = {_clean(k) for k, v in catalog.items() if _clean(k) != _clean(v)}
    bad = set()
    for where, text in strings:
        if text in exempt:
            continue
        checked = LOCALE_TAG.sub(" ", _engine_names_removed(text, voice_names))
        words = _words(checked) & english_only
        if text in untranslated or words:
            why = f" (English: {', '.join(sorted(words))})" if words else ""
            bad.add(f"{where}: {text!r}{why}")
    return sorted(bad)


@pytest.fixture
def window_in(qtbot, qapp, window_factory):
    """A factory: the main window in a language, sample open, voices listed."""
    from lismoi.qt.qt_translations import apply_ui_language

    def make(lang: str):
        assert apply_ui_language(qapp, lang) == lang
        window = window_factory(show=False)  # shown below, while the signals are awaited
        with qtbot.waitSignals(
            [window.loader.voicesReady, window.loader.loaded], timeout=60_000, order="none"
        ):
            window.show()
            window.open_source(str(SAMPLE))
        # Two dialogs the window opens without blocking: the shortcuts table, and
        # the web address prompt, whose OK/Cancel buttons are Qt's own strings.
        dialogs = [window.show_shortcuts(), window.opening.open_url_dialog()]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
        return window, dialogs

    yield make
    apply_ui_language(qapp, "en")


def _voice_names(window) -> set[str]:
    return {
        e.resolved.voice_name
        for e in window.voices.catalog
        if e.resolved is not None and getattr(e.resolved, "voice_name", "")
    }


def _article_text(window) -> str:
    article = window.article
    parts = [article.title or "", article.byline or "", article.date or ""]
    parts += [b.text for b in article.blocks]
    return " ".join(parts)


def _native_language_names(window) -> set[str]:
    # View › Interface language names each language in itself ("English",
    # "Français"), on purpose: whoever cannot read the current interface must
    # still find their own language there.
    return {a.text() for a in window.ui_language_menu.actions() if a.data()}


def test_french_window_shows_no_english(window_in, catalog) -> None:
    window, dialogs = window_in("fr")
    strings = visible_strings(window) + [s for d in dialogs for s in visible_strings(d)]
    assert ("QPushButton.text", "Annuler") in strings  # Qt's catalog is loaded too
    assert len(strings) > 40, strings  # the walk really saw the interface
    article = _article_text(window)
    exempt = _native_language_names(window)
    assert exempt == {"English", "Français"}
    # No voice names exempted: what a voice speaks is named from CLDR in French.
    bad = english_strings(strings, catalog, article, exempt=exempt)
    assert not bad, "English in the French window:\n" + "\n".join(bad)


def test_the_check_flags_the_english_window(window_in, catalog) -> None:
    window, dialogs = window_in("en")
    strings = visible_strings(window) + [s for d in dialogs for s in visible_strings(d)]
    bad = english_strings(strings, catalog, _article_text(window), _voice_names(window))
    assert len(bad) > 20, bad
