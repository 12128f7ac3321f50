"""A natural voice's gender, measured from its pitch when nobody says it.

Piper's catalog does not give a reliable gender for every voice, and a
voice found without the voice manager's ``voice.json`` (a voice shipped by a
Python package, one copied by hand) says none at all. So a short phrase is
synthesised with the voice and its median F0 measured
(:func:`lismoi.core.speech.pitch.median_f0`): below :data:`MALE_BELOW_HZ` it
is a male voice, above a female one. Adult speech sits around 85-155 Hz for
men and 165-255 Hz for women; espeak-ng's own male French voice measures 96
Hz and its female variant Annie 228 Hz with the same code.

The result is cached per voice file (its path, size and modification time)
in the cache folder, so each voice is measured once, not at every start.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from lismoi.core.atomic import replaced_atomically
from lismoi.core.language.profile_cache import cache_dir
from lismoi.core.speech.engines.base import EngineVoices, InstalledVoice
from lismoi.core.speech.pitch import median_f0

log = logging.getLogger(__name__)

MALE_BELOW_HZ = 165.0
CACHE_FILE = "voice-pitch.json"
CACHE_FORMAT = 1

# A short phrase per language (any words do: only the pitch is measured); the
# digits fall back on the voice's own language through its phonemiser.
PHRASES = {
    "fr": "Bonjour, je lis cet article pour vous, phrase après phrase.",
    "en": "Hello, I will read this article to you, one sentence at a time.",
    "de": "Guten Tag, ich lese Ihnen diesen Artikel Satz für Satz vor.",
    "es": "Hola, le leo este artículo frase por frase.",
    "it": "Buongiorno, le leggo questo articolo frase per frase.",
    "pt": "Olá, vou ler este artigo para você, frase por frase.",
    "nl": "Hallo, ik lees dit artikel zin voor zin aan u voor.",
}
FALLBACK_PHRASE = "1, 2, 3, 4, 5, 6, 7, 8, 9, 10."


@dataclass(frozen=True)
class Probe:
    """The voice as the speech worker takes it (a SpeakingVoice), at its own pitch."""

    voice_id: str
    lang: str
    variant: str | None = None
    rate_wpm: int = 175
    pitch: int = 50


def gender_from_f0(f0: float) -> str | None:
    """ "male" under :data:`MALE_BELOW_HZ`, "female" above; None if nothing was voiced."""
    if f0 <= 0:
        return None
    return "male" if f0 < MALE_BELOW_HZ else "female"


def voice_file(voice_id: str) -> Path | None:
    """The model file of a natural voice (the user's folder first, then voice packages)."""
    from lismoi.core.speech.engines.piper_voices import discover

    return next((v.onnx for v in discover() if v.id == voice_id), None)


def _cache_key(engine: str, voice: InstalledVoice) -> str:
    path = voice_file(voice.id)
    if path is None:
        return f"{engine}:{voice.id}"
    st = path.stat()
    return f"{engine}:{voice.id}:{path}:{st.st_size}:{st.st_mtime_ns}"


def _read_cache() -> dict[str, float]:
    try:
        data = json.loads((cache_dir() / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}
    found = data.get("f0", {})
    return {k: float(v) for k, v in found.items() if isinstance(v, (int, float))}


def _write_cache(values: dict[str, float]) -> None:
    text = json.dumps({"format": CACHE_FORMAT, "f0": values}, indent=1, sort_keys=True)
    with contextlib.suppress(OSError), replaced_atomically(cache_dir() / CACHE_FILE) as out:
        out.write(text.encode("utf-8"))


Synthesize = Callable[[str, Probe], tuple[bytes, int]]  # text, voice -> (pcm, sample rate)


def measure_f0(voice: InstalledVoice, synthesize: Synthesize) -> float:
    """The median F0 (Hz) of a short phrase spoken by ``voice``."""
    tags = voice.lang_tags
    lang = tags[0][0] if tags else ""
    region = tags[0][1] if tags else None
    tag = f"{lang}-{region}" if region else lang or "en"
    pcm, rate = synthesize(PHRASES.get(lang, FALLBACK_PHRASE), Probe(voice.id, tag))
    return median_f0(pcm, rate)


def with_measured_genders(installed: EngineVoices, synthesize: Synthesize) -> EngineVoices:
    """``installed`` with every voice of unknown gender given the gender its pitch says.

    Measured once per voice file (cached); a voice that cannot be measured
    keeps no gender (resolution then takes it for either).
    """
    unknown = [v for v in installed.voices if not v.gender]
    if not unknown:
        return installed
    cache = _read_cache()
    changed = False
    genders: dict[str, str | None] = {}
    for voice in unknown:
        key = _cache_key(installed.engine, voice)
        f0 = cache.get(key)
        if f0 is None:
            try:
                f0 = measure_f0(voice, synthesize)
            except Exception:  # noqa: BLE001 - a voice that fails here fails audibly later
                log.warning("could not measure the pitch of %s", voice.id, exc_info=True)
                continue
            cache[key] = f0
            changed = True
        genders[voice.id] = gender_from_f0(f0)
    if changed:
        _write_cache(cache)
    voices = tuple(
        replace(v, gender=genders[v.id]) if genders.get(v.id) else v for v in installed.voices
    )
    return replace(installed, voices=voices)
