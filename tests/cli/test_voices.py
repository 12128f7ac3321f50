"""``lismoi voices``: every profile, its voice, fallback or not, and why."""

from __future__ import annotations

import json

from lismoi.cli import main


def test_json_lists_the_french_profiles_honestly(capsys):
    assert main(["voices", "--format", "json"]) == 0
    records = {r["profile"]: r for r in json.loads(capsys.readouterr().out)}
    assert {"fr-FR-female", "fr-FR-male", "fr-CA-female", "fr-CA-male"} <= set(records)
    assert "en-female" in records and records["en-female"]["derived"]
    ca = records["fr-CA-male"]
    assert (ca["engine"], ca["voice"], ca["fallback"], ca["quality"], ca["accent"]) == (
        "espeak",
        "roa/fr",
        False,
        "accent",
        "fr-CA",
    )
    assert "Québécois pronunciation rules over espeak-ng French (France)" in ca["reason"]
    fr = records["fr-FR-female"]
    assert fr["fallback"] is False and fr["variant"]
    assert fr["label"] == "French Female"


def test_text_output(capsys):
    assert main(["voices", "--french"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[::2]] == [
        "fr-CA-female",
        "fr-CA-male",
        "fr-FR-female",
        "fr-FR-male",
    ]
    assert "accent: Québécois pronunciation rules over espeak-ng French (France)" in out
    assert "roa/fr+" in lines[1]  # the female variant is shown
