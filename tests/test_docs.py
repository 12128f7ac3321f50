"""The docs stay true: generated tables are current, and no link or path points at nothing.

* The keyboard and settings tables of docs/user-guide.md are generated from
  ``SHORTCUTS`` and ``OPTIONS`` by scripts/gen_docs.py; a change to either
  table in the code without ``make docs`` fails here.
* Every relative link in README.md, CONTRIBUTING.md and docs/*.md must point
  to a file or folder of the repository, and every repository path written in
  backticks (``app/core/...``, ``tests/...``, ``bench/...``) must exist.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_docs.py"


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and typing look the module up
    spec.loader.exec_module(module)
    return module


gen_docs = _gen_docs()
DOC_FILES = gen_docs.doc_files(ROOT)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_doc_files_are_found():
    names = {_rel(f) for f in DOC_FILES}
    assert {"README.md", "CONTRIBUTING.md", "docs/user-guide.md"} <= names


def test_the_user_guide_holds_both_generated_tables():
    text = (ROOT / "docs" / "user-guide.md").read_text("utf-8")
    assert gen_docs.blocks_in(text) == ["shortcuts", "settings"]


def test_generated_tables_are_current():
    stale = [_rel(f) for f in gen_docs.stale_files(DOC_FILES)]
    assert not stale, f"stale generated tables in {stale}: run `make docs`"


def test_the_tables_hold_every_shortcut_and_option():
    from lismoi.core.settings import OPTIONS
    from lismoi.qt.shortcuts import SHORTCUTS

    shortcuts = gen_docs.shortcuts_table()
    for s in SHORTCUTS:
        assert s.label in shortcuts
        for key in s.keys:
            assert f"`{key}`" in shortcuts
    settings = gen_docs.settings_table()
    for name in OPTIONS:
        assert f"| `{name}` |" in settings


def test_a_stale_table_is_caught_and_rewritten():
    begin = gen_docs.BEGIN.format(name="shortcuts")
    stale = f"before\n{begin}\n| Keys | Action |\n| Ctrl+O | Open |\n{gen_docs.END}\nafter\n"
    fresh = gen_docs.update_text(stale)
    assert fresh != stale
    assert fresh.startswith("before\n") and fresh.endswith("after\n")
    assert gen_docs.shortcuts_table() in fresh
    assert gen_docs.update_text(fresh) == fresh  # rewriting is idempotent


def test_markers_shown_in_a_code_fence_are_left_alone():
    begin = gen_docs.BEGIN.format(name="shortcuts")
    text = f"An example:\n\n```\n{begin}\n...\n{gen_docs.END}\n```\n"
    assert gen_docs.blocks_in(text) == []
    assert gen_docs.update_text(text) == text


def test_an_unknown_block_is_an_error():
    text = f"{gen_docs.BEGIN.format(name='nonsense')}\n{gen_docs.END}\n"
    with pytest.raises(KeyError):
        gen_docs.update_text(text)


def test_check_mode_exits_non_zero_when_stale(tmp_path, monkeypatch):
    guide = tmp_path / "docs" / "user-guide.md"
    guide.parent.mkdir()
    begin = gen_docs.BEGIN.format(name="settings")
    guide.write_text(f"{begin}\nold\n{gen_docs.END}\n", "utf-8")
    monkeypatch.setattr(gen_docs, "ROOT", tmp_path)
    monkeypatch.setattr(gen_docs, "doc_files", lambda root=tmp_path: [guide])
    assert gen_docs.main(["--check"]) == 1
    assert gen_docs.main([]) == 0
    assert gen_docs.main(["--check"]) == 0


def test_check_mode_passes_on_the_checkout(capsys):
    assert gen_docs.main(["--check"]) == 0, capsys.readouterr().err


# --------------------------------------------------------------- links and paths

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)=["']([^"']+)["']""", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Top-level folders of the repository: a backticked path starting with one is checked.
_REPO_DIRS = ("app/", "tests/", "bench/", "docs/", "scripts/", "packaging/", "resources/",
              "voices/", ".ci/")


def _prose(text: str) -> str:
    """The text without fenced code blocks (examples there are not links)."""
    return _FENCE.sub("", text)


def _links(text: str) -> list[str]:
    prose = _prose(text)
    prose_no_code = _CODE_SPAN.sub("", prose)
    found = _INLINE_LINK.findall(prose_no_code) + _REF_LINK.findall(prose_no_code)
    return found + _HTML_LINK.findall(prose_no_code)


def _is_relative(target: str) -> bool:
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) and not target.startswith("#")


def test_relative_links_point_to_files_that_exist():
    missing = []
    for doc in DOC_FILES:
        for target in _links(doc.read_text("utf-8")):
            if not _is_relative(target):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path:
                continue
            resolved = (ROOT / path.lstrip("/")) if path.startswith("/") else (doc.parent / path)
            if not resolved.exists():
                missing.append(f"{_rel(doc)}: ({target})")
    assert not missing, "links to files that do not exist:\n" + "\n".join(missing)


def test_repository_paths_in_backticks_exist():
    missing = []
    for doc in DOC_FILES:
        for span in _CODE_SPAN.findall(_prose(doc.read_text("utf-8"))):
            candidate = span.strip()
            placeholder = re.search(r"[\s<>*{}$|,…]|\.\.\.", candidate)
            if not candidate.startswith(_REPO_DIRS) or placeholder:
                continue
            candidate = re.split(r"[:#]", candidate, maxsplit=1)[0]  # path:line, path#anchor
            if not (ROOT / candidate).exists():
                missing.append(f"{_rel(doc)}: `{span}`")
    assert not missing, "paths that do not exist:\n" + "\n".join(missing)


def _anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", _prose(markdown), re.MULTILINE):
        text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        anchor, n = slug, 1
        while anchor in anchors:  # repeated headings get -1, -2, ...
            anchor, n = f"{slug}-{n}", n + 1
        anchors.add(anchor)
    return anchors


def test_anchors_of_links_between_the_docs_exist():
    missing = []
    for doc in DOC_FILES:
        for target in _links(doc.read_text("utf-8")):
            if not _is_relative(target) and not target.startswith("#"):
                continue
            if "#" not in target:
                continue
            path, anchor = target.split("#", 1)
            page = doc if not path else (doc.parent / path)
            if page.suffix != ".md" or not page.is_file():
                continue
            if anchor not in _anchors(page.read_text("utf-8")):
                missing.append(f"{_rel(doc)}: ({target})")
    assert not missing, "links to headings that do not exist:\n" + "\n".join(missing)


def test_the_anchor_rule_is_githubs():
    text = "# Layers: who may import whom\n## Set-up\n## `make docs`\n## Set-up\n"
    assert _anchors(text) == {"layers-who-may-import-whom", "set-up", "make-docs", "set-up-1"}


def test_the_link_checker_can_fail():
    text = "See [the guide](docs/nowhere.md), ![x](a/b.png) and [ok](https://example.org).\n"
    assert _links(text) == ["docs/nowhere.md", "a/b.png", "https://example.org"]
    assert [t for t in _links(text) if _is_relative(t)] == ["docs/nowhere.md", "a/b.png"]
    assert _links("```\n[not a link](x.md)\n```\n") == []
