"""The interface language for the whole app: our gettext catalog and Qt's own.

Call :func:`apply_ui_language` once, after the QApplication exists and before
the window is built (``main.py``)::

    apply_ui_language(app, args.ui_lang or settings["ui_language"])

It picks the language (the override if given, else the system's preferred
languages as Qt reports them, which also works on Windows and macOS where
gettext's LANG variables are usually unset), switches :mod:`lismoi.core.i18n`
to it, and loads Qt's translations (``qtbase_<lang>.qm`` from PySide6's
translations folder) so that Qt's standard dialogs and buttons (file dialog,
"Cancel", "&Yes", the context menus of text fields) speak the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from lismoi.core import i18n

# Keep the installed translators alive (Qt does not own them) and removable.
_installed: list[QTranslator] = []


def system_ui_language(available: list[str] | None = None) -> str:
    """The first of the system's preferred interface languages that we have, else "en"."""
    available = available or i18n.available_languages()
    for tag in QLocale.system().uiLanguages():
        lang = tag.replace("_", "-").split("-")[0].lower()
        if lang in available:
            return lang
    return "en"


def choose_ui_language(override: str | None) -> str:
    """``override`` ("fr", "fr-CA", "en"...) if we have it, else the system's choice."""
    available = i18n.available_languages()
    if override:
        lang = override.replace("_", "-").split("-")[0].lower()
        if lang in available:
            return lang
    return system_ui_language(available)


def qt_translations_dir() -> str:
    """Where PySide6 keeps Qt's .qm files (inside the wheel, or the bundle)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_ui_language(app: QCoreApplication, override: str | None = None) -> str:
    """Switch the interface to ``override`` or the system language; return the language used.

    Strings already on screen keep their language: build (or rebuild) the
    widgets after calling this.
    """
    lang = choose_ui_language(override)
    i18n.set_language(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        # qtbase holds the standard dialogs and widgets; qtmultimedia the audio errors.
        for catalog in ("qtbase", "qtmultimedia"):
            translator = QTranslator(app)
            if translator.load(f"{catalog}_{lang}", qt_translations_dir()):
                app.installTranslator(translator)
                _installed.append(translator)
    return lang
