"""Nothing lost: settings and reading positions survive kills and damaged files.

The window helper's own test kills a process saving settings after a fixed
number of saves; here the kill lands at a random moment (a timer, not a
count), on the reading positions as well as the settings, many times.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading

import pytest

from lismoi.core.settings import Positions, Settings
from tests.hardening.support import child_env
from tests.support.processes import child

SAVER = r"""
import sys
from lismoi.core.settings import Positions, Settings
settings, positions = Settings.load(), Positions.load()
i = 0
while True:
    i += 1
    # Big files: each save takes a while, so kills often land mid-write.
    for n in range(200):
        positions.set(f"https://example.org/article/{n}/" + "x" * 200, i, n)
    positions.save()
    settings.add_recent(f"/article/{i}.html", "t" * 3000)
    settings["rate"] = 0.5 + (i % 25) / 10
    settings.save()
    print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_saved_before(tmp_path, tally):
    rng = random.Random(8)
    env = child_env(LISMOI_CONFIG_DIR=str(tmp_path))
    for _round in range(12):
        # child(): the pipe is closed and the process reaped, even when an assert fails.
        command = [sys.executable, "-c", SAVER]
        with child(command, stdout=subprocess.PIPE, env=env, text=True) as proc:
            assert proc.stdout is not None
            acknowledged = [0]
            first = threading.Event()

            def read(stdout=proc.stdout, acknowledged=acknowledged, first=first) -> None:
                for line in stdout:
                    acknowledged[0] = int(line)
                    first.set()

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            assert first.wait(60), "the saving process never saved"
            # A random moment: mid-write, between files or between saves.
            threading.Event().wait(rng.uniform(0.0, 0.4))
            with tally.trial("kill:settings-save", fault=True):
                last = acknowledged[0]
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                reader.join(10)
                settings = Settings.load(tmp_path / "settings.json")
                positions = Positions.load(tmp_path / "positions.json")
                assert settings.message is None and positions.message is None
                newest = int(settings["recent"][0]["source"].split("/")[-1].split(".")[0])
                assert newest >= last
                assert len(positions) == 200
                saved = positions.get("https://example.org/article/7/" + "x" * 200)
                assert saved is not None and saved.block >= last and saved.char == 7
                assert not list(tmp_path.glob("*.corrupt-*"))
    # Killed writers leave temporary files at most; never a damaged real file.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert all(name.endswith(".tmp") for name in leftovers), leftovers


DAMAGE = {
    "zero-filled (power cut on ext4)": b"\x00" * 4096,
    "truncated": b'{"version": 1, "options": {"rate": 1.5, "rec',
    "not utf-8": b'{"version": 1, "options": {"theme": "\xff\xfe"}}',
    "a list": b"[]",
    "a string": b'"settings"',
    "a future version": b'{"version": 1000, "options": {}}',
    "deeply nested": b'{"options": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge number": b'{"version": 1, "options": {"rate": 1e999999}}',
    "NaN": b'{"version": 1, "options": {"rate": NaN, "volume": Infinity}}',
    "wrong types": b'{"version": 1, "options": {"voices": [1], "recent": {"a": 1}, "zoom": "x"}}',
}


@pytest.mark.parametrize("name", list(DAMAGE))
@pytest.mark.parametrize("which", ["settings", "positions"])
def test_a_damaged_file_gives_defaults_a_message_and_is_kept_aside(tmp_path, tally, name, which):
    cls = Settings if which == "settings" else Positions
    path = tmp_path / f"{which}.json"
    path.write_bytes(DAMAGE[name])
    with tally.trial(f"damaged:{which}"):
        loaded = cls.load(path)
        if which == "settings":
            assert loaded["rate"] == 1.0 or 0.5 <= loaded["rate"] <= 3.0
            assert loaded["volume"] == 1.0 or 0.0 <= loaded["volume"] <= 1.0
            assert loaded.as_dict()  # every option readable
        else:
            assert loaded.get("x") is None
        aside = list(tmp_path.glob(f"{which}.json.corrupt-*"))
        if loaded.message:
            # Unreadable: kept aside byte for byte, and the message says where.
            assert len(aside) == 1 and aside[0].read_bytes() == DAMAGE[name]
            assert str(aside[0]) in loaded.message
            assert not path.exists()
        else:
            # Readable JSON with bad values: each bad value falls back alone.
            assert name in ("huge number", "NaN", "wrong types"), name
        loaded.save()
        again = cls.load(path)
        assert again.message is None


def test_a_settings_path_that_is_a_folder(tmp_path, tally):
    path = tmp_path / "settings.json"
    path.mkdir()
    with tally.trial("damaged:settings"):
        loaded = Settings.load(path)
        assert loaded["rate"] == 1.0
        assert loaded.message
        with pytest.raises(OSError):
            loaded.save()  # the window reports it; the folder is left alone
        assert path.is_dir()
