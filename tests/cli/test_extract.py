"""`lismoi extract` as a user runs it: a real subprocess, real files and URLs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
CLUTTER = (
    "cookies",
    "Partager",
    "À lire aussi",
    "newsletter",
    "Select a language",
    "French Canadian Female",
    "Play all",
    "Les plus lus",
    "Mentions légales",
    "Commentaires",
    "Photo :",
)


def lismoi(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lismoi", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=120,
    )


def test_french_sample_as_json_has_the_article_and_no_clutter():
    run = lismoi("extract", str(SAMPLES / "prison-telephones.html"), "--format", "json")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) >= {"source", "title", "byline", "locale", "blocks"}
    assert record["title"] == "Mini-téléphones en prison : une opération nationale de saisie"
    assert record["byline"] == "Claire Martin"
    assert record["locale"] == "fr-FR"
    texts = [b["text"] for b in record["blocks"]]
    assert any(t.startswith("Mardi matin, la section de lutte") for t in texts)
    assert texts[-1].startswith("Le parquet de Paris envisage de se dessaisir")
    assert sum(b["kind"] == "list_item" for b in record["blocks"]) == 3
    assert [b["text"] for b in record["blocks"] if b["kind"] == "heading"] == [
        "Des appareils utilisés pour des trafics",
        "Cinq mille appareils en circulation",
    ]
    body = "\n".join(texts)
    for clutter in CLUTTER:
        assert clutter not in body, clutter
    assert all(b["lang"] == "fr-FR" for b in record["blocks"])


def test_mixed_sample_marks_english_paragraphs():
    run = lismoi("extract", str(SAMPLES / "ia-citations-anglais.html"), "--format", "json")
    record = json.loads(run.stdout)
    langs = {b["text"][:20]: b["lang"] for b in record["blocks"]}
    english = [t for t, lang in langs.items() if lang.startswith("en")]
    assert english == ["Most people who are ", "“Trust is not someth", "The question is no l"]
    assert all(lang == "fr-FR" for t, lang in langs.items() if t not in english)


def test_locale_override_wins():
    run = lismoi(
        "extract", str(SAMPLES / "prison-telephones.html"), "--format", "json", "--lang", "fr-CA"
    )
    record = json.loads(run.stdout)
    assert record["locale"] == "fr-CA"
    assert {b["lang"] for b in record["blocks"]} == {"fr-CA"}


def test_text_format_reads_like_an_article():
    run = lismoi("extract", str(SAMPLES / "prison-telephones.html"))
    assert run.returncode == 0
    assert run.stdout.startswith("Mini-téléphones en prison")
    assert "  • le nombre exact d’appareils saisis" in run.stdout


def test_failures_give_one_line_and_exit_1(http_server, tmp_path):
    missing = str(tmp_path / "nope.html")
    pdf = http_server.page("/a.pdf", b"%PDF-1.4", content_type="application/pdf")
    good = str(SAMPLES / "prison-telephones.html")
    run = lismoi("extract", good, missing, pdf, "--format", "json")
    assert run.returncode == 1
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["source"] for r in records] == [good, missing, pdf]
    assert "blocks" in records[0]
    assert records[1] == {"source": missing, "error": f"There is no file “{missing}”."}
    assert "PDF" in records[2]["error"]
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in run.stderr


@pytest.mark.slow
def test_hundreds_of_sources_in_one_call(tmp_path):
    # One process reads them all: langdetect's profiles load once.
    sources = []
    for i in range(300):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Titre {i}\n\nVoici le paragraphe numéro {i} de ce petit texte.\n")
        sources.append(str(path))
    run = lismoi("extract", *sources, "--format", "json")
    assert run.returncode == 0, run.stderr[-500:]
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 300
    assert records[299]["title"] == "Titre 299"
    assert records[299]["blocks"][0]["lang"] == "fr-FR"


def test_a_bad_locale_override_is_refused_in_words():
    run = lismoi("extract", str(SAMPLES / "prison-telephones.html"), "--lang", "français!")
    assert run.returncode == 2
    assert "is not a language tag" in run.stderr and "Traceback" not in run.stderr
