"""Build steps the wheel needs beyond plain setuptools (metadata is in pyproject.toml).

``build_py`` is extended to put two things into the wheel:

* the data folders ``voices/`` and ``resources/`` (minus the translation
  sources), copied to ``app/_data/`` where :mod:`app.core.paths` finds them;
* the compiled translation catalogs ``app/locale/<lang>/LC_MESSAGES/lismoi.mo``,
  built from ``resources/translations/*.po`` by :mod:`app.core.i18n_build`.

An editable install (``pip install -e .``) skips both: it reads the data from
the checkout, and the Makefile compiles the catalogs into ``app/locale/``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("voices", "resources")
# Sources and caches that have no use at run time.
DATA_IGNORE = shutil.ignore_patterns("translations", "__pycache__", "*.pyc", ".*")


class build_py_with_data(build_py):  # noqa: N801 - setuptools command naming
    """build_py + the data folders + the compiled catalogs."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package_dir = Path(self.build_lib) / "app"
        data_dir = package_dir / "_data"
        for name in DATA_DIRS:
            target = data_dir / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target, ignore=DATA_IGNORE)
        # Import the compiler from the source tree (it needs only babel, a
        # build requirement), so the catalogs are compiled one way everywhere.
        sys.path.insert(0, str(ROOT))
        try:
            from app.core.i18n_build import compile_all
        finally:
            sys.path.pop(0)
        locale_dir = package_dir / "locale"
        if locale_dir.exists():
            shutil.rmtree(locale_dir)  # never ship a stale catalog from the checkout
        for mo in compile_all(out_dir=locale_dir):
            print(f"compiled {mo.relative_to(self.build_lib)}")


setup(cmdclass={"build_py": build_py_with_data})
