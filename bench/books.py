"""Books bench: a 300-page text PDF and an EPUB of 1 MB of text, read as the app reads them.

Usage: .venv/bin/python bench/books.py [--quick] [--compare] [--pages N] [--widgets]

Documents are generated here, with the tests' writers (``tests/core/books``):
the PDF by our own PDF writer (two columns, running header naming the chapter,
page numbers, words hyphenated across lines and pages, an outline), the EPUB
by the tests' EPUB builder (one XHTML document per chapter, a nav document).
Each figure is taken in a fresh child process, so its peak resident memory
is its own:

- PDF: time to the first chapter (the first Article the reader yields: the
  window can show and play it), to the whole text, to the whole text with
  every block's language (the pipeline's ``read_article``), and peak RSS.
- EPUB: time to ready (the whole book), with languages, peak RSS.
- The window (offscreen, its own settings folder): time to the first chapter
  shown and playable, to the whole text, to every block on screen, the
  longest stall of its event loop, peak RSS.
- ``--compare``: pdfminer.six (the candidate we did not choose) on the same
  PDF: its time, and what its text still holds that ours does not (running
  headers, page numbers, words split by a hyphen at a line's end).

Goals (issue 17): PDF first chapter < 2 s, whole < 15 s, < 400 MB; EPUB < 1 s.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.books.booktext import layout, make_chapters  # noqa: E402 - the tests' writers
from tests.core.books.epubmake import Book, Doc, build  # noqa: E402
from tests.core.books.pdfmake import write_pdf  # noqa: E402

HEADER = "A Generated Book"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_pdf(path: Path, pages: int) -> tuple[int, list[str]]:
    # 60 chapters of 8 paragraphs of 90 words make 120 two-column pages.
    chapters = make_chapters(max(1, round(60 * pages / 120)), paragraphs=8)
    spec = layout(chapters, columns=2, header=HEADER)
    path.write_bytes(write_pdf(spec))
    return len(spec.pages), [p for c in chapters for p in c.paragraphs]


def make_epub(path: Path, text_bytes: int) -> int:
    chapters = []
    size = 0
    i = 0
    while size < text_bytes:
        (chapter,) = make_chapters(1, paragraphs=20, words=120, seed=i)
        size += sum(len(p) + 1 for p in chapter.paragraphs)
        chapters.append(chapter)
        i += 1
    docs = [
        Doc(f"c{i}.xhtml", f"<h1>{c.title}</h1>" + "".join(f"<p>{p}</p>" for p in c.paragraphs))
        for i, c in enumerate(chapters)
    ]
    toc = [(c.title, f"c{i}.xhtml", 1) for i, c in enumerate(chapters)]
    path.write_bytes(build(Book(docs=docs, toc=toc)))
    return size


def child(kind: str, path: str) -> None:
    """Runs in the child: one document, its figures as JSON on stdout."""
    from lismoi.core.books import article_parts
    from lismoi.core.load.source import load
    from lismoi.core.pipeline import annotate_language

    t0 = time.perf_counter()
    doc = load(path)
    first = None
    article = None
    for article in article_parts(doc):  # noqa: B007 - the last one is the whole book
        if first is None:
            first = time.perf_counter() - t0
    whole = time.perf_counter() - t0
    assert article is not None
    annotate_language(article, None)
    with_lang = time.perf_counter() - t0
    text = "\n\n".join(b.text for b in article.blocks)
    print(json.dumps({
        "first": first, "whole": whole, "with_lang": with_lang, "rss": _rss_mb(),
        "blocks": len(article.blocks), "chapters": len(article.chapters),
        "chars": len(text), "text": text if kind == "pdf" else "",
    }))  # fmt: skip


def child_window(path: str) -> None:
    """The window (offscreen): the book opened as a listener opens it.

    Times from the open to the first chapter shown and handed to the Player
    (Play works from then), to the whole text, to every block on screen; the
    longest the event loop was kept from a 20 ms timer meanwhile (what a key
    press or the highlight may wait); peak RSS.
    """
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lismoi.qt.mainwindow import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    marks: dict[str, float] = {}
    stall = [0.0, time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        stall[0] = max(stall[0], now - stall[1])
        stall[1] = now

    timer = QTimer(interval=20)
    timer.timeout.connect(beat)
    window.loader.loaded.connect(lambda _a: marks.setdefault("first", time.perf_counter()))
    window.loader.grew.connect(
        lambda g: g.complete and marks.setdefault("whole", time.perf_counter()))
    t0 = stall[1] = time.perf_counter()
    timer.start()
    window.open_source(path)
    while "whole" not in marks or not window.article_view.complete:
        app.processEvents()
        time.sleep(0.001)
    built = time.perf_counter()
    article = window.article
    print(json.dumps({
        "first": marks["first"] - t0, "whole": marks["whole"] - t0, "built": built - t0,
        "stall": stall[0], "rss": _rss_mb(), "blocks": len(article.blocks),
        "chapters": len(article.chapters),
    }))  # fmt: skip
    window.close()


def child_jump(path: str) -> None:
    """The window: as soon as the whole text is in, a jump to the last block
    (Ctrl+End, or a saved place at the end): the time until it has the focus,
    and the longest the event loop was kept meanwhile."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from lismoi.qt.mainwindow import MainWindow

    window = MainWindow()
    window.show()
    window.activateWindow()
    app.processEvents()
    whole: list[object] = []
    window.loader.grew.connect(lambda g: g.complete and whole.append(g))
    window.open_source(path)
    while not whole:
        app.processEvents()
        time.sleep(0.001)
    view = window.article_view
    last = len(window.article.blocks) - 1
    t0 = beat = time.perf_counter()
    stall = 0.0
    view.focus_block(last)
    while view.focused_block() != last:
        app.processEvents()
        now = time.perf_counter()
        stall, beat = max(stall, now - beat), now
    now = time.perf_counter()
    print(json.dumps({"landed": now - t0, "stall": max(stall, now - beat)}))


def child_pdfminer(path: str) -> None:
    from pdfminer.high_level import extract_text

    t0 = time.perf_counter()
    text = extract_text(path)
    print(json.dumps({"whole": time.perf_counter() - t0, "rss": _rss_mb(), "text": text}))


def child_widgets(styled: str) -> None:
    """What one block's widgets cost: 2,000 BlockViews shown offscreen, with the
    app's style sheet ("1") or without ("0"); resident memory before and after."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from lismoi.core.article import Block
    from lismoi.qt import theme
    from lismoi.qt.block_view import BlockView

    def resident_mb() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

    app = QApplication([])
    if styled == "1":
        theme.apply_theme(app, "default")
    host = QWidget()
    host.resize(800, 600)
    QVBoxLayout(host)
    host.show()
    app.processEvents()
    n, before, views = 2000, resident_mb(), []
    for i in range(n):
        text = f"{'Lorem ipsum dolor sit amet. ' * 16}{i}"
        view = BlockView(i, n, Block(kind="paragraph", text=text), host)
        view.set_text_size(14)
        view.resize(760, 120)
        view.show()
        views.append(view)
    app.processEvents()
    print(json.dumps({"kb": (resident_mb() - before) * 1000 / n}))


def _run(*args: str) -> dict:
    import os

    with tempfile.TemporaryDirectory() as home:  # the window's settings: none of the user's
        env = {**os.environ, "LISMOI_CONFIG_DIR": home, "LISMOI_DATA_DIR": home}
        out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                             text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _leftovers(text: str, pages: int) -> tuple[int, int, int]:
    """Running headers, lone page numbers and hyphen-split words in ``text``."""
    headers = text.count(HEADER)
    numbers = len(re.findall(r"(?m)^\s*\d{1,4}\s*$", text))
    splits = len(re.findall(r"[a-z][-\x02]\s*\n\s*[a-z]", text))
    return headers, numbers, splits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="60 pages and 200 KB of EPUB text")
    parser.add_argument("--compare", action="store_true", help="pdfminer.six on the same PDF")
    parser.add_argument("--pages", type=int, help="PDF pages instead of 300 (the cap is 3,000)")
    parser.add_argument("--widgets", action="store_true",
                        help="only what one block's widgets cost, with and without the style sheet")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        if kind == "pdfminer":
            child_pdfminer(path)
        elif kind == "window":
            child_window(path)
        elif kind == "jump":
            child_jump(path)
        elif kind == "widgets":
            child_widgets(path)
        else:
            child(kind, path)
        return
    if args.widgets:
        plain, styled = _run("widgets", "0")["kb"], _run("widgets", "1")["kb"]
        print(f"one block's widgets (2,000 shown offscreen): {plain:.0f} KB without the style "
              f"sheet, {styled:.0f} KB with it ({styled / plain:.1f}x)")
        return
    n_pages = args.pages or (60 if args.quick else 300)
    epub_bytes = 200_000 if args.quick else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "book.pdf"
        pages, paragraphs = make_pdf(pdf, n_pages)
        r = _run("pdf", str(pdf))
        found = sum(1 for p in paragraphs if p in r["text"])
        h, n, s = _leftovers(r["text"], pages)
        print(f"PDF, {pages} pages ({pdf.stat().st_size / 1e6:.1f} MB), two columns, outline:")
        print(f"  first chapter      {r['first']:6.2f} s   (goal < 2 s)")
        print(f"  whole text         {r['whole']:6.2f} s   (goal < 15 s)")
        print(f"  + languages        {r['with_lang']:6.2f} s   (read_article's language stage)")
        print(f"  peak RSS           {r['rss']:6.0f} MB  (goal < 400 MB)")
        print(f"  {r['blocks']} blocks, {r['chapters']} chapters; {found}/{len(paragraphs)} "
              f"paragraphs exactly as written; left in the text: {h} running headers, "
              f"{n} page numbers, {s} split words")  # fmt: skip
        w = _run("window", str(pdf))
        print("  in the window (offscreen, the real loader, Player and view):")
        print(f"    first chapter shown, playable {w['first']:6.2f} s   (goal < 2 s)")
        print(f"    whole text in                 {w['whole']:6.2f} s   (goal < 15 s)")
        print(f"    every block on screen         {w['built']:6.2f} s")
        print(f"    longest event-loop stall      {w['stall'] * 1000:6.0f} ms")
        print(f"    peak RSS                      {w['rss']:6.0f} MB  (goal < 400 MB)")
        j = _run("jump", str(pdf))
        print(f"    a jump to the last block once the text is in: there at {j['landed']:.2f} s, "
              f"longest stall {j['stall'] * 1000:.0f} ms")
        if args.compare:
            m = _run("pdfminer", str(pdf))
            h, n, s = _leftovers(m["text"], pages)
            print(f"  pdfminer.six       {m['whole']:6.2f} s, peak RSS {m['rss']:.0f} MB; left in "
                  f"its text: {h} running headers, {n} page numbers, {s} split words "
                  f"(ratio to ours: {m['whole'] / r['whole']:.1f}x the time)")  # fmt: skip
        epub = Path(tmp) / "book.epub"
        size = make_epub(epub, epub_bytes)
        r = _run("epub", str(epub))
        print(f"EPUB, {size / 1e6:.2f} MB of text ({epub.stat().st_size / 1e6:.2f} MB zipped):")
        print(f"  ready              {r['whole']:6.2f} s   (goal < 1 s)")
        print(f"  first chapter      {r['first']:6.2f} s")
        print(f"  + languages        {r['with_lang']:6.2f} s")
        print(f"  peak RSS           {r['rss']:6.0f} MB")
        print(f"  {r['blocks']} blocks, {r['chapters']} chapters")
        w = _run("window", str(epub))
        print(f"  in the window: first chapter {w['first']:.2f} s, whole {w['whole']:.2f} s, "
              f"every block on screen {w['built']:.2f} s, longest stall "
              f"{w['stall'] * 1000:.0f} ms, peak RSS {w['rss']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
