"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import qtleaks
from tests.support.httpserver import TestServer
from tests.support.pulse import PulseSink, PulseUnavailable, pulse_null_sink
from tests.support.speech import WorkerFactory

# (The imports above load neither Qt nor the app: this is still in time.)
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


# ------------------------------------------------------------------ markers
# What a test needs, read from the fixtures it uses (directly or through other
# fixtures): `make test-fast` deselects audio, network, engine and slow.
FIXTURE_MARKS: dict[str, tuple[str, ...]] = {
    "pulse_sink": ("audio",),
    "http_server": ("network",),
    # The real speech process (`worker`, `speech_worker`: the module-wide ones
    # of tests/core/speech, tests/qt and tests/hardening, all SpeechWorkers).
    "speech_worker_factory": ("engine",),
    "speech_worker": ("engine",),
    "worker": ("engine",),
    "qtbot": ("gui",),
    "qapp": ("gui",),
}

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        marks = {m for name in names & FIXTURE_MARKS.keys() for m in FIXTURE_MARKS[name]}
        for mark in sorted(marks - {m.name for m in item.iter_markers()}):
            item.add_marker(mark)


# ---------------------------------------------------------------- factories


@pytest.fixture
def speech_worker_factory() -> Iterator[WorkerFactory]:
    """Make real SpeechWorkers: ``make(cls=SpeechWorker, start=True, **kwargs)``.

    Every worker made is closed at teardown (its process ended, its pipes
    closed), even when the test fails half-way. A worker shared by a whole
    module: ``with WorkerFactory() as make: yield make()`` in a module fixture.
    """
    with WorkerFactory() as make:
        yield make


# ------------------------------------------------------- leaked-widget check


@pytest.fixture(autouse=True)
def _no_leaked_widgets(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves new top-level widgets alive after its teardown.

    Autouse, so it is set up before the test's own fixtures and torn down
    after them (after qtbot closed the widgets it was given and the window
    factories deleted theirs): what is still alive then, once pending events
    and deleteLater() have run, was left behind by the test. Active when a
    QApplication exists (every test that uses qtbot, qapp or widgets of its
    own). ``@pytest.mark.allow_leaks(reason="...")`` turns it off for a test.
    """
    marker = request.node.get_closest_marker("allow_leaks")
    if marker is not None:
        if not (marker.kwargs.get("reason") or marker.args):
            pytest.fail("allow_leaks needs a reason: @pytest.mark.allow_leaks(reason='...')")
        yield
        return
    before = qtleaks.snapshot()
    yield
    leaked = qtleaks.leaks(before)
    if leaked:
        described = "\n".join(f"  {qtleaks.describe(w)}" for w in leaked)
        qtleaks.dispose(leaked)  # the next test starts clean
        pytest.fail(
            f"{len(leaked)} top-level widget(s) left alive after the test (close them, "
            f"qtbot.addWidget() them, or give them a parent):\n{described}",
            pytrace=False,
        )
