"""The wheel: build it from a copy of the tree, install it elsewhere, run it from there.

How the dependencies get into the temporary venv (the brief asked to explain):
installing PySide6 & co. from the registry into a fresh venv costs minutes
and ~600 MB, so the wheel is installed with ``--no-deps`` and the temporary
venv borrows .venv's site-packages through a ``.pth`` file (.venv is what
``make test`` installed from the same pyproject, on any machine). Two checks
keep that honest: ``pip check`` run in the temporary venv proves the wheel's
declared requirements are satisfied, and ``packaging_probe.py`` fails on any
module imported from the borrowed folder that no declared requirement
(recursively) provides. The build uses ``--no-isolation`` (its requirements,
setuptools, wheel and babel, are in the test extra), so no network is needed.
It goes through an sdist first, which also checks MANIFEST.in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "resources/samples/prison-telephones.html"
# Never copied into the build tree: environments, caches, build output.
_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "locale", "_data"
)

# Imported when present, by a dependency, not by us: httpx loads its optional
# command line (the `httpx[cli]` extra) if click, pygments and rich are installed.
# babel likewise uses pytz for time zones when it is installed (trafilatura brings it).
OPTIONAL_ELSEWHERE = {"click", "pygments", "rich", "pytz"}

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``cmd``; on failure show its output in the assertion."""
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=_IGNORE)
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp / "dist")], src)
    (whl,) = (tmp / "dist").glob("lismoi-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel, with .venv's packages borrowed through a .pth."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], venv.parent)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], venv.parent)
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], venv)
        .strip()
    )
    (site / "_lismoi_borrowed_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def _env() -> dict[str, str]:
    # A clean environment: nothing from the checkout on the path.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["LANGUAGE"] = "en"
    return env


def _installed_sample(venv: Path, cwd: Path) -> Path:
    """The sample inside the installed wheel, so a test cannot pass on the checkout's copy."""
    code = "import lismoi.core.paths as p; print(p.SAMPLES_DIR)"
    samples = _run([str(venv / "bin" / "python"), "-c", code], cwd, _env()).strip()
    return Path(samples) / Path(SAMPLE).name


def test_wheel_holds_data_and_compiled_catalogs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "lismoi/locale/fr/LC_MESSAGES/lismoi.mo" in names
    assert f"lismoi/_data/{SAMPLE}" in names
    voices = [n for n in names if n.startswith("lismoi/_data/voices/") and n.endswith(".json")]
    assert voices, "no voice profiles in the wheel"
    for name in (ROOT / "voices").glob("*.json"):
        assert f"lismoi/_data/voices/{name.name}" in names
    # Translation sources stay out; nothing from the tests either.
    assert not [n for n in names if n.endswith((".po", ".pot")) or n.startswith("tests/")]


def test_wheel_installs_lismoi_and_no_top_level_app(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(
        (".dist-info", ".data"))}
    assert top == {"lismoi"}, top
    assert "lismoi/core/speech/worker.py" in names
    assert "lismoi/cli/__init__.py" in names


def test_installed_app_uses_its_own_files(venv: Path, tmp_path: Path) -> None:
    code = (
        "import lismoi, lismoi.core.paths as p, lismoi.core.i18n as i;"
        "print(lismoi.__file__); print(p.SAMPLES_DIR); print(i.available_languages())"
    )
    out = _run([str(venv / "bin" / "python"), "-c", code], tmp_path, _env()).splitlines()
    site = str(venv)
    assert out[0].startswith(site) and out[1].startswith(site), out
    assert "_data" in out[1]
    assert out[2] == "['en', 'fr']"


def test_declared_requirements_are_met(venv: Path) -> None:
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    _run([*pip, "check"], venv)


def test_lismoi_voices_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    out = _run([str(venv / "bin" / "lismoi"), "voices"], tmp_path, _env())
    assert "fr-FR" in out and "fr-CA" in out


def test_lismoi_extract_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    sample = _installed_sample(venv, tmp_path)
    out = _run([str(venv / "bin" / "lismoi"), "extract", str(sample)], tmp_path, _env())
    assert "téléphone" in out.lower()


def test_lismoi_speaks_french_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    env = _env()
    env["LANGUAGE"] = "fr"
    out = _run([str(venv / "bin" / "lismoi"), "--help"], tmp_path, env)
    assert "Lis-moi lit les articles à voix haute" in out, out


@pytest.mark.parametrize("args", [["voices"], ["extract", "@sample"]])
def test_no_undeclared_imports(venv: Path, tmp_path: Path, args: list[str]) -> None:
    python = str(venv / "bin" / "python")
    args = [str(_installed_sample(venv, tmp_path)) if a == "@sample" else a for a in args]
    probe = str(ROOT / "tests" / "packaging_probe.py")
    borrowed = sysconfig.get_path("purelib")
    out = _run([python, probe, borrowed, "--", *args], tmp_path, _env())
    undeclared = [
        line for line in out.splitlines() if line.split()[1] not in OPTIONAL_ELSEWHERE
    ]
    assert not undeclared, out
