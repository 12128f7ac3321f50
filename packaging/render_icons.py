"""Render the application icon (resources/icons/lismoi.svg) to PNGs, 16 to 256 px.

The PNGs are committed (the wheel build must not need Qt), so run this after
editing the SVG: ``make icons`` (a test compares the SVG's hash with the one
recorded here). Rendering uses Qt's SVG renderer offscreen.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "lismoi.svg"
PNG_DIR = ROOT / "resources" / "icons" / "png"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """Where the ``size`` px rendering lives."""
    return PNG_DIR / f"lismoi-{size}.png"


def render(svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render ``svg`` at each size with a transparent background; return the PNG paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):
            raise SystemExit(f"could not write {png_path(size)}")
        written.append(png_path(size))
    # Which SVG these PNGs come from: a test fails when the SVG changes alone.
    (PNG_DIR / ".source-sha256").write_text(hashlib.sha256(svg.read_bytes()).hexdigest() + "\n")
    return written


if __name__ == "__main__":
    for path in render():
        print(f"wrote {path.relative_to(ROOT)}")
    sys.exit(0)
