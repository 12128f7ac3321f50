"""The interface language switch: our catalog and Qt's own standard buttons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from lismoi.core import i18n
from lismoi.core.i18n_build import compile_all
from lismoi.qt.qt_translations import apply_ui_language, choose_ui_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _fresh_catalogs() -> None:
    # The .mo files are build output: compile them from fr.po so this test
    # never runs against a stale catalog (`make test` does it too).
    compile_all()


@pytest.fixture
def english_afterwards(qapp):
    yield qapp
    apply_ui_language(qapp, "en")


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    return text.replace("&", "")


def test_french_switches_our_strings_and_qts(english_afterwards) -> None:
    assert apply_ui_language(english_afterwards, "fr") == "fr"
    assert i18n._("Quit") == "Quitter"
    assert _cancel_text() == "Annuler"  # from qtbase_fr.qm, not from our catalog


def test_back_to_english(english_afterwards) -> None:
    apply_ui_language(english_afterwards, "fr")
    assert apply_ui_language(english_afterwards, "en") == "en"
    assert i18n._("Quit") == "Quit"
    assert _cancel_text() == "Cancel"


def test_override_accepts_regional_tags_and_ignores_unknown_ones() -> None:
    assert choose_ui_language("fr-CA") == "fr"
    assert choose_ui_language("fr_FR") == "fr"
    # A language we have no catalog for falls back to the system's choice.
    assert choose_ui_language("xx") == choose_ui_language(None)


_PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from lismoi.core.i18n import _
from lismoi.qt.qt_translations import apply_ui_language
app = QApplication([])
print(apply_ui_language(app, sys.argv[1] or None), _("&File"))
"""


def _language_under(locale: str, override: str = "") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG=locale, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, override],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_follows_a_french_system_locale() -> None:
    assert _language_under("fr_FR.UTF-8") == "fr &Fichier"
    assert _language_under("fr_CA.UTF-8") == "fr &Fichier"


def test_follows_an_english_system_locale_and_the_override() -> None:
    assert _language_under("en_US.UTF-8") == "en &File"
    assert _language_under("en_US.UTF-8", override="fr") == "fr &Fichier"
    assert _language_under("fr_FR.UTF-8", override="en") == "en &File"
