"""Slow servers: how long a drip keeps the listener waiting, with the default limits.

Usage: .venv/bin/python bench/slow_server.py [--bytes-per-second 3] [--steady-kbps 4]

A real server on 127.0.0.1 (the tests' ``tests/support/httpserver.py``)
drips a few bytes a second into a promised 100 kB page; the loader runs with
its defaults (10 s read timeout, 60 s total deadline, the low-speed limit of
``app/core/load/fetch.py``) and the time to its message is printed. Then a
slow but steady page (``--steady-kbps`` KB/s for ``--steady-seconds`` s) is
loaded with the same defaults and its time and size printed: it must load.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lismoi.core.errors import LoadError  # noqa: E402
from lismoi.core.load import fetch  # noqa: E402
from lismoi.core.load.source import load  # noqa: E402
from tests.support.httpserver import TestServer  # noqa: E402 - the tests' real server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bytes-per-second", type=float, default=3.0, help="the drip's speed")
    ap.add_argument("--steady-kbps", type=float, default=4.0, help="the steady page's speed")
    ap.add_argument("--steady-seconds", type=float, default=15.0, help="how long it lasts")
    args = ap.parse_args()
    print(f"low-speed limit: {fetch.SPEED_LIMIT} bytes/s over {fetch.SPEED_TIME:g} s")
    server = TestServer().start()
    try:
        url = server.drip("/drip", every=1 / args.bytes_per_second, length=100_000, first=b"<p>")
        t0 = time.monotonic()
        try:
            load(url)
            outcome = "loaded (unexpected)"
        except LoadError as err:
            outcome = str(err)
        print(f"drip of {args.bytes_per_second:g} bytes/s: message after "
              f"{time.monotonic() - t0:.1f} s: {outcome}")
        every = 0.1
        step = int(args.steady_kbps * 1000 * every)
        length = int(step * args.steady_seconds / every)
        url = server.drip("/steady", every=every, length=length, first=b"<p>", step=step)
        t0 = time.monotonic()
        try:
            doc = load(url)
            outcome = f"loaded {len(doc.text):,} characters"
        except LoadError as err:
            outcome = f"failed: {err}"
        print(f"steady page at {args.steady_kbps:g} KB/s ({length:,} bytes): "
              f"{outcome} in {time.monotonic() - t0:.1f} s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
