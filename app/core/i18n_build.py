"""The translation catalog workflow: extract, update, compile (babel).

* ``extract()`` collects every ``_()``, ``N_()``, ``ngettext()`` and
  ``pgettext()`` string in ``app/`` into ``resources/translations/lismoi.pot``;
* ``update()`` merges that template into each ``<lang>.po`` (new strings come
  in empty, changed ones fuzzy, removed ones obsolete);
* ``compile_all()`` writes ``app/locale/<lang>/LC_MESSAGES/lismoi.mo``.

``python -m lismoi.core.i18n_build`` compiles only (the Makefile runs it after an
editable install; ``setup.py`` runs the same code when it builds a wheel), so
the ``.mo`` files are never committed and never stale.
``python -m lismoi.core.i18n_build --update`` (``make translations``) extracts
and merges first; then translate the new entries in ``fr.po``.
Babel is imported lazily: it is a build and test requirement, not a runtime one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "app"
PO_DIR = ROOT / "resources" / "translations"
POT_FILE = PO_DIR / "lismoi.pot"
OUT_DIR = ROOT / "app" / "locale"
DOMAIN = "lismoi"
# The functions of lismoi.core.i18n whose literal arguments are messages.
KEYWORDS: dict[str, tuple | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("TRANSLATORS:",)
# Line numbers change with every edit; file names are enough for translators.
_PO_OPTIONS = {"width": 100, "sort_by_file": True, "include_lineno": False}


def extract(app_dir: Path = APP_DIR) -> Catalog:
    """Return a template catalog of every translatable string under ``app_dir``."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from lismoi import __version__

    template = Catalog(
        project="Lis-moi",
        version=__version__,
        msgid_bugs_address="",
        copyright_holder="The Lis-moi team",
        charset="utf-8",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        app_dir,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=lambda d: Path(d).name not in {"__pycache__", "locale", "_data"},
    ):
        path = (Path("app") / filename).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` as a .po/.pot file (sorted by file, no line numbers)."""
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, **_PO_OPTIONS)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a .po/.pot file."""
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=locale)


def update(po_dir: Path = PO_DIR, app_dir: Path = APP_DIR) -> list[Path]:
    """Extract the template and merge it into every ``<lang>.po``; return the .po paths."""
    from babel.messages.catalog import Catalog

    template = extract(app_dir)
    pot = po_dir / POT_FILE.name
    # Rewrite the template only when a message changed: its date alone is no news.
    if not pot.exists() or _entries(read_catalog(pot)) != _entries(template):
        write_catalog(template, pot)
    updated = []
    for lang in languages(po_dir) or ["fr"]:
        po = po_dir / f"{lang}.po"
        if po.exists():
            catalog = read_catalog(po, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Lis-moi", charset="utf-8")
        # No fuzzy matching: a guessed translation of a new string is worse
        # than an empty one, which the tests report at once.
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        # Obsolete entries only clutter the file; git keeps the history.
        catalog.obsolete.clear()
        write_catalog(catalog, po)
        updated.append(po)
    return updated


def _entries(catalog: Catalog) -> list[tuple]:
    """What a catalog says, without its header: to tell whether a rewrite changes anything."""
    return [
        (m.id, m.context, tuple(f for f, _line in m.locations), tuple(m.auto_comments))
        for m in catalog
        if m.id
    ]


def languages(po_dir: Path = PO_DIR) -> list[str]:
    """The languages that have a ``.po`` catalog (besides English, the source language)."""
    return sorted(p.stem for p in po_dir.glob("*.po"))


def compile_all(po_dir: Path = PO_DIR, out_dir: Path = OUT_DIR) -> list[Path]:
    """Compile every ``<lang>.po`` in ``po_dir``; return the written ``.mo`` paths."""
    from babel.messages.mofile import write_mo

    written = []
    for lang in languages(po_dir):
        catalog = read_catalog(po_dir / f"{lang}.po", locale=lang)
        target = out_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            # Fuzzy entries stay out of the .mo (the English shows instead);
            # the tests fail on them anyway.
            write_mo(f, catalog, use_fuzzy=False)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: compile, or extract + update + compile with ``--update``."""
    parser = argparse.ArgumentParser(prog="python -m lismoi.core.i18n_build")
    parser.add_argument(
        "--update", action="store_true", help="extract the strings and update the .po files first"
    )
    args = parser.parse_args(argv)
    if args.update:
        for po in update():
            catalog = read_catalog(po)
            todo = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
            print(f"updated {po.relative_to(ROOT)}: {len(todo)} entries to translate")
    for path in compile_all():
        print(f"compiled {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
