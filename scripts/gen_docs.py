"""Write the tables of the docs that come from the code: keyboard shortcuts and settings.

Usage::

    .venv/bin/python scripts/gen_docs.py          # rewrite the generated tables (make docs)
    .venv/bin/python scripts/gen_docs.py --check  # exit 1 if a generated table is stale

A generated table sits between two marker comments in a Markdown file::

    <!-- BEGIN generated: shortcuts (scripts/gen_docs.py) -->
    ...
    <!-- END generated -->

Everything between the markers is replaced; everything else is left alone.
The sources are :data:`lismoi.qt.shortcuts.SHORTCUTS` (the portable key
strings and the untranslated English labels, never Qt's native text, so the
output is the same on every platform) and :data:`lismoi.core.settings.OPTIONS`.
The files searched are README.md, CONTRIBUTING.md and docs/*.md.
``tests/test_docs.py`` fails when a table is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

BEGIN = "<!-- BEGIN generated: {name} (scripts/gen_docs.py) -->"
END = "<!-- END generated -->"
_BLOCK = re.compile(
    r"(?P<begin><!-- BEGIN generated: (?P<name>[\w-]+) \(scripts/gen_docs\.py\) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<end><!-- END generated -->)",
    re.DOTALL,
)

# Fenced code blocks may show the markers as an example: never rewritten.
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)

# How each shortcut scope is described to a reader; an unknown scope is shown as it is.
SCOPES = {
    "window": "the window",
    "article": "a selected paragraph",
}


def doc_files(root: Path = ROOT) -> list[Path]:
    """The Markdown files that may hold generated tables."""
    files = [root / "README.md", root / "CONTRIBUTING.md", *sorted((root / "docs").glob("*.md"))]
    return [f for f in files if f.is_file()]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    """A code span (keys such as ``Ctrl++`` or ``[`` must not be read as Markdown)."""
    text = _cell(text)
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def shortcuts_table() -> str:
    """The keyboard shortcuts, in the order of SHORTCUTS, grouped as the Help dialog is."""
    from lismoi.qt.shortcuts import SHORTCUTS

    lines = ["| Group | Keys | What it does | Where |", "|---|---|---|---|"]
    for s in SHORTCUTS:
        keys = " or ".join(_code(k) for k in s.keys)
        where = SCOPES.get(str(s.scope), str(s.scope))
        lines.append(f"| {_cell(s.group)} | {keys} | {_cell(s.label)} | {_cell(where)} |")
    return "\n".join(lines) + "\n"


def _option_text(option: Any) -> str:
    # The field was called ``doc``; read whichever name the Option has.
    for field in ("description", "doc"):
        text = getattr(option, field, None)
        if isinstance(text, str):
            return text
    return ""


def _default(value: Any) -> str:
    """A default as it is written in settings.json."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def settings_table() -> str:
    """Every option of settings.json: its name, default (as JSON) and what it holds."""
    from lismoi.core.settings import OPTIONS

    lines = ["| Setting | Default | What it holds |", "|---|---|---|"]
    for name, option in OPTIONS.items():
        lines.append(
            f"| {_code(name)} | {_code(_default(option.default))} | {_cell(_option_text(option))} |"
        )
    return "\n".join(lines) + "\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "shortcuts": shortcuts_table,
    "settings": settings_table,
}


def update_text(text: str, generators: dict[str, Callable[[], str]] | None = None) -> str:
    """``text`` with every generated block rewritten; an unknown block name is an error."""
    generators = GENERATORS if generators is None else generators
    cache: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in generators:
            raise KeyError(f"unknown generated block {name!r} (known: {', '.join(generators)})")
        if name not in cache:
            cache[name] = generators[name]()
        return f"{match['begin']}{cache[name]}{match['end']}"

    out, done = [], 0
    for match in _blocks(text):
        out += [text[done : match.start()], replace(match)]
        done = match.end()
    return "".join(out) + text[done:]


def _blocks(text: str) -> list[re.Match[str]]:
    """The generated blocks of ``text`` that are not inside a fenced code block."""
    fences = [(m.start(), m.end()) for m in _FENCE.finditer(text)]
    return [
        m for m in _BLOCK.finditer(text)
        if not any(start <= m.start() < end for start, end in fences)
    ]


def blocks_in(text: str) -> list[str]:
    """The names of the generated blocks in ``text``, in order."""
    return [m["name"] for m in _blocks(text)]


def stale_files(files: Iterable[Path] | None = None) -> list[Path]:
    """The files whose generated blocks differ from what the code says now."""
    files = doc_files() if files is None else files
    return [f for f in files if update_text(f.read_text("utf-8")) != f.read_text("utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated table is stale")
    args = parser.parse_args(argv)
    files = doc_files()
    if not any(blocks_in(f.read_text("utf-8")) for f in files):
        print("No generated block found in README.md, CONTRIBUTING.md or docs/*.md.",
              file=sys.stderr)
        return 1
    stale = stale_files(files)
    if args.check:
        for f in stale:
            print(f"{f.relative_to(ROOT)} is stale: run `make docs`.", file=sys.stderr)
        return 1 if stale else 0
    for f in stale:
        f.write_text(update_text(f.read_text("utf-8")), "utf-8")
        print(f"updated {f.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
