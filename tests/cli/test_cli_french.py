"""The command line speaks French under a French locale, argparse's own words included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lismoi.core.i18n_build import compile_all

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _fresh_catalogs() -> None:
    compile_all()  # the .mo files are build output: never test a stale one


def _lismoi(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANGUAGE"] = lang
    return subprocess.run(
        [sys.executable, "-m", "lismoi", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_help_in_french() -> None:
    out = _lismoi("extract", "--help", lang="fr").stdout
    assert out.startswith("utilisation\u00a0: lismoi extract"), out
    assert "afficher ce message d’aide et quitter" in out
    assert "afficher l’article nettoyé de chaque SOURCE" in out


def test_usage_error_in_french() -> None:
    proc = _lismoi("extract", lang="fr")
    assert proc.returncode == 2
    assert "erreur\u00a0: les arguments suivants sont obligatoires\u00a0: SOURCE" in proc.stderr


def test_english_stays_english() -> None:
    proc = _lismoi("extract", lang="en")
    assert "error: the following arguments are required: SOURCE" in proc.stderr
