"""The listener's settings and reading positions, kept in small JSON files.

Every option is declared once in :data:`OPTIONS` with its default and a check;
a value that fails its check falls back to the default on its own, so one bad
key never costs the others. Files are written atomically (a temporary file in
the same folder, fsync, ``os.replace``): a crash or a kill while saving leaves
either the old file or the new one, never half of one. A file that cannot be
read at all is renamed aside (``settings.json.corrupt-<timestamp>``), the
defaults are used, and :attr:`Settings.message` says so for the window.

The folder is ``platformdirs.user_config_dir("lismoi")``, or the value of the
``LISMOI_CONFIG_DIR`` environment variable (tests point it at a temp folder).
No Qt here: the CLI and the tests use it as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lismoi.core.atomic import replaced_atomically
from lismoi.core.i18n import _

SCHEMA_VERSION = 1
SETTINGS_FILE = "settings.json"
POSITIONS_FILE = "positions.json"
MAX_RECENT = 10
MAX_POSITIONS = 500
THEMES = ("default", "high-contrast")
RATE_RANGE = (0.5, 3.0)
ZOOM_RANGE = (0.5, 3.0)


def config_dir() -> Path:
    """The folder holding the settings files (not created here)."""
    override = os.environ.get("LISMOI_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # imported late: the CLI sub-commands never need it

    return Path(platformdirs.user_config_dir("lismoi", appauthor=False))


def _number_in(low: float, high: float) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        return (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and low <= value <= high
        )

    return check


def _optional_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _voices(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _recent(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict)
        and isinstance(item.get("source"), str)
        and isinstance(item.get("title", ""), str)
        for item in value
    )


@dataclass(frozen=True)
class Option:
    """One setting: its default and the check a stored value must pass."""

    default: Any
    check: Callable[[Any], bool]
    doc: str


# The one place options are declared. Defaults are copied on use (lists, dicts).
OPTIONS: dict[str, Option] = {
    "voices": Option({}, _voices, "voice profile id per language ('fr' -> 'fr-CA-female')"),
    "rate": Option(1.0, _number_in(*RATE_RANGE), "reading speed, a multiple of normal"),
    "volume": Option(1.0, _number_in(0.0, 1.0), "volume from 0 to 1"),
    "zoom": Option(1.0, _number_in(*ZOOM_RANGE), "article text size, 1.0 = 100 %"),
    "theme": Option("default", lambda v: v in THEMES, "'default' or 'high-contrast'"),
    "sentence_by_sentence": Option(False, lambda v: isinstance(v, bool),
                                   "pause after each sentence until the listener goes on"),
    "announce": Option("state", lambda v: v in ("state", "paragraphs"),
                       "what screen readers are told while reading: 'state' (playing, "
                       "paused, stopped, end, errors) or 'paragraphs' (also each new paragraph)"),
    "caret_follows_reading": Option(True, lambda v: isinstance(v, bool),
                                    "the caret of the paragraph read follows the words heard"),
    "ui_language": Option(None, _optional_str, "interface language ('fr', 'en'); None = system"),
    "export_folder": Option(None, _optional_str, "where the last audio export was saved"),
    "window_geometry": Option(None, _optional_str, "main window geometry, base64"),
    "window_state": Option(None, _optional_str, "main window toolbars state, base64"),
    "recent": Option([], _recent, "recently opened articles: [{'source', 'title'}]"),
}


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` so that readers see the old or new file, whole."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    with replaced_atomically(path, durable=True) as f:
        f.write(text.encode("utf-8"))


# A temporary file this old is no save in progress (one takes milliseconds) but
# the leftover of a process killed mid-save: it holds nothing the real file lacks.
STALE_TEMP_S = 3600


def remove_stale_temporaries(path: Path) -> None:
    """Delete what killed saves of ``path`` left behind (see :mod:`lismoi.core.atomic`)."""
    cutoff = time.time() - STALE_TEMP_S
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()


def _read_json_file(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """Return (data, message). data is None when the file is absent or unusable.

    An unusable file is renamed aside so the next save cannot destroy it.
    """
    remove_stale_temporaries(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as err:
        return None, _("Could not read {path}: {error}. Using the defaults.").format(
            path=path, error=err.strerror or err
        )
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("version", SCHEMA_VERSION)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise ValueError(f"unknown version {version!r}")
    # RecursionError: a file of [[[[... nested 100,000 deep is damaged too.
    except (UnicodeDecodeError, ValueError, RecursionError):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return None, _(
            "Your settings file was damaged, so Lis-moi started with the defaults. "
            "The damaged file was kept as {aside}."
        ).format(aside=aside)
    return data, None


class Settings:
    """The options of :data:`OPTIONS`, loaded from and saved to ``settings.json``.

    ``settings["rate"]`` reads a value (the default when unset), ``settings["rate"]
    = 1.5`` changes it (checked), :meth:`save` writes the file.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / SETTINGS_FILE
        self._values: dict[str, Any] = {}
        self.message: str | None = None  # for the window: why defaults were used
        data, self.message = _read_json_file(self.path)
        values = (data or {}).get("options", {})
        if isinstance(values, dict):
            for name, option in OPTIONS.items():
                if name in values and option.check(values[name]):
                    self._values[name] = values[name]

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        return cls(path)

    def __getitem__(self, name: str) -> Any:
        option = OPTIONS[name]
        value = self._values.get(name, option.default)
        # Copies, so a caller mutating a list or dict cannot change the defaults.
        return json.loads(json.dumps(value)) if isinstance(value, (list, dict)) else value

    def __setitem__(self, name: str, value: Any) -> None:
        option = OPTIONS[name]
        if not option.check(value):
            raise ValueError(f"bad value for setting {name!r}: {value!r}")
        self._values[name] = value

    def reset(self, name: str) -> None:
        self._values.pop(name, None)

    def as_dict(self) -> dict[str, Any]:
        return {name: self[name] for name in OPTIONS}

    def save(self) -> None:
        """Write the file atomically. Raises OSError when the folder is not writable."""
        write_json_atomic(self.path, {"version": SCHEMA_VERSION, "options": self._values})

    # -- helpers for the structured options --------------------------------

    def voice_for(self, tag: str) -> str | None:
        """The profile id the listener chose for ``tag`` ("fr-CA"), else for its language."""
        voices = self["voices"]
        norm = _norm_tag(tag)
        return voices.get(norm) or voices.get(norm.split("-")[0])

    def set_voice(self, tag: str, profile_id: str) -> None:
        """Remember ``profile_id`` for ``tag`` ("fr-CA" for Canadian pages, or just "fr")."""
        voices = self["voices"]
        voices[_norm_tag(tag)] = profile_id
        self["voices"] = voices

    def add_recent(self, source: str, title: str = "") -> None:
        """Put ``source`` first in the recent articles (once), keeping MAX_RECENT."""
        recent = [item for item in self["recent"] if item["source"] != source]
        recent.insert(0, {"source": source, "title": title})
        self["recent"] = recent[:MAX_RECENT]


def _norm_tag(tag: str) -> str:
    lang, _sep, region = tag.replace("_", "-").partition("-")
    return f"{lang.lower()}-{region.upper()}" if region else lang.lower()


@dataclass
class Position:
    """Where the listener stopped in one article."""

    block: int
    char: int = 0  # start of the sentence in the block text
    updated: float = 0.0


class Positions:
    """Reading positions per article (key: final URL or absolute file path)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / POSITIONS_FILE
        self._items: dict[str, Position] = {}
        data, self.message = _read_json_file(self.path)
        items = (data or {}).get("positions", {})
        if isinstance(items, dict):
            for key, item in items.items():
                try:
                    pos = Position(int(item["block"]), int(item.get("char", 0)),
                                   float(item.get("updated", 0.0)))
                except (TypeError, ValueError, KeyError):
                    continue  # one bad entry is dropped, the others kept
                if pos.block >= 0 and pos.char >= 0:
                    self._items[str(key)] = pos

    @classmethod
    def load(cls, path: Path | None = None) -> Positions:
        return cls(path)

    def get(self, key: str) -> Position | None:
        return self._items.get(key)

    def set(self, key: str, block: int, char: int = 0) -> None:
        self._items[key] = Position(block, char, time.time())
        if len(self._items) > MAX_POSITIONS:
            oldest = sorted(self._items.items(), key=lambda kv: kv[1].updated)
            for old_key, _pos in oldest[: len(self._items) - MAX_POSITIONS]:
                del self._items[old_key]

    def forget(self, key: str) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)

    def save(self) -> None:
        write_json_atomic(
            self.path,
            {
                "version": SCHEMA_VERSION,
                "positions": {
                    k: {"block": p.block, "char": p.char, "updated": p.updated}
                    for k, p in self._items.items()
                },
            },
        )


def article_key(url: str | None, source: str | None) -> str | None:
    """The key of an article's reading position: its final URL, else its absolute path."""
    if url:
        return url
    if not source:
        return None
    if "://" in source:
        return source
    return str(Path(source).expanduser().resolve())
