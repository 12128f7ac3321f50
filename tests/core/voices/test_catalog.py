"""The bundled catalog of Piper voices: what it lists and that its data holds together."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from lismoi.core.voices.catalog import (
    DEFAULT_MIRROR,
    CatalogError,
    file_url,
    find_voice,
    languages,
    load_catalog,
    mirror_url,
)
from tests.support.voice_mirror import JOE, joe_files

FRENCH = {
    "fr_FR-siwis-low",
    "fr_FR-siwis-medium",
    "fr_FR-upmc-medium",
    "fr_FR-tom-medium",
    "fr_FR-gilles-low",
    "fr_FR-mls_1840-low",
}


def test_every_french_voice_and_joe_are_listed():
    ids = [v.id for v in load_catalog()]
    assert len(ids) == len(set(ids))
    assert FRENCH | {JOE} <= set(ids)
    assert languages()[0] == "fr_FR"  # French first


def test_entries_hold_together():
    for voice in load_catalog():
        assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", voice.language), voice.id
        assert voice.id == f"{voice.language}-{voice.name}-{voice.quality}"
        assert voice.speakers >= 1 and voice.licence
        if voice.speakers > 1:
            assert voice.gender is None, f"{voice.id}: several speakers have no one gender"
        names = [f.name for f in voice.files]
        assert names == [f"{voice.id}.onnx", f"{voice.id}.onnx.json"]
        folder = f"{voice.language.split('_')[0]}/{voice.language}/{voice.name}/{voice.quality}/"
        assert all(f.path.startswith(folder) for f in voice.files)
        model = voice.files[0]
        assert model.size > 10_000_000 and re.fullmatch(r"[0-9a-f]{32}", model.md5)
        assert voice.size >= model.size


def test_joe_entry_is_the_real_file():
    """The catalog's size and MD5 for joe are Piper's; the package's copy has the same."""
    voice = find_voice(JOE)
    for file, data in zip(voice.files, joe_files(), strict=True):
        assert file.size == len(data)
        assert file.md5 == hashlib.md5(data).hexdigest()
        assert file.sha256 == hashlib.sha256(data).hexdigest()
    assert (voice.gender, voice.speakers, voice.licence) == ("male", 1, "CC0")


def test_multi_speaker_voice_says_so():
    upmc = find_voice("fr_FR-upmc-medium")
    assert (upmc.gender, upmc.speakers, upmc.gender_label()) == (None, 2, "2 speakers")


def test_mirror_default_and_override(monkeypatch):
    monkeypatch.delenv("LISMOI_VOICES_URL", raising=False)
    assert mirror_url() == DEFAULT_MIRROR
    siwis = find_voice("fr_FR-siwis-medium").files[0]
    assert file_url(siwis) == (
        "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/"
        "fr/fr_FR/siwis/medium/fr_FR-siwis-medium.onnx"
    )
    monkeypatch.setenv("LISMOI_VOICES_URL", "http://127.0.0.1:9/mirror")
    assert file_url(siwis).startswith("http://127.0.0.1:9/mirror/fr/fr_FR/siwis/")
    # a real name that is not ASCII is quoted
    tugao = find_voice("pt_PT-tugão-medium").files[0]
    assert "/pt_PT/tug%C3%A3o/medium/" in file_url(tugao)


def test_unknown_voice():
    assert find_voice("xx_XX-nobody-low") is None


def test_a_damaged_catalog_says_so(tmp_path, monkeypatch):
    bad = tmp_path / "catalog.json"
    bad.write_text(json.dumps({"voices": [{"id": "x"}]}), encoding="utf-8")
    monkeypatch.setenv("LISMOI_VOICES_CATALOG", str(bad))
    with pytest.raises(CatalogError, match="voice catalog .* is damaged"):
        load_catalog()
    monkeypatch.setenv("LISMOI_VOICES_CATALOG", str(tmp_path / "missing.json"))
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog()


def test_the_regeneration_script_reproduces_an_entry(tmp_path):
    """scripts/piper_catalog.py, fed joe's entry in the format of Piper's
    voices.json (v1.0.0 values), writes back the bundled entry unchanged."""
    import importlib.util

    from lismoi.core.voices.catalog import CATALOG_FILE

    spec = importlib.util.spec_from_file_location(
        "piper_catalog", Path(__file__).parents[3] / "scripts" / "piper_catalog.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    folder = "en/en_US/joe/medium/"
    piper = {
        JOE: {
            "key": JOE,
            "name": "joe",
            "language": {"code": "en_US"},
            "quality": "medium",
            "num_speakers": 1,
            "files": {
                folder + f"{JOE}.onnx": {
                    "size_bytes": 63201294,
                    "md5_digest": "74fd6a4dc39e0aa9dce145d7f5acd4f6",
                },
                folder + f"{JOE}.onnx.json": {
                    "size_bytes": 4794,
                    "md5_digest": "811036b9c1451545f9495fdc1baa0754",
                },
                folder + "MODEL_CARD": {
                    "size_bytes": 281,
                    "md5_digest": "7dc55becaf84cb3b713281fac70491a1",
                },
            },
        }
    }
    source = tmp_path / "voices.json"
    source.write_text(json.dumps(piper), encoding="utf-8")
    cards = tmp_path / "cards" / JOE
    cards.mkdir(parents=True)
    (cards / "MODEL_CARD").write_text("## Dataset\n\n* License: CC0\n", encoding="utf-8")
    built = script.build(source, everything=False, cards=tmp_path / "cards")
    bundled = {v["id"]: v for v in json.loads(CATALOG_FILE.read_text(encoding="utf-8"))["voices"]}
    assert built["voices"] == [bundled[JOE]]
