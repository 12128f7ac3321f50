"""The voice bar, like the seed's widget: language, voice, and "Play all".

"Language: (auto detect) – FR" shows the locale found for the article, with
an override (fr-FR, fr-CA, en-US...). The voice selector lists the French
Female, French Male, French Canadian Female and French Canadian Male profiles
first, then the profiles of the other languages; each entry shows the voice
it really uses on this machine, and a visible note says when that voice is a
fallback (espeak-ng has no Canadian French voice, for instance). A natural
(Piper) voice is said to be one, with what it cannot do: its words are not
highlighted, only its sentences (Piper gives no word timings); the same
profile read by espeak-ng ("… (espeak-ng)") follows it in the list. Articles
with passages in other languages get a selector per language.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lismoi.core.i18n import N_, _
from lismoi.core.voices import ACCENT_LABELS
from lismoi.qt.loading import VoiceEntry
from lismoi.qt.theme import HIGHLIGHTS, Highlight, media_icon

# Locales offered in the override, with their names (translated on display).
LOCALES: tuple[tuple[str, str], ...] = (
    ("fr-FR", N_("French (France)")),
    ("fr-CA", N_("French (Canada)")),
    ("fr-BE", N_("French (Belgium)")),
    ("fr-CH", N_("French (Switzerland)")),
    ("en-US", N_("English (United States)")),
    ("en-GB", N_("English (United Kingdom)")),
    ("es-ES", N_("Spanish (Spain)")),
    ("de-DE", N_("German (Germany)")),
    ("it-IT", N_("Italian (Italy)")),
    ("pt-PT", N_("Portuguese (Portugal)")),
    ("pt-BR", N_("Portuguese (Brazil)")),
    ("nl-NL", N_("Dutch (Netherlands)")),
)

LANGUAGE_NAMES = {
    "fr": N_("French"), "en": N_("English"), "es": N_("Spanish"), "de": N_("German"),
    "it": N_("Italian"), "pt": N_("Portuguese"), "nl": N_("Dutch"),
}


def language_name(lang: str) -> str:
    base = lang.split("-")[0].lower()
    return _(LANGUAGE_NAMES[base]) if base in LANGUAGE_NAMES else base


def short_locale(tag: str | None) -> str:
    """The seed's short form: "fr-FR" -> "FR", "fr-CA" -> "FR-CA", None -> "?"."""
    if not tag:
        return "?"
    lang, _sep, region = tag.partition("-")
    if region and region.upper() != lang.upper():
        return f"{lang.upper()}-{region.upper()}"
    return lang.upper()


def voice_text(entry: VoiceEntry) -> str:
    """"French Canadian Female — roa/fr+f3 (fallback)" for the selector."""
    label = entry.profile.label()
    r = entry.resolved
    if r is None or not r.voice_id:
        return _("{label} — no voice available").format(label=label)
    used = r.voice_name or r.voice_id
    if r.variant:
        used = f"{used} + {r.variant}"
    if r.accent:  # "French Canadian Male — Québécois pronunciation rules over French (France)"
        rules = _(ACCENT_LABELS[r.accent])
        return f"{label} — " + _("{rules} over {voice}").format(rules=rules, voice=used)
    if r.fallback:
        return _("{label} — {voice} (fallback)").format(label=label, voice=used)
    if r.natural:
        return _("{label} — {voice} (natural voice)").format(label=label, voice=used)
    return f"{label} — {used}"


def voice_note(entry: VoiceEntry | None) -> str:
    """The visible note under the selector: a fallback's warning, or what a natural voice lacks.

    A profile read with its region's pronunciation rules ("accent") is what it
    promises: its selector says so, and no note warns.
    """
    if entry is None:
        return ""
    r = entry.resolved
    if r is None or not r.voice_id:
        return _("⚠ No voice can read this language on this computer.")
    if r.fallback:
        return "⚠ " + _("Fallback: {reason}").format(reason=r.reason)
    if r.natural:
        return _("Natural voice: the sentence being read is highlighted, not each word.")
    return ""


class _VoiceSelector(QWidget):
    """A label, a combo of profiles and the fallback note, for one language."""

    chosen = Signal(str, str)  # lang, profile id

    def __init__(self, lang: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.entries: list[VoiceEntry] = []
        self.label = QLabel(title)
        self.label.setObjectName("BarLabel")
        self.combo = QComboBox()
        self.combo.setMaxVisibleItems(20)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label.setBuddy(self.combo)
        self.note = QLabel()
        self.note.setObjectName("FallbackNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.combo.currentIndexChanged.connect(self._changed)
        # The label is placed by the bar (a grid column of labels); combo and note here.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        self._describe()

    def set_entries(self, entries: Sequence[VoiceEntry], selected: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.entries = list(entries)
        for i, entry in enumerate(self.entries):
            self.combo.addItem(voice_text(entry), entry.profile.id)
            tip = entry.resolved.reason if entry.resolved is not None else ""
            self.combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
            self.combo.setItemData(i, f"{voice_text(entry)}. {tip}".strip(),
                                   Qt.ItemDataRole.AccessibleDescriptionRole)
        self.combo.blockSignals(False)
        self.select(selected)

    def select(self, profile_id: str | None) -> None:
        index = self.combo.findData(profile_id) if profile_id else -1
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, index) if self.entries else -1)
        self.combo.blockSignals(False)
        self._describe()

    def current_entry(self) -> VoiceEntry | None:
        i = self.combo.currentIndex()
        return self.entries[i] if 0 <= i < len(self.entries) else None

    def _changed(self, _index: int) -> None:
        self._describe()
        entry = self.current_entry()
        if entry is not None:
            self.chosen.emit(self.lang, entry.profile.id)

    def _describe(self) -> None:
        entry = self.current_entry()
        note = voice_note(entry)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        name = self.label.text().rstrip(": ")
        self.combo.setAccessibleName(name)
        desc = _("The voice that reads {language} text.").format(
            language=language_name(self.lang))
        if entry is not None:
            desc += " " + _("Selected: {voice}.").format(voice=voice_text(entry))
            if note:
                desc += " " + note.removeprefix("⚠ ")
        self.combo.setAccessibleDescription(desc)
        self.combo.setToolTip(note or (entry.resolved.reason if entry and entry.resolved else ""))


class VoiceBar(QWidget):
    """Language override, voice selectors and "Play all"."""

    localeOverrideChanged = Signal(object)  # None (auto) or a BCP 47 tag
    voiceChosen = Signal(str, str)  # lang ("fr"), profile id
    playAllRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VoiceBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.catalog: list[VoiceEntry] = []
        self.detected: str | None = None
        self.main_lang = "fr"
        self.extra: dict[str, _VoiceSelector] = {}

        self.lang_label = QLabel(_("Language:"))
        self.lang_label.setObjectName("BarLabel")
        self.lang_combo = QComboBox()
        self.lang_combo.setAccessibleName(_("Language"))
        self.lang_combo.setAccessibleDescription(
            _("The language the article is read in: automatic, or a language you choose"))
        self.lang_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lang_label.setBuddy(self.lang_combo)
        self.lang_combo.addItem("", None)
        for tag, name in LOCALES:
            self.lang_combo.addItem(f"{_(name)} – {tag}", tag)
        self.set_detected(None)
        self.lang_combo.currentIndexChanged.connect(self._locale_changed)

        self.voice = _VoiceSelector("fr", _("Voice:"))
        self.voice.combo.setAccessibleName(_("Voice"))
        self.voice.chosen.connect(self._main_voice_chosen)

        self.play_all = QPushButton(_("Play all"))
        self.play_all.setObjectName("PlayAll")
        self.set_colors(HIGHLIGHTS["default"])
        self.play_all.setAccessibleName(_("Play all"))
        self.play_all.setAccessibleDescription(_("Read the whole article from the beginning "
                                                 "(Ctrl+Enter)"))
        self.play_all.clicked.connect(self.playAllRequested)

        # A grid, so the voice selectors of other languages line up under the main one.
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(12, 8, 12, 8)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.grid.addWidget(self.lang_label, 0, 0, right)
        self.grid.addWidget(self.lang_combo, 0, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(self.voice.label, 0, 2, right)
        self.grid.addWidget(self.voice, 0, 3, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(self.play_all, 0, 4, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(3, 1)
        self.grid.setColumnMinimumWidth(2, 0)

    def set_colors(self, colors: Highlight) -> None:
        self.play_all.setIcon(media_icon("play", colors.icon_on_accent))

    # -- language -------------------------------------------------------------

    def set_detected(self, locale: str | None) -> None:
        """Show the locale found for the article in the "(auto detect)" entry."""
        self.detected = locale
        self.lang_combo.setItemText(0, _("(auto detect) – {locale}").format(
            locale=short_locale(locale)))

    def override(self) -> str | None:
        return self.lang_combo.currentData()

    def set_override(self, tag: str | None) -> None:
        index = self.lang_combo.findData(tag) if tag else 0
        self.lang_combo.blockSignals(True)
        self.lang_combo.setCurrentIndex(max(0, index))
        self.lang_combo.blockSignals(False)

    def _locale_changed(self, _index: int) -> None:
        self.localeOverrideChanged.emit(self.lang_combo.currentData())

    # -- voices ---------------------------------------------------------------

    def set_catalog(self, entries: Sequence[VoiceEntry]) -> None:
        self.catalog = list(entries)

    def ordered(self, first_langs: Sequence[str]) -> list[VoiceEntry]:
        """French profiles first (the seed's four), then ``first_langs``, then the rest."""
        firsts = ["fr", *[lang for lang in first_langs if lang != "fr"]]

        def key(entry: VoiceEntry) -> tuple[int, bool, int, str, int, str]:
            p = entry.profile
            rank = firsts.index(p.lang) if p.lang in firsts else len(firsts)
            if rank == len(firsts):  # the rest: alphabetical
                return (rank, False, 0, "", 0, p.label().casefold())
            # The seed's order: the language's home region first (France for French),
            # female before male: French Female, French Male, French Canadian Female...
            home = p.region is None or p.region.upper() == p.lang.upper()
            gender = 0 if p.gender == "female" else 1
            # The hand-written profiles (the seed's four) before derived ones (fr-BE...).
            derived = bool(getattr(p, "derived", False))
            return (rank, derived, 0 if home else 1, p.region or "", gender, "")

        return sorted(self.catalog, key=key)

    def show_languages(self, main_lang: str, others: Sequence[str],
                       chosen: dict[str, str | None]) -> None:
        """Fill the selectors: the main one and one per other language in the article.

        ``chosen`` maps a language to the profile id reading it (None = none fits).
        """
        self.main_lang = main_lang
        self.voice.lang = main_lang
        self.voice.set_entries(self.ordered([main_lang, *others]), chosen.get(main_lang))
        for selector in self.extra.values():
            for widget in (selector.label, selector):
                self.grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.extra = {}
        for lang in others:
            entries = [e for e in self.catalog if e.profile.lang == lang]
            if not entries:
                continue
            title = _("{language} passages:").format(language=language_name(lang))
            selector = _VoiceSelector(lang, title, self)
            selector.set_entries(entries, chosen.get(lang))
            selector.chosen.connect(self.voiceChosen)
            row = self.grid.rowCount()
            self.grid.addWidget(selector.label, row, 2,
                                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(selector, row, 3)
            self.extra[lang] = selector

    def _main_voice_chosen(self, _lang: str, profile_id: str) -> None:
        self.voiceChosen.emit(self.main_lang, profile_id)

    def selectors(self) -> list[_VoiceSelector]:
        return [self.voice, *self.extra.values()]
