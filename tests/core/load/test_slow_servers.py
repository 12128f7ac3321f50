"""Slow servers: a drip ends with a clear message, a slow but steady page loads.

The real server on 127.0.0.1 sends bytes on a clock; the low-speed limit is
given small (bytes a second, over a fraction of a second) so each test takes
about a second. What is asserted is which limit ended the download and what
it said, never how fast anything was.
"""

from __future__ import annotations

import threading

import pytest

from lismoi.core.errors import LoadError, NetworkError
from lismoi.core.load import fetch
from lismoi.core.load.sizes import amount
from lismoi.core.load.source import load

LIMIT = (1000, 0.5)  # 1 KB a second over half a second


def test_a_drip_is_ended_by_the_speed_limit_not_the_deadline(http_server):
    url = http_server.drip("/drip", every=0.02, length=100_000, first=b"<p>")
    with pytest.raises(NetworkError) as info:
        load(url, timeout=5, total_timeout=60, speed=LIMIT)
    message = str(info.value)
    assert message.startswith("127.0.0.1 is sending the page too slowly (only ")
    assert "bytes in the last 0.5 s); loading was stopped." in message
    assert "\n" not in message


def test_a_fast_start_then_a_drip_is_ended_too(http_server):
    url = http_server.drip("/stall", every=0.05, length=200_000, first=b"<p>" + b"x" * 50_000)
    with pytest.raises(NetworkError, match="too slowly"):
        load(url, timeout=5, total_timeout=60, speed=LIMIT)


def test_a_slow_but_steady_large_page_still_loads(http_server):
    # 2 KB every 20 ms: ~100 KB/s, ten times the limit given, for about a second.
    url = http_server.drip("/steady", every=0.02, length=100_000, first=b"<p>", step=2000)
    seen: list[int] = []
    doc = load(url, timeout=5, total_timeout=60, speed=(10_000, 0.5),
               progress=lambda done, total: seen.append(done))
    assert doc.text == "<p>" + "a" * (100_000 - 3)
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 100_000


def test_without_the_speed_limit_the_deadline_still_ends_a_drip(http_server):
    url = http_server.drip("/drip", every=0.05, length=1000)
    with pytest.raises(NetworkError, match="not complete after 1 s"):
        load(url, timeout=5, total_timeout=1, speed=(0, 0.5))


def test_the_defaults_answer_a_drip_well_within_20_s():
    # The drip's message comes after one window, plus at most one read
    # timeout when the drip pauses between two bytes (load's default 10 s).
    assert fetch.SPEED_TIME + 10.0 <= 20.0
    assert 0 < fetch.SPEED_LIMIT <= 5000  # below the slowest mobile data (GPRS, ~5 KB/s)


def test_cancel_during_a_drip(http_server):
    url = http_server.drip("/drip", every=0.02, length=100_000, first=b"<p>")
    cancel = threading.Event()

    def progress(done: int, total: int | None) -> None:
        if done > 20:
            cancel.set()  # as the window's Cancel does, from another thread

    with pytest.raises(LoadError, match="Loading was cancelled"):
        load(url, timeout=5, total_timeout=60, speed=(0, 1), progress=progress, cancel=cancel)


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "0 bytes"), (999, "999 bytes"), (35_400, "35 KB"), (2_400_000, "2.4 MB")],
)
def test_amounts_in_words(n, words):
    assert amount(n) == words
