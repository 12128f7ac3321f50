"""``lismoi detect``, run as a real subprocess."""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CMD = [sys.executable, "-m", "lismoi", "detect"]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*CMD, *args],
        cwd=ROOT,
        input=None if stdin is None else stdin.encode("utf-8"),
        capture_output=True,
        timeout=120,
    )


def _records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_texts_as_arguments():
    done = _run("Le chat dort sur le canapé du salon.", "The cat is asleep on the sofa.", "42")
    assert done.returncode == 0, done.stderr
    records = _records(done.stdout)
    assert [r["text"] for r in records] == [
        "Le chat dort sur le canapé du salon.",
        "The cat is asleep on the sofa.",
        "42",
    ]
    assert [r["lang"] for r in records] == ["fr", "en", None]
    assert records[0]["confidence"] > 0.9
    assert records[2]["confidence"] == 0.0


def test_lines_from_stdin_one_record_per_line():
    text = "Hola, ¿cómo estás hoy?\n\nGuten Morgen, wie geht es dir?\r\nСпасибо большое за помощь"
    done = _run("--lines", stdin=text)
    assert done.returncode == 0, done.stderr
    records = _records(done.stdout)
    assert [r["text"] for r in records] == [
        "Hola, ¿cómo estás hoy?",
        "",
        "Guten Morgen, wie geht es dir?",
        "Спасибо большое за помощь",
    ]
    assert [r["lang"] for r in records] == ["es", None, "de", "ru"]


def test_whole_stdin_is_one_text():
    done = _run(stdin="Il pleuvait depuis le matin.\nLes rues étaient désertes.\n")
    records = _records(done.stdout)
    assert len(records) == 1
    assert records[0]["lang"] == "fr"
    assert records[0]["text"] == "Il pleuvait depuis le matin.\nLes rues étaient désertes."


@pytest.mark.slow
def test_many_lines_in_one_call_keep_their_order():
    lines = [f"Ligne numéro {i} : le train de huit heures est en retard." for i in range(3000)]
    lines[1234] = "This one line is written in English, unlike the others."
    done = _run("--lines", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    records = _records(done.stdout)
    assert [r["text"] for r in records] == lines
    assert {r["lang"] for i, r in enumerate(records) if i != 1234} == {"fr"}
    assert records[1234]["lang"] == "en"


def test_answers_each_line_without_waiting_for_the_end_of_input():
    # A caller that writes one line and waits must get its answer while stdin is open.
    proc = subprocess.Popen(
        [*CMD, "--lines"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        for text, lang in (
            ("Bonjour à tous et bonne journée", "fr"),
            ("Good morning to all", "en"),
        ):
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            assert selector.select(timeout=60), "no answer while stdin stays open"
            record = json.loads(proc.stdout.readline())
            assert (record["text"], record["lang"]) == (text, lang)
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@pytest.mark.slow  # the program runs twice
def test_output_is_deterministic_across_runs():
    texts = ["Oui.", "Ça va", "Lire aussi", "Tout va bien.", "In detail"]
    first = _run(*texts).stdout
    assert _run(*texts).stdout == first


def test_candidates_restrict_the_choice():
    done = _run("--candidates", "fr,en", "Der Zug um acht Uhr ist ausgefallen.")
    assert _records(done.stdout)[0]["lang"] in ("fr", "en")
    bad = _run("--candidates", "fr,xx", "texte")
    assert bad.returncode == 2
    assert b"xx" in bad.stderr
