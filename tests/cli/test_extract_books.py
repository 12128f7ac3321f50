"""`lismoi extract book.epub` / `report.pdf` as a user runs them: the chapters
come first, then the text; JSON records carry the chapters."""

from __future__ import annotations

import json

from tests.core.books.booktext import layout, make_chapters
from tests.core.books.epubmake import build, sample
from tests.core.books.pdfmake import write_pdf

from .test_extract import lismoi


def test_extract_prints_a_books_chapters(tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(build(sample(3)))
    run = lismoi("extract", str(path))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    at = lines.index("Chapters:")
    assert lines[at + 1 : at + 4] == ["  The Departure", "  Le Retour", "    Sur la route"]
    assert "Ils revinrent au printemps, fatigués mais heureux." in lines


def test_extract_json_of_a_pdf_has_its_chapters(tmp_path):
    chapters = make_chapters(3)
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(layout(chapters, columns=2)))
    run = lismoi("extract", "--format", "json", str(path))
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert [c["title"] for c in record["chapters"]] == [c.title for c in chapters]
    firsts = [record["blocks"][c["first_block"]]["text"] for c in record["chapters"]]
    assert firsts == [c.title for c in chapters]
