"""Build steps the wheel needs beyond plain setuptools (metadata is in pyproject.toml).

``build_py`` is extended to put two things into the wheel:

* the data folders ``voices/`` and ``resources/`` (minus the translation
  sources), copied to ``lismoi/_data/`` where :mod:`lismoi.core.paths` finds them;
* the compiled translation catalogs ``lismoi/locale/<lang>/LC_MESSAGES/lismoi.mo``,
  built from ``resources/translations/*.po`` by :mod:`lismoi.core.i18n_build`.

An editable install (``pip install -e .``) skips both: it reads the data from
the checkout, and the Makefile compiles the catalogs into ``app/locale/``.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("voices", "resources")
# Sources and caches that have no use at run time.
DATA_IGNORE = shutil.ignore_patterns("translations", "__pycache__", "*.pyc", ".*")


def _source_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_lismoi_build_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and typing look the module up
    spec.loader.exec_module(module)
    return module


class build_py_with_data(build_py):  # noqa: N801 - setuptools command naming
    """build_py + the data folders + the compiled catalogs."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package_dir = Path(self.build_lib) / "lismoi"
        data_dir = package_dir / "_data"
        for name in DATA_DIRS:
            target = data_dir / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target, ignore=DATA_IGNORE)
        # Run the compiler from the source tree (it needs only babel, a
        # build requirement), so the catalogs are compiled one way everywhere.
        # By file: `lismoi` is not importable before it is installed.
        compile_all = _source_module("i18n_build", ROOT / "app/core/i18n_build.py").compile_all
        locale_dir = package_dir / "locale"
        if locale_dir.exists():
            shutil.rmtree(locale_dir)  # never ship a stale catalog from the checkout
        for mo in compile_all(out_dir=locale_dir):
            print(f"compiled {mo.relative_to(self.build_lib)}")


# The checkout keeps the user's card layout (the code in app/), but the import
# name is `lismoi`: `app` is a name any other project may install too. The
# sub-packages are found under app/ (app/locale and app/_data have no
# __init__.py: they are data) and renamed under lismoi.
PACKAGES = ["lismoi", *(f"lismoi.{name}" for name in find_packages("app"))]

setup(
    packages=PACKAGES,
    package_dir={"lismoi": "app"},
    cmdclass={"build_py": build_py_with_data},
)
