"""Run inside the test venv: a sub-command in-process, then list undeclared imports.

The packaging test installs the wheel with ``--no-deps`` and borrows the
dependencies from .venv through a ``.pth`` file, so .venv's extra packages
(pytest, trafilatura, ...) are importable too. This probe makes that shortcut
honest: after ``lismoi ARGS...`` ran, every imported module that lives in a
borrowed site-packages must belong to a distribution in the requirement
closure of ``lismoi`` (its Requires-Dist, recursively). Prints one
"undeclared: module (distribution)" line per offender; exit status 0 always
(the test reads the lines).

Usage: python packaging_probe.py BORROWED_SITE_PACKAGES -- lismoi-args...
"""

from __future__ import annotations

import contextlib
import importlib.metadata as md
import io
import sys
from pathlib import Path


def requirement_closure(root: str) -> set[str]:
    """Canonical names of ``root`` and everything it needs, recursively (no extras)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [root]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = md.requires(name) or []
        except md.PackageNotFoundError:
            continue  # `pip check` reports missing ones
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def main() -> int:
    borrowed = Path(sys.argv[1]).resolve()
    cli_args = sys.argv[sys.argv.index("--") + 1 :]
    from lismoi.cli import main as lismoi

    with contextlib.redirect_stdout(io.StringIO()):
        status = lismoi(cli_args)
    if status != 0:
        print(f"status: {status}")
    # Snapshot before the probe imports `packaging` itself (from the borrowed folder).
    modules = sorted(sys.modules.items())
    from packaging.utils import canonicalize_name

    allowed = requirement_closure("lismoi")
    owners = md.packages_distributions()
    for name, module in modules:
        path = getattr(module, "__file__", None)
        if "." in name or not path or not Path(path).resolve().is_relative_to(borrowed):
            continue
        dists = {canonicalize_name(d) for d in owners.get(name, [])}
        if not dists & allowed:
            print(f"undeclared: {name} ({', '.join(sorted(dists)) or '?'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
