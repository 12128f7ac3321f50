"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest

# Widgets render offscreen in every test, wherever it lives (no display in CI).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.httpserver import TestServer


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1, stopped after the test."""
    server = TestServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch):
    """Settings and reading positions go to a folder of the test's own."""
    monkeypatch.setenv("LISMOI_CONFIG_DIR", str(tmp_path / "config"))
