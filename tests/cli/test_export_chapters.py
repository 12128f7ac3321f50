"""``lismoi export book.epub -o DIR/``: one audio file per chapter, an M3U
playlist, subtitles per chapter; real synthesis through the export path."""

from __future__ import annotations

import re
import threading

import pytest
import soundfile

from lismoi.cli import main
from lismoi.core.errors import ExportCancelled
from lismoi.core.export import chapter_parts, export_chapters
from lismoi.core.pipeline import read_article
from tests.core.books.epubmake import Book, Doc, build

pytestmark = pytest.mark.engine  # export synthesises

TITLES = ["Morning", "L'après-midi", "Night: the end?"]


def _book() -> Book:
    docs = [
        Doc("a.xhtml", "<h1>Morning</h1><p>The sun rose early.</p><p>Birds sang.</p>"),
        Doc("b.xhtml", "<h1>L'après-midi</h1><p>Il faisait chaud.</p>"
            '<h2 id="s">Le thé</h2><p>On but du thé.</p>', lang="fr"),
        Doc("c.xhtml", "<h1>Night: the end?</h1><p>Everyone slept.</p>"),
    ]
    toc = [(TITLES[0], "a.xhtml", 1), (TITLES[1], "b.xhtml", 1), ("Le thé", "b.xhtml#s", 2),
           (TITLES[2], "c.xhtml", 1)]
    return Book(title="Three Short Parts", docs=docs, toc=toc)


@pytest.fixture
def epub(tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(build(_book()))
    return path


EXPECTED = ["01 - Morning", "02 - L'après-midi", "03 - Night the end"]


def test_one_file_per_chapter_with_playlist_and_subtitles(tmp_path, epub, capsys):
    out = tmp_path / "out"
    code = main(["export", str(epub), "-o", f"{out}/", "--subtitles", "srt", "--no-progress"])
    assert code == 0
    printed = capsys.readouterr().out
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{n}.mp3" for n in EXPECTED] + [f"{n}.srt" for n in EXPECTED]
                           + ["Three Short Parts.m3u"])
    assert "playlist:" in printed and "3 chapters" in printed

    playlist = (out / "Three Short Parts.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    entries = [(playlist[i], playlist[i + 1]) for i in range(len(playlist))
               if playlist[i].startswith("#EXTINF:")]
    assert [e[1] for e in entries] == [f"{n}.mp3" for n in EXPECTED]  # relative paths
    for (extinf, name), title in zip(entries, TITLES, strict=True):
        seconds, shown = re.fullmatch(r"#EXTINF:(\d+),(.*)", extinf).groups()
        assert shown == title
        info = soundfile.info(str(out / name))
        assert info.format == "MP3"
        # Plausible: a heading and one to three short sentences.
        assert 1.0 < info.duration < 20
        assert abs(int(seconds) - info.duration) <= 1

    # The section "Le thé" is inside chapter 2's file, not a file of its own.
    cues = (out / "02 - L'après-midi.srt").read_text(encoding="utf-8")
    assert [c.splitlines()[2] for c in cues.strip().split("\n\n")] == [
        "L'après-midi", "Il faisait chaud.", "Le thé", "On but du thé."]
    first = (out / "01 - Morning.srt").read_text(encoding="utf-8").strip().split("\n\n")
    # Each chapter's subtitles start at its own file's beginning; the heading once.
    assert first[0].splitlines()[1].startswith("00:00:00,000 -->")
    assert [c.splitlines()[2] for c in first] == ["Morning", "The sun rose early.", "Birds sang."]


def test_an_existing_folder_and_format_and_lrc(tmp_path, epub):
    out = tmp_path / "existing"
    out.mkdir()
    code = main(["export", str(epub), "-o", str(out), "--format", "opus", "--subtitles",
                 "x.lrc", "--no-progress"])
    assert code == 0
    audio = sorted(out.glob("*.opus"))
    assert [p.stem for p in audio] == EXPECTED
    assert soundfile.info(str(audio[0])).samplerate == 48000
    lrc = (out / "03 - Night the end.lrc").read_text(encoding="utf-8").splitlines()
    assert lrc[0].startswith("[00:00.00]Night: the end?") and lrc[1].endswith("Everyone slept.")


def test_cancel_leaves_finished_chapters_and_nothing_partial(tmp_path, epub):
    article = read_article(str(epub))
    cancel = threading.Event()

    def on_chapter(number, count, title):
        if number == 2:
            cancel.set()

    with pytest.raises(ExportCancelled):
        export_chapters(article, tmp_path / "c", on_chapter=on_chapter, cancel=cancel)
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["01 - Morning.mp3"]


def test_ctrl_c_during_a_chapter_removes_its_temporary_file(tmp_path, epub):
    article = read_article(str(epub))
    chapter = {"n": 0}

    def on_chapter(number, count, title):
        chapter["n"] = number

    def progress(done, total):
        if chapter["n"] == 2:  # a sentence of chapter 2 is written: its .part exists
            assert any(p.suffix == ".part" for p in (tmp_path / "k").iterdir())
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_chapters(article, tmp_path / "k", audio="wav", on_chapter=on_chapter,
                        progress=progress)
    assert [p.name for p in (tmp_path / "k").iterdir()] == ["01 - Morning.wav"]


def test_an_article_without_chapters_is_exported_as_before(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("# A note\n\nOne short sentence. And another one.\n", encoding="utf-8")
    out, srt = tmp_path / "note.wav", tmp_path / "note.srt"
    assert main(["export", str(page), "-o", str(out), "--subtitles", str(srt),
                 "--no-progress"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md", "note.srt", "note.wav"]
    cues = srt.read_text(encoding="utf-8").strip().split("\n\n")
    assert [c.splitlines()[2] for c in cues] == ["A note", "One short sentence.",
                                                  "And another one."]
    assert soundfile.info(str(out)).duration > 1.0


def test_an_article_without_chapters_into_a_folder_is_one_part(tmp_path):
    page = tmp_path / "note.md"
    page.write_text("# A note\n\nOne short sentence.\n", encoding="utf-8")
    article = read_article(str(page))
    assert [title for title, _part in chapter_parts(article)] == ["A note"]
    assert main(["export", str(page), "-o", f"{tmp_path}/o/", "--no-progress"]) == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["01 - A note.mp3",
                                                                 "A note.m3u"]


def test_a_pdf_with_an_outline_is_exported_per_chapter(tmp_path):
    from tests.core.books.booktext import layout, make_chapters
    from tests.core.books.pdfmake import write_pdf

    chapters = make_chapters(2, paragraphs=1, words=12)
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(layout(chapters)))
    assert main(["export", str(path), "-o", f"{tmp_path}/pdf/", "--format", "flac",
                 "--no-progress"]) == 0
    names = sorted(p.name for p in (tmp_path / "pdf").glob("*.flac"))
    assert names == ["01 - Chapter 1 The the.flac", "02 - Chapter 2 The river.flac"]


def test_help_says_a_folder_means_per_chapter(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "one file per chapter" in text and "--format" in text


def test_format_with_a_file_of_another_extension_is_refused(tmp_path, epub, capsys):
    assert main(["export", str(epub), "-o", str(tmp_path / "a.wav"), "--format", "mp3"]) == 2
    assert "--format" in capsys.readouterr().err
    assert not (tmp_path / "a.wav").exists()


def test_parts_keep_a_preface_and_skip_empty_entries():
    from lismoi.core.article import Article, Block, Chapter

    article = Article(
        title="Book",
        blocks=[Block("paragraph", "A preface."), Block("heading", "One", 1),
                Block("paragraph", "Text one."), Block("paragraph", "Text two.")],
        chapters=[Chapter("Part I", 1, 1), Chapter("One", 2, 1), Chapter("Empty", 1, 3),
                  Chapter("Two", 1, 3), Chapter("Gone", 1, 9)],
    )
    parts = chapter_parts(article)
    assert [(t, [b.text for b in p.blocks]) for t, p in parts] == [
        ("Book", ["A preface."]),
        ("Part I", ["One", "Text one."]),  # its section "One" inside it
        ("Two", ["Text two."]),
    ]
    # The title is read unless the part opens with that heading already.
    assert [p.title for _t, p in parts] == ["Book", "Part I", "Two"]
    same = Article(title="B", blocks=[Block("heading", "ONE  "), Block("paragraph", "x.")],
                   chapters=[Chapter("One", 1, 0)])
    assert chapter_parts(same)[0][1].title == ""


def test_file_names_are_safe_and_numbered():
    from lismoi.core.export import chapter_file_name, playlist_text

    assert chapter_file_name(3, 2, "../etc/passwd: CON?", ".ogg") == "03 - etc passwd CON.ogg"
    assert chapter_file_name(7, 3, "***", ".mp3") == "007 - Chapter 7.mp3"
    text = playlist_text("My  Book", [("01 - A.mp3", 61_600, "A\nline")])
    assert text == "#EXTM3U\n#PLAYLIST:My Book\n#EXTINF:62,A line\n01 - A.mp3\n"
