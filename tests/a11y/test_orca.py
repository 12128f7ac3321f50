"""The window with the real Orca: what a blind listener hears, step by step (issue 16).

Lis-moi runs on its own X server with Orca 43 and the AT-SPI bus
(:mod:`tests.a11y.desktop`); keys are typed as a listener would, and each
step checks what Orca *said*, read from its debug log:

- the window's title, and the first paragraph when the window gets the focus;
- word by word (Ctrl+Right moves the caret, Orca says each word), and the
  paragraph's next line (Down);
- Space (Orca says the state), Escape (likewise);
- the whole Tab cycle (every stop is said with its name);
- H, heading after heading, in order, with its level;
- Alt+F (the File menu opens, stays open, its items are read), and F10;
- a book (an EPUB we build): Tab reaches its Contents list, named, its
  chapters are said, Enter goes to the chapter (Orca says its heading), and
  Ctrl+Shift+Down to the next one.

The transcript is written to the file named by ``LISMOI_A11Y_TRANSCRIPT``
(``make a11y`` prints it) and to the test's folder.

Run: ``make a11y`` (installs orca, at-spi2-core, xdotool; about 100 s).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from lismoi.core.paths import SAMPLES_DIR
from lismoi.core.pipeline import read_article
from tests.a11y.desktop import Desktop, DesktopUnavailable

SAMPLE = SAMPLES_DIR / "prison-telephones.html"
ROLE_ONLY = re.compile(r"^(push button|combo box|spin button|slider|paragraph|heading|"
                       r"read only|panel|label|text)\.?$", re.IGNORECASE)

pytestmark = [pytest.mark.a11y, pytest.mark.slow]


class Transcript:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.started = time.monotonic()

    def step(self, what: str, said: list[str]) -> None:
        self.lines.append(f"[{time.monotonic() - self.started:5.1f} s] {what}")
        self.lines.extend(f"    Orca: {s}" for s in said)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@pytest.fixture(scope="module")
def desktop(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y-desktop")
    d = Desktop(root)
    try:
        d.start()
    except DesktopUnavailable as exc:
        d.stop()
        pytest.fail(f"The screen-reader check needs its programs (make a11y installs them): "
                    f"{exc}")
    d.start_app(SAMPLE, root / "config")
    yield d
    d.stop()


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w’'-]*", text)


def test_what_orca_says(desktop: Desktop, tmp_path: Path) -> None:
    article = read_article(str(SAMPLE))
    first = article.blocks[0]
    assert first.kind == "paragraph"
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    transcript = Transcript()
    try:
        _run_steps(desktop, article.title, first.text, headings, transcript)
    finally:
        out = transcript.text()
        print("\nWhat Orca said:\n" + out)  # shown by make a11y (pytest -s)
        (tmp_path / "transcript.txt").write_text(out)
        if target := os.environ.get("LISMOI_A11Y_TRANSCRIPT"):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(out)
    # Word highlighting ran during the reading: no stray text events (item 4).
    assert "invalid interface" not in desktop.app_stderr()


def _run_steps(d: Desktop, title: str, first_text: str, headings: list[str],
               transcript: Transcript) -> None:
    # The window's title reaches Lis-moi only when the article is open: wait for it.
    deadline = time.monotonic() + 60
    while "— Lis-moi" not in _window_name(d) and time.monotonic() < deadline:
        time.sleep(0.2)
    orca = d.start_orca()

    orca.mark()
    d.focus_window()
    said = orca.wait_for(re.escape(title) + " — Lis-moi frame")
    first_line = orca.wait_for(r"^Paragraph 1 read only ")
    transcript.step("The window gets the focus (the first paragraph has it)", orca.settle())
    assert said.startswith(title)
    assert first_text.startswith(first_line.removeprefix("Paragraph 1 read only ").rstrip("."))

    # Word by word: Ctrl+Right moves the paragraph's caret to the next word, and Orca
    # says that word (nothing is being read, so the caret has the key).
    heard = []
    for _ in range(5):
        orca.mark()
        d.chord("ctrl", "Right")
        heard.append(orca.wait_for(r"\w", timeout=10).strip())
    transcript.step("Ctrl+Right five times in the first paragraph", heard)
    assert heard == _words(first_text)[:5]
    orca.mark()
    d.key("Down")
    line_two = orca.wait_for(r"\w")
    transcript.step("Down: the paragraph's next line", orca.settle())
    assert line_two.rstrip(".") in first_text and not first_text.startswith(line_two)

    orca.mark()
    d.key("space")
    orca.wait_for(r"^notification Playing")
    time.sleep(1.5)  # a few words are heard, and highlighted
    transcript.step("Space on the paragraph", orca.settle())
    orca.mark()
    d.key("Escape")
    orca.wait_for(r"^notification Stopped")
    transcript.step("Escape", orca.settle())

    # The Tab cycle: every stop is said with its name, until it comes back round.
    stops: list[list[str]] = []
    for _ in range(25):
        orca.mark()
        d.key("Tab")
        said_now = orca.settle(quiet=0.8)
        assert said_now, "Orca said nothing for a Tab stop"
        if stops and said_now[0] == stops[0][0]:
            break
        stops.append(said_now)
        transcript.step(f"Tab stop {len(stops)}", said_now)
    else:
        pytest.fail("the Tab cycle did not come back to its first stop in 25 presses")
    for i, said_now in enumerate(stops, 1):
        assert not ROLE_ONLY.match(said_now[0]), f"Tab stop {i} has no name: {said_now}"
    assert any("read only" in s[0] for s in stops), "the Tab cycle missed the article"
    assert len(stops) >= 10

    # Back to the article (one Tab at a time), then H from heading to heading.
    for _ in range(len(stops)):
        orca.mark()
        d.key("Tab")
        if orca.settle(quiet=0.8)[:1] and "read only" in orca.since_mark()[0]:
            break
    else:
        pytest.fail("Tab did not come back to the article")
    for text in headings:
        orca.mark()
        d.key("h")
        said_now = orca.wait_for(r"heading level \d")
        transcript.step("H", orca.settle())
        assert said_now.startswith(text), (said_now, text)

    # Alt+F: the File menu opens, stays open, its items are read.
    orca.mark()
    d.key("alt+f")
    orca.wait_for(r"^Open…")
    items = ["Open…"]
    for expected in ("Open web address…", "Paste article or link", "Recent articles",
                     "Export as audio…", "Quit"):
        orca.mark()
        d.key("Down")
        items.append(orca.wait_for(re.escape(expected)))
    transcript.step("Alt+F, then Down through the File menu", items)
    orca.mark()
    time.sleep(1.0)
    assert not orca.since_mark(), "something else was said: the menu closed"
    d.key("Escape", "Escape")
    orca.settle()

    orca.mark()
    d.key("F10")
    orca.wait_for(r"^File")
    d.key("Down")
    orca.wait_for(r"^Open…")
    transcript.step("F10, then Down", orca.settle())
    d.key("Escape", "Escape")
    orca.settle()


def _window_name(d: Desktop) -> str:
    import subprocess

    wid = d.window_id()
    if not wid:
        return ""
    done = subprocess.run(["xdotool", "getwindowname", wid], env=d.env, capture_output=True,
                          text=True, timeout=10, check=False)
    return done.stdout.strip()


def test_a_book_s_contents_with_orca(desktop: Desktop, tmp_path: Path) -> None:
    from tests.core.books import epubmake

    book = tmp_path / "book.epub"
    book.write_bytes(epubmake.build(epubmake.sample()))
    desktop.stop_app()
    desktop.start_app(book, tmp_path / "config")
    deadline = time.monotonic() + 60
    while "A Book of Our Own — Lis-moi" not in _window_name(desktop) \
            and time.monotonic() < deadline:
        time.sleep(0.2)
    orca = desktop.orca or desktop.start_orca()
    transcript = Transcript()
    try:
        orca.mark()
        desktop.focus_window()
        orca.wait_for(r"A Book of Our Own — Lis-moi frame")
        transcript.step("A book's window gets the focus", orca.settle())
        # Tab to the Contents list: it is said by its name, with the chapter selected.
        for n in range(16):
            orca.mark()
            desktop.key("Tab")
            said = orca.settle(quiet=0.8)
            transcript.step(f"Tab {n + 1}", said)
            if any("Contents" in s for s in said):
                break
        else:
            pytest.fail("Tab did not reach the Contents list")
        assert any("The Departure" in s for s in said), said
        orca.mark()
        desktop.key("Down")
        transcript.step("Down in the Contents", [orca.wait_for(r"Le Retour")])
        orca.mark()
        desktop.key("Return")
        heading = orca.wait_for(r"heading level \d")
        said = orca.settle()
        transcript.step("Enter: to the chapter", said)
        assert heading.startswith("Le Retour"), heading
        # Said once, as the heading: its text is not read again as if just inserted.
        assert not [s for s in said if s.strip(" .") == "Le Retour"], said
        orca.mark()
        desktop.chord("ctrl+shift", "Down")
        heading = orca.wait_for(r"heading level \d")
        said = orca.settle()
        transcript.step("Ctrl+Shift+Down: the next chapter", said)
        assert heading.startswith("Sur la route"), heading
        # Said once, likewise.
        assert not [s for s in said if s.strip(" .") == "Sur la route"], said
    finally:
        out = transcript.text()
        print("\nWhat Orca said (a book):\n" + out)
        if target := os.environ.get("LISMOI_A11Y_TRANSCRIPT"):
            with Path(target).open("a") as f:
                f.write("\nA book:\n" + out)
    assert "invalid interface" not in desktop.app_stderr()
