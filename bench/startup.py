"""Window startup and memory: time to window, to text, to ready; RSS on a large page.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs 3] [--page FILE]

For each run, a fresh process opens the window on the French sample and reports,
from the moment the process was started: window shown, article text on screen
(before language detection), article ready (languages known, Space plays).
The first run starts with an empty cache folder (the first start after
installing: langdetect's profiles are read and cached); the others find the
cache, as every later start does.
Then it opens the largest page of the shared extraction benchmark and prints the
resident memory (VmRSS) once that article is ready. Best of N and all runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "extraction" / "html"

CHILD = r"""
import sys, time
T0 = float(sys.argv[2])
def mark(what):
    print(f"{what} {time.time() - T0:.3f}", flush=True)
sys.path.insert(0, sys.argv[3])
from lismoi.qt.application import make_application
from lismoi.qt.qt_translations import apply_ui_language
from lismoi.core.settings import Settings, Positions
app = make_application()
apply_ui_language(app, "en")
from lismoi.qt.mainwindow import MainWindow
from PySide6.QtCore import QTimer
w = MainWindow(settings=Settings.load(), positions=Positions.load())
w.show()
QTimer.singleShot(0, lambda: mark("shown"))
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return line.split()[1]
def ready(_article):
    def after_paint():
        mark("ready")
        print("rss_kib", rss(), flush=True)
        app.quit()
    QTimer.singleShot(0, after_paint)
w.loader.previewed.connect(lambda _a: QTimer.singleShot(0, lambda: mark("text")))
w.loader.loaded.connect(ready)
w.loader.failed.connect(lambda e: (print("failed", e, flush=True), app.quit()))
w.open_source(sys.argv[1])
app.exec()
"""


CACHE = tempfile.mkdtemp(prefix="lismoi-bench-cache-")


def run(page: Path) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LISMOI_CACHE_DIR": CACHE,
           "LISMOI_CONFIG_DIR": tempfile.mkdtemp(prefix="lismoi-bench-")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(page), repr(time.time()), str(ROOT)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout
    figures = {}
    for line in out.splitlines():
        key, _sep, value = line.partition(" ")
        if key in ("shown", "text", "ready", "rss_kib"):
            figures[key] = float(value)
        elif key == "failed":
            raise SystemExit(f"{page}: {line}")
    return figures


def largest_page() -> Path:
    pages = sorted(BENCH.glob("*.html.gz"), key=lambda p: len(gzip.decompress(p.read_bytes())))
    target = Path(tempfile.mkdtemp()) / pages[-1].name.removesuffix(".gz")
    target.write_bytes(gzip.decompress(pages[-1].read_bytes()))
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", type=Path, help="the big page (default: the benchmark's largest)")
    args = parser.parse_args()
    sample = ROOT / "resources" / "samples" / "prison-telephones.html"
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores shared: figures are noisy)")
    cold = run(sample)
    runs = [run(sample) for _ in range(args.runs)]
    for key, label in (("shown", "window shown"), ("text", "article text shown"),
                       ("ready", "article ready (languages known)")):
        values = [r[key] for r in runs if key in r]
        print(f"{label:34s} best {min(values):.2f} s   runs: "
              + ", ".join(f"{v:.2f}" for v in values)
              + f"   (first start, empty cache: {cold[key]:.2f})")
    page = args.page or largest_page()
    big = [run(page) for _ in range(max(1, args.runs // 2))]
    print(f"RSS with {page.name} open: {min(r['rss_kib'] for r in big) / 1024:.0f} MiB "
          f"(ready in {min(r['ready'] for r in big):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
