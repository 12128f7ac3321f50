"""Hardening fixtures: the shared tally, printed at the end of the run.

Set ``LISMOI_TALLY_FILE=path.json`` to also write the counts as JSON (the
README's "Reliability" figures come from there).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hardening.tally import TALLY, Tally


@pytest.fixture
def tally() -> Tally:
    return TALLY


def pytest_terminal_summary(terminalreporter) -> None:
    if not (TALLY.cases or TALLY.faults):
        return
    terminalreporter.write_sep("-", "hardening tally")
    terminalreporter.write_line(TALLY.summary())
    target = os.environ.get("LISMOI_TALLY_FILE")
    if target:
        TALLY.write(Path(target))
