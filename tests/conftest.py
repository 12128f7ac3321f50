"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.httpserver import TestServer
from tests.support.pulse import PulseSink, PulseUnavailable, pulse_null_sink

# (The two imports above load neither Qt nor the app: this is still in time.)
# Widgets render offscreen in every test, wherever it lives (no display in CI).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read English messages: on a French desktop the suite must still be
# in English, in this process (gettext, Qt) and in the programs it starts. The
# tests of the French interface set their own language explicitly.
for _name in [k for k in os.environ if k.startswith("LC_") or k in ("LANG", "LANGUAGE")]:
    del os.environ[_name]
os.environ["LANG"] = "C.UTF-8"
os.environ["LANGUAGE"] = "en"


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1, stopped after the test."""
    server = TestServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch, _session_cache):
    """Settings and reading positions go to a folder of the test's own.

    Cached data (langdetect's profiles as arrays) goes to one folder for the
    run: the suite never touches the user's own cache, and pays the cold read
    once, not in every subprocess.
    """
    monkeypatch.setenv("LISMOI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LISMOI_CACHE_DIR", str(_session_cache))


@pytest.fixture(scope="session")
def _pulse_session() -> Iterator[PulseSink | str]:
    """One PulseAudio server and null sink for the whole run (or why there is none).

    Session-wide on purpose: Qt connects to the server once per process and
    never reconnects, so every test that plays must see the same server.
    """
    try:
        context = pulse_null_sink()
        sink = context.__enter__()
    except PulseUnavailable as exc:
        yield str(exc)
        return
    try:
        yield sink
    finally:
        context.__exit__(None, None, None)


@pytest.fixture
def pulse_sink(_pulse_session: PulseSink | str) -> PulseSink:
    """The session's null sink; the test fails (not skips) when there is none."""
    if isinstance(_pulse_session, str):
        pytest.fail(f"No PulseAudio null sink for the audio tests: {_pulse_session}")
    return _pulse_session
