"""Settings and reading positions: defaults, round-trips, damaged files, atomic saves."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lismoi.core import settings as settings_mod
from lismoi.core.settings import (
    MAX_POSITIONS,
    MAX_RECENT,
    OPTIONS,
    Positions,
    Settings,
    article_key,
    config_dir,
    write_json_atomic,
)
from tests.support.processes import child

ROOT = Path(__file__).resolve().parents[2]


def test_config_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LISMOI_CONFIG_DIR", str(tmp_path / "x"))
    assert config_dir() == tmp_path / "x"
    assert Settings().path == tmp_path / "x" / "settings.json"


def test_defaults_without_a_file() -> None:
    s = Settings.load()
    assert s.message is None
    assert s.as_dict() == {name: opt.default for name, opt in OPTIONS.items()}
    assert not s.path.exists()  # reading never writes


def test_round_trip_of_every_option() -> None:
    s = Settings.load()
    s["rate"] = 1.75
    s["volume"] = 0.4
    s["zoom"] = 2.5
    s["theme"] = "high-contrast"
    s["ui_language"] = "fr"
    s["window_geometry"] = "AdnQywADAAA="
    s.set_voice("fr-CA", "fr-CA-male")
    s.set_voice("en", "en-female")
    s.add_recent("/tmp/a.html", "A")
    s.save()
    again = Settings.load()
    assert again.as_dict() == s.as_dict()
    assert again.voice_for("fr-CA") == "fr-CA-male"
    assert again.voice_for("fr_ca") == "fr-CA-male"
    assert again.voice_for("en-US") == "en-female"  # falls back to the language
    assert again.voice_for("fr-FR") is None
    assert json.loads(s.path.read_text())["version"] == settings_mod.SCHEMA_VERSION


def test_bad_values_are_refused_and_bad_stored_values_fall_back_one_by_one() -> None:
    s = Settings.load()
    for name, value in [("rate", 9.0), ("volume", -1), ("zoom", "big"), ("theme", "pink"),
                        ("recent", [{"title": "no source"}]), ("rate", True)]:
        with pytest.raises(ValueError):
            s[name] = value
    s.path.parent.mkdir(parents=True)
    s.path.write_text(json.dumps({"version": 1, "options": {
        "rate": 7, "volume": 0.5, "theme": 3, "voices": {"fr": 1}, "unknown": 1}}))
    loaded = Settings.load()
    assert loaded.message is None
    assert loaded["volume"] == 0.5  # the good value is kept
    assert loaded["rate"] == 1.0 and loaded["theme"] == "default" and loaded["voices"] == {}


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]",
                                     b'{"version": 99, "options": {}}', b""])
def test_a_damaged_file_is_kept_aside_and_defaults_are_used(content: bytes) -> None:
    path = config_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    s = Settings.load()
    assert s["rate"] == 1.0
    assert s.message and "damaged" in s.message
    aside = list(path.parent.glob("settings.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert str(aside[0]) in s.message
    s["rate"] = 2.0
    s.save()  # the next save writes a good file and leaves the damaged one alone
    assert Settings.load()["rate"] == 2.0
    assert aside[0].read_bytes() == content


def test_defaults_are_not_shared_between_instances() -> None:
    a = Settings.load()
    voices = a["voices"]
    voices["fr"] = "x"
    assert Settings.load()["voices"] == {}
    assert OPTIONS["voices"].default == {}


def test_recent_articles_are_unique_newest_first_and_capped() -> None:
    s = Settings.load()
    for i in range(MAX_RECENT + 5):
        s.add_recent(f"/a/{i}.html", f"A {i}")
    s.add_recent("/a/3.html", "again")
    recent = s["recent"]
    assert len(recent) == MAX_RECENT
    assert recent[0] == {"source": "/a/3.html", "title": "again"}
    assert [r["source"] for r in recent].count("/a/3.html") == 1


def test_positions_round_trip_eviction_and_damage() -> None:
    p = Positions.load()
    p.set("https://example.org/a", 4, 120)
    p.set("/home/x/b.html", 2)
    p.save()
    again = Positions.load()
    assert again.get("https://example.org/a").block == 4
    assert again.get("https://example.org/a").char == 120
    assert again.get("/home/x/b.html").block == 2
    again.forget("/home/x/b.html")
    assert again.get("/home/x/b.html") is None
    for i in range(MAX_POSITIONS + 10):
        again.set(f"k{i}", i)
    assert len(again) == MAX_POSITIONS
    assert again.get("https://example.org/a") is None  # the oldest went first
    # A bad entry is dropped, the good ones kept.
    p.path.write_text(json.dumps({"version": 1, "positions": {
        "good": {"block": 3}, "bad": {"block": "x"}, "neg": {"block": -1}}}))
    loaded = Positions.load()
    assert loaded.get("good").block == 3 and len(loaded) == 1 and loaded.message is None
    p.path.write_text("garbage")
    damaged = Positions.load()
    assert len(damaged) == 0 and damaged.message
    assert list(p.path.parent.glob("positions.json.corrupt-*"))


def test_article_key(tmp_path) -> None:
    assert article_key("https://ex.org/a", "x.html") == "https://ex.org/a"
    assert article_key(None, "https://ex.org/b") == "https://ex.org/b"
    f = tmp_path / "a.html"
    assert article_key(None, str(f)) == str(f.resolve())
    assert article_key(None, None) is None


def test_atomic_write_leaves_no_temporary_files(tmp_path) -> None:
    target = tmp_path / "d" / "f.json"
    for i in range(20):
        write_json_atomic(target, {"i": i})
    assert json.loads(target.read_text()) == {"i": 19}
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


@pytest.mark.slow
def test_sigkill_while_saving_loses_nothing_saved_before(tmp_path) -> None:
    """A real process saves in a loop and is killed with SIGKILL mid-way, several times."""
    script = textwrap.dedent(
        """
        import sys
        from lismoi.core.settings import Settings
        s = Settings.load()
        i = 0
        while True:
            i += 1
            s.add_recent(f"/article/{i}.html", "x" * 2000)  # a big file: long writes
            s.save()
            print(i, flush=True)
        """
    )
    env = {**os.environ, "LISMOI_CONFIG_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for _round in range(5):
        # child(): the pipe is closed and the process reaped, even when an assert fails.
        command = [sys.executable, "-c", script]
        with child(command, stdout=subprocess.PIPE, env=env, text=True) as proc:
            assert proc.stdout is not None
            # Kill it at a varying point after some saves completed.
            last = 0
            for _ in range(20 + 13 * _round):
                line = proc.stdout.readline()
                assert line, "the saving process ended early"
                last = int(line)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        s = Settings.load(tmp_path / "settings.json")
        assert s.message is None  # never a damaged file
        newest = int(s["recent"][0]["source"].split("/")[-1].split(".")[0])
        assert newest >= last  # every acknowledged save survived
        assert not list(tmp_path.glob("settings.json.corrupt-*"))


def test_leftovers_of_killed_saves_are_removed_at_the_next_start(tmp_path) -> None:
    path = tmp_path / "settings.json"
    saved = Settings.load(path)
    saved["rate"] = 1.5
    saved.save()
    # What a save killed between mkstemp and os.replace leaves: a whole or half temp file.
    old = tmp_path / ".settings.json.k1llq9.tmp"
    old.write_text('{"version": 1, "ra')
    hours_ago = path.stat().st_mtime - 2 * settings_mod.STALE_TEMP_S
    os.utime(old, (hours_ago, hours_ago))
    # A save that another instance has in flight right now must not be touched.
    fresh = tmp_path / ".settings.json.n0wn0w.tmp"
    fresh.write_text("{}")
    unrelated = tmp_path / ".positions.json.k1llq9.tmp"
    unrelated.write_text("{}")
    os.utime(unrelated, (hours_ago, hours_ago))
    s = Settings.load(path)
    assert s["rate"] == 1.5 and s.message is None
    assert not old.exists() and fresh.exists()
    assert unrelated.exists()  # the positions file cleans its own, when it loads
    Positions.load(tmp_path / "positions.json")
    assert not unrelated.exists()
