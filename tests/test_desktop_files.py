"""Desktop integration files: the validators from apt accept them, and they agree
with each other and with the project (names, version, icon sizes)."""

from __future__ import annotations

import configparser
import hashlib
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lismoi import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "lismoi.desktop"
METAINFO = PACKAGING / "io.github.lismoi.Lismoi.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _validator(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_desktop_file_validates() -> None:
    proc = _validator("desktop-file-validate", str(DESKTOP))
    out = proc.stdout + proc.stderr
    # Hints are advice; errors and warnings fail.
    assert proc.returncode == 0 and "error:" not in out and "warning:" not in out, out


def test_metainfo_validates() -> None:
    # --no-net: the homepage URLs cannot be fetched from CI; everything else is checked.
    proc = _validator("appstreamcli", "validate", "--no-net", str(METAINFO))
    out = proc.stdout + proc.stderr
    problems = [line for line in out.splitlines() if line[:2] in {"E:", "W:"}]
    assert proc.returncode == 0 and not problems, out


def test_desktop_and_metainfo_agree() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # keys are case-sensitive
    desktop.read(DESKTOP, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("launchable") == DESKTOP.name
    assert meta.findtext("icon") == entry["Icon"] == "lismoi"
    assert meta.findtext("provides/binary") == entry["Exec"].split()[0] == "lismoi"
    assert meta.find("releases/release").get("version") == __version__
    assert METAINFO.name.startswith(meta.findtext("id"))


def test_svg_icon_renders() -> None:
    # QtSvg is what the window uses too; an invalid SVG would show no icon.
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "lismoi.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() == 256


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icons_have_their_size(size: int) -> None:
    data = (ICONS / "png" / f"lismoi-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (size, size)


def test_png_icons_are_not_older_than_the_svg() -> None:
    # `make icons` re-renders them; a stale set means someone edited the SVG only.
    svg = (ICONS / "lismoi.svg").read_bytes()
    rendered = ICONS / "png" / ".source-sha256"
    assert rendered.read_text().strip() == hashlib.sha256(svg).hexdigest(), (
        "resources/icons/lismoi.svg changed: run `make icons`"
    )


def test_flatpak_manifest_matches_the_tree() -> None:
    # flatpak-builder is not available here; check what can be checked offline:
    # the app id, and that every file the manifest installs exists.
    manifest = (PACKAGING / "io.github.lismoi.Lismoi.yml").read_text(encoding="utf-8")
    meta_id = ET.parse(METAINFO).getroot().findtext("id")
    assert f"app-id: {meta_id}\n" in manifest
    assert f"rename-desktop-file: {DESKTOP.name}\n" in manifest
    installed = re.findall(r"install -Dm644 (\S+)", manifest)
    assert len(installed) >= 4
    for path in installed:
        paths = [path.replace("$size", str(s)) for s in PNG_SIZES] if "$size" in path else [path]
        for p in paths:
            assert (ROOT / p).is_file(), p


def test_metainfo_screenshots_are_in_the_tree() -> None:
    # The URLs point at docs/ on the default branch: the files must exist there.
    images = [i.text for i in ET.parse(METAINFO).getroot().iter("image")]
    assert images
    for url in images:
        assert "/main/docs/" in url and (ROOT / "docs" / url.rsplit("/", 1)[-1]).is_file(), url


def test_flatpak_manifest_lists_every_python_dependency() -> None:
    # The pip list in the manifest's generator command must follow pyproject.toml
    # (PySide6 comes from the BaseApp there).
    manifest = (PACKAGING / "io.github.lismoi.Lismoi.yml").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", pyproject, re.S | re.M).group(1)
    deps = re.findall(r'^\s*"([^"]+)"', block, re.M)  # (tomllib is Python 3.11+)
    names = [re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0] for d in deps]
    assert len(names) > 5, names
    missing = [n for n in names if not n.startswith("PySide6") and f" {n}" not in manifest]
    assert not missing, f"add to the flatpak-pip-generator command: {missing}"
