"""The French catalog is complete and current, and every message can be extracted.

Fails on: an untranslated or fuzzy entry in fr.po; a ``_()`` string in app/
that fr.po lacks (the test extracts afresh and compares, so forgetting
``make translations`` fails); a ``_()`` call whose message is not a literal
(babel cannot extract ``_(f"...")`` or ``_(variable)``, so it would stay
English forever); a translation that drops or invents a ``{placeholder}``.
"""

from __future__ import annotations

import ast
import gettext
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from lismoi.core import i18n
from lismoi.core.i18n_build import APP_DIR, KEYWORDS, PO_DIR, compile_all, extract, read_catalog

FR_PO = PO_DIR / "fr.po"


@pytest.fixture(scope="module", autouse=True)
def _fresh_catalogs() -> None:
    # The .mo files are build output: compile them from fr.po so this test
    # never runs against a stale catalog (`make test` does it too).
    compile_all()


@pytest.fixture(scope="module")
def fr_catalog():
    return read_catalog(FR_PO, locale="fr")


@pytest.fixture(scope="module")
def template():
    return extract()


def _key(message) -> tuple[str, str | None]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def test_every_french_entry_is_translated(fr_catalog) -> None:
    untranslated = [
        m.id
        for m in fr_catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert not untranslated, f"untranslated in fr.po: {untranslated}"


def test_no_fuzzy_french_entry(fr_catalog) -> None:
    fuzzy = [m.id for m in fr_catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy (unchecked) in fr.po: {fuzzy}"
    assert not fr_catalog.fuzzy, "the fr.po header is marked fuzzy"


def test_every_message_in_the_code_is_in_the_catalog(fr_catalog, template) -> None:
    have = {_key(m) for m in fr_catalog if m.id}
    missing = [
        f"{m.locations[0][0]}: {m.id!r}" for m in template if m.id and _key(m) not in have
    ]
    assert not missing, "not in fr.po (run `make translations`):\n" + "\n".join(missing)


def test_no_stale_entries_in_the_catalog(fr_catalog, template) -> None:
    in_code = {_key(m) for m in template if m.id}
    stale = [m.id for m in fr_catalog if m.id and _key(m) not in in_code]
    assert not stale, f"in fr.po but no longer in the code (run `make translations`): {stale}"


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_translations_keep_the_placeholders(fr_catalog) -> None:
    wrong = []
    for m in fr_catalog:
        if not m.id or not m.string:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = set().union(*(_fields(i) for i in ids))
        for s in strings:
            if _fields(s) != expected:
                wrong.append((m.id, s))
    assert not wrong, f"placeholders differ: {wrong}"


def _built_message(node: ast.expr) -> bool:
    """True if ``node`` builds a message at run time (f-string, +, %, .format)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    )


def _built_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in KEYWORDS
            and any(_built_message(arg) for arg in node.args)
        ):
            bad.append(f"{path.relative_to(APP_DIR.parent)}:{node.lineno}")
    return bad


def test_messages_are_not_built_inside_the_call() -> None:
    # `_(f"Opening {name}")` looks up a string no catalog can hold; write
    # `_("Opening {name}").format(name=name)`. (`_(variable)` is allowed: the
    # N_() pattern; a value that was never marked shows up in English in the
    # French window test instead.)
    bad = [loc for py in sorted(APP_DIR.rglob("*.py")) for loc in _built_messages(py)]
    assert not bad, "message built at run time inside _(): " + ", ".join(bad)


def test_compiled_catalog_translates(tmp_path: Path) -> None:
    # Compile into a folder of our own and read it back with gettext itself.
    (mo,) = compile_all(out_dir=tmp_path)
    translation = gettext.translation(i18n.DOMAIN, tmp_path, languages=["fr"])
    assert translation.gettext("Lis-moi reads articles aloud, offline.") == (
        "Lis-moi lit les articles à voix haute, hors ligne."
    )


def test_set_language_switches_and_back() -> None:
    try:
        i18n.set_language("fr")
        assert i18n.current_language() == "fr"
        assert i18n._("Quit") == "Quitter"
        i18n.set_language("en")
        assert i18n.current_language() == "en"
        assert i18n._("Quit") == "Quit"
    finally:
        i18n.set_language(None)


def test_available_languages_lists_the_compiled_catalogs() -> None:
    assert i18n.available_languages()[0] == "en"
    assert "fr" in i18n.available_languages()


def _literal_messages(path: Path) -> Iterator[tuple[str, int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "N_"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield str(path.relative_to(APP_DIR.parent)), node.lineno, node.args[0].value


def test_every_literal_message_is_extracted(template) -> None:
    # Python's own parser sees calls babel's tokenizer misses, e.g. `_("voice")`
    # inside an f-string on Python < 3.12: those would stay English for ever.
    extracted = {m.id for m in template if m.id and isinstance(m.id, str)}
    missed = [
        f"{where}:{line}: {msg!r}"
        for py in sorted(APP_DIR.rglob("*.py"))
        for where, line, msg in _literal_messages(py)
        if msg not in extracted
    ]
    assert not missed, "babel cannot extract these (move them out of the f-string):\n" + "\n".join(
        missed
    )
