"""Compile the translation catalogs: resources/translations/*.po -> app/locale.

Run by the Makefile after installing and by the wheel build, so the ``.mo``
files are never committed and never stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO_DIR = ROOT / "resources" / "translations"
OUT_DIR = ROOT / "app" / "locale"


def compile_all(po_dir: Path = PO_DIR, out_dir: Path = OUT_DIR) -> list[Path]:
    """Compile every ``<lang>.po`` in ``po_dir``; return the written ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(po_dir.glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.stem)
        target = out_dir / po.stem / "LC_MESSAGES" / "lismoi.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_mo(f, catalog)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(ROOT)}")
    sys.exit(0)
