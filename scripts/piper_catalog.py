"""Regenerate ``resources/piper-voices.json`` from Piper's own ``voices.json``.

Usage::

    .venv/bin/python scripts/piper_catalog.py VOICES_JSON [--all] [--model-cards DIR] [--check]

``VOICES_JSON`` is the ``voices.json`` of rhasspy/piper-voices at the tag the
catalog points to (v1.0.0), downloaded by hand: this script never touches
the network. For each voice it keeps the ``.onnx`` and ``.onnx.json`` files
with Piper's ``size_bytes`` and ``md5_digest``; the speakers count comes from
``num_speakers``. Gender and licence are not in ``voices.json``: they are kept
from the current catalog, read from ``DIR/<voice id>/MODEL_CARD`` (its
"License:" line) with ``--model-cards``, or left as "not stated" / "unknown —
see the model card". Without ``--all`` only the voices already in the catalog
and every French voice are written. ``--check`` writes nothing and exits 1
if the catalog differs from what would be written (sizes, checksums).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "piper-voices.json"
UNKNOWN_LICENCE = "unknown — see the model card"


def licence_from_card(card: Path) -> str | None:
    try:
        text = card.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r"^\s*\*?\s*Licen[sc]e:\s*(.+?)\s*$", text, re.MULTILINE | re.IGNORECASE)
    return match.group(1) if match else None


def entry(key: str, raw: dict, old: dict | None, cards: Path | None) -> dict:
    files = []
    for path, info in raw["files"].items():
        if path.endswith((".onnx", ".onnx.json")):
            files.append(
                {
                    "path": path,
                    "size": info.get("size_bytes"),
                    "md5": info.get("md5_digest"),
                    "sha256": None,
                }
            )
    files.sort(key=lambda f: f["path"].endswith(".json"))  # the model first
    if old:  # a SHA-256 we computed ourselves stays while the MD5 is unchanged
        by_path = {f["path"]: f for f in old.get("files", [])}
        for f in files:
            prev = by_path.get(f["path"])
            if prev and prev.get("md5") == f["md5"]:
                f["sha256"] = prev.get("sha256")
    speakers = int(raw.get("num_speakers", 1))
    licence = (old or {}).get("licence")
    if cards is not None:
        licence = licence_from_card(cards / key / "MODEL_CARD") or licence
    return {
        "id": key,
        "language": raw["language"]["code"],
        "name": raw["name"],
        "quality": raw["quality"],
        "gender": None if speakers > 1 else (old or {}).get("gender"),
        "speakers": speakers,
        "licence": licence or UNKNOWN_LICENCE,
        "files": files,
    }


def build(voices_json: Path, *, everything: bool, cards: Path | None) -> dict:
    piper = json.loads(voices_json.read_text(encoding="utf-8"))
    current = json.loads(CATALOG.read_text(encoding="utf-8"))
    old = {v["id"]: v for v in current["voices"]}
    keys = [k for k in piper if everything or k in old or k.startswith("fr_")]
    # French first, then the current catalog's order, then the rest by id
    order = {k: i for i, k in enumerate(old)}
    keys.sort(key=lambda k: (not k.startswith("fr_"), order.get(k, len(order)), k))
    current["voices"] = [entry(k, piper[k], old.get(k), cards) for k in keys]
    return current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("voices_json", type=Path)
    parser.add_argument("--all", action="store_true", help="every voice of voices.json")
    parser.add_argument("--model-cards", type=Path, help="a folder of <voice id>/MODEL_CARD")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    data = build(args.voices_json, everything=args.all, cards=args.model_cards)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        now = json.loads(CATALOG.read_text(encoding="utf-8"))
        same = now["voices"] == data["voices"]
        print("the catalog is current" if same else "the catalog differs from voices.json")
        return 0 if same else 1
    CATALOG.write_text(text, encoding="utf-8")
    print(f"wrote {len(data['voices'])} voices to {CATALOG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
