"""One real speech worker for the speech tests (starting one costs ~0.2 s)."""

from __future__ import annotations

import pytest

from lismoi.core.speech.worker import SpeechWorker


@pytest.fixture(scope="module")
def worker():
    with SpeechWorker() as w:
        w.start()
        yield w
