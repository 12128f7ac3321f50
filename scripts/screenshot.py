"""Render the window on the bundled sample to PNG files in docs/ (no display needed).

    .venv/bin/python scripts/screenshot.py            # docs/screenshot.png (+ -fr, -high-contrast)
    .venv/bin/python scripts/screenshot.py --only en  # just the English one

The window is shown offscreen with fresh settings (a temporary config
folder), the sample is opened through the real loader, and a reading
position is shown (paragraph, sentence and word highlighted) by feeding the
window the same signals the Player sends while reading, so no sound is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LISMOI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="lismoi-shot-")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from lismoi.core.paths import SAMPLES_DIR  # noqa: E402
from lismoi.core.settings import Positions, Settings  # noqa: E402
from lismoi.core.speech.sentences import split_sentences  # noqa: E402
from lismoi.qt.application import make_application  # noqa: E402
from lismoi.qt.qt_translations import apply_ui_language  # noqa: E402

SHOTS = {
    "en": ("en", "default", "screenshot.png"),
    "fr": ("fr", "default", "screenshot-fr.png"),
    "hc": ("en", "high-contrast", "screenshot-high-contrast.png"),
}


def wait_for(signal, timeout_ms: int = 30000) -> None:  # noqa: ANN001
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(app, ui_lang: str, theme_name: str, out: Path, sample: Path, block: int) -> None:  # noqa: ANN001
    os.environ["LISMOI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="lismoi-shot-")  # fresh settings
    apply_ui_language(app, ui_lang)
    from lismoi.qt.mainwindow import MainWindow

    settings = Settings.load()
    settings["theme"] = theme_name
    window = MainWindow(settings=settings, positions=Positions.load())
    window.resize(1180, 860)
    window.show()
    window.open_source(str(sample))
    if window.article is None:
        wait_for(window.loader.loaded)
    if not window.voices.catalog:
        wait_for(window.loader.voicesReady, 20000)
    article = window.article
    assert article is not None, "the sample did not open"
    # The first paragraph of two sentences or more from ``block`` on.
    for index in range(min(block, len(article.blocks) - 1), len(article.blocks)):
        b = article.blocks[index]
        spans = split_sentences(b.text, b.lang or "fr")
        if b.kind == "paragraph" and len(spans) >= 2:
            block = index
            break
    text = article.blocks[block].text
    spans = split_sentences(text, article.blocks[block].lang or "fr") or [(0, len(text))]
    s, e = spans[min(1, len(spans) - 1)]
    words = text[s:e].split(" ")
    w_start = s + len(words[0]) + 1 if len(words) > 2 else s
    w_end = w_start + len(words[1]) if len(words) > 2 else e
    # What the Player emits while reading that word.
    window.reading.on_state("playing")
    window.reading.on_block(block)
    window.reading.on_sentence(block, s, e)
    window.article_view.highlight_word(block, w_start, w_end)
    window.article_view.focus_block(block)
    settle(300)
    window.article_view.follow_again()
    settle(300)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    window.session.cancel_save()
    window.close()
    window.deleteLater()
    settle(50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SHOTS), action="append",
                        help="which screenshots (default: all)")
    parser.add_argument("--sample", type=Path, default=SAMPLES_DIR / "prison-telephones.html")
    parser.add_argument("--block", type=int, default=2, help="the paragraph shown being read")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    app = make_application()
    for key in args.only or list(SHOTS):
        ui_lang, theme_name, name = SHOTS[key]
        shoot(app, ui_lang, theme_name, args.out_dir / name, args.sample, args.block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
