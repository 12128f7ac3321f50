"""The catalog of natural (Piper) voices a listener can download.

The data is ``resources/piper-voices.json``: per voice its id (Piper's own,
``fr_FR-siwis-medium``), language, quality, gender, number of speakers, the
dataset's licence and its files with their sizes and checksums as Piper's
``voices.json`` gives them (``scripts/piper_catalog.py`` regenerates it).
Files are fetched from :func:`mirror_url` (Piper's Hugging Face repository
unless ``LISMOI_VOICES_URL`` points elsewhere, as the tests do).
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from lismoi.core.errors import LismoiError
from lismoi.core.i18n import _
from lismoi.core.paths import RESOURCES_DIR

CATALOG_FILE = RESOURCES_DIR / "piper-voices.json"
DEFAULT_MIRROR = "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/"
MIRROR_ENV = "LISMOI_VOICES_URL"
CATALOG_ENV = "LISMOI_VOICES_CATALOG"  # another catalog file (tests, private mirrors)

QUALITIES = ("x_low", "low", "medium", "high")
GENDERS = ("female", "male")


class CatalogError(LismoiError):
    """The catalog file is missing or not what it should be."""


@dataclass(frozen=True)
class CatalogFile:
    """One file of a voice: its path in the repository, size and checksums.

    ``size`` and ``md5`` are None only for a small config file whose published
    values are not known here; the installer then checks it by reading it.
    """

    path: str
    size: int | None
    md5: str | None
    sha256: str | None = None

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


@dataclass(frozen=True)
class CatalogVoice:
    id: str
    language: str  # Piper's code: "fr_FR"
    name: str  # "siwis"
    quality: str  # "x_low" | "low" | "medium" | "high"
    gender: str | None  # "female" | "male" | None (several speakers, or not known)
    speakers: int
    licence: str
    files: tuple[CatalogFile, ...]

    @property
    def size(self) -> int:
        """Bytes to download (the files whose size is known: the model always is)."""
        return sum(f.size or 0 for f in self.files)

    @property
    def bcp47(self) -> str:
        """``fr_FR`` -> ``fr-FR``, the form the rest of Lis-moi uses."""
        return self.language.replace("_", "-")

    @property
    def family(self) -> str:
        return self.language.split("_", 1)[0]

    def gender_label(self) -> str:
        if self.speakers > 1:
            return _("{n} speakers").format(n=self.speakers)
        if self.gender == "female":
            return _("female")
        if self.gender == "male":
            return _("male")
        return _("not stated")

    def to_json(self) -> dict:
        """The entry as stored next to an installed voice (``voice.json``)."""
        return {
            "id": self.id,
            "language": self.language,
            "name": self.name,
            "quality": self.quality,
            "gender": self.gender,
            "speakers": self.speakers,
            "licence": self.licence,
            "files": [
                {"path": f.path, "size": f.size, "md5": f.md5, "sha256": f.sha256}
                for f in self.files
            ],
        }


def mirror_url() -> str:
    """The base URL voices are downloaded from, always ending in ``/``."""
    url = os.environ.get(MIRROR_ENV) or DEFAULT_MIRROR
    return url if url.endswith("/") else url + "/"


def file_url(file: CatalogFile, base: str | None = None) -> str:
    """The download address of one file (the path quoted: ``tugão`` is a real name)."""
    return (base or mirror_url()) + quote(file.path)


def _catalog_path() -> Path:
    override = os.environ.get(CATALOG_ENV)
    return Path(override) if override else CATALOG_FILE


def _parse_voice(raw: dict) -> CatalogVoice:
    files = tuple(
        CatalogFile(
            path=str(f["path"]),
            size=None if f.get("size") is None else int(f["size"]),
            md5=f.get("md5"),
            sha256=f.get("sha256"),
        )
        for f in raw["files"]
    )
    voice = CatalogVoice(
        id=str(raw["id"]),
        language=str(raw["language"]),
        name=str(raw["name"]),
        quality=str(raw["quality"]),
        gender=raw.get("gender"),
        speakers=int(raw.get("speakers", 1)),
        licence=str(raw.get("licence") or _("unknown — see the model card")),
        files=files,
    )
    names = {f.name for f in files}
    if {f"{voice.id}.onnx", f"{voice.id}.onnx.json"} - names:
        raise ValueError(f"{voice.id}: the model and its .onnx.json must both be listed")
    model = next(f for f in files if f.name == f"{voice.id}.onnx")
    if model.size is None or (model.md5 is None and model.sha256 is None):
        raise ValueError(f"{voice.id}: the model needs a size and a checksum")
    if voice.quality not in QUALITIES or (voice.gender not in (None, *GENDERS)):
        raise ValueError(f"{voice.id}: bad quality or gender")
    return voice


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[CatalogVoice, ...]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        voices = tuple(_parse_voice(v) for v in data["voices"])
    except OSError as exc:
        raise CatalogError(
            _("The voice catalog {path} cannot be read: {error}").format(
                path=path, error=exc.strerror or exc
            )
        ) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise CatalogError(
            _("The voice catalog {path} is damaged: {error}").format(path=path, error=exc)
        ) from exc
    return voices


def load_catalog() -> tuple[CatalogVoice, ...]:
    """Every voice of the catalog, in the file's order (French first)."""
    path = _catalog_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load(str(path), mtime)


def find_voice(voice_id: str) -> CatalogVoice | None:
    for voice in load_catalog():
        if voice.id == voice_id:
            return voice
    return None


def languages() -> list[str]:
    """The catalog's languages (``fr_FR``...), in order of first appearance."""
    seen: dict[str, None] = {}
    for voice in load_catalog():
        seen.setdefault(voice.language, None)
    return list(seen)
