"""A long fuzz run of loading + extraction + language on generated bad files.

Usage::

    .venv/bin/python bench/fuzz.py [--minutes 10] [--examples 0] [--seed N] [--timeout 60]

Files come from the hardening strategies (tests/hardening/strategies.py):
damaged and truncated HTML, broken MHTML, gzip, mixed encodings, binary
files with page names. Each case runs through ``read_article`` in a pool of
long-lived child processes (so a hang or a crash costs one case, not the
run); a case that ends in anything but an Article or a LismoiError, or takes
longer than ``--timeout`` seconds, is counted as a failure and saved under
``build/fuzz-failures/`` to replay. At the end it prints the cases tried,
the outcomes by type, the slowest case and the peak memory of a worker.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _work(path: str, suffix: str) -> tuple[str, float, float]:
    """In a worker process: one case -> (outcome, seconds, peak RSS MB)."""
    from lismoi.core.errors import LismoiError
    from lismoi.core.pipeline import read_article
    from tests.hardening.outcome import check_article, check_languages, is_html

    html = is_html(Path(path))  # a file read as plain text holds words, not scripts
    start = time.perf_counter()
    try:
        article = read_article(path)
        check_article(article, html=html)
        check_languages(article)
        outcome = "article"
    except LismoiError as err:
        outcome = f"error:{type(err).__name__}"
    except AssertionError as err:
        outcome = f"FAIL:check:{str(err)[:60]}"
    except Exception as err:  # noqa: BLE001 - counting them is the point
        outcome = f"FAIL:{type(err).__name__}"
    seconds = time.perf_counter() - start
    return outcome, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _generate(seed: int):
    """An endless stream of (suffix, bytes) from the hypothesis strategies."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed

    from tests.hardening.strategies import files

    out: list[tuple[str, bytes]] = []

    @hseed(seed)
    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(files())
    def collect(case):
        out.append(case)

    while True:
        out.clear()
        collect()
        yield from out
        seed += 1
        collect = hseed(seed)(collect)  # noqa: PLW2901 - a fresh batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=0, help="stop after N cases (0: time)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    args = parser.parse_args()

    failures_dir = ROOT / "build" / "fuzz-failures"
    workdir = Path(tempfile.mkdtemp(prefix="lismoi-fuzz-"))
    outcomes: collections.Counter[str] = collections.Counter()
    slowest = (0.0, "")
    peak_mb = 0.0
    tried = 0
    deadline = time.monotonic() + args.minutes * 60
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(args.jobs, maxtasksperchild=200)
    stream = _generate(args.seed)
    pending: list[tuple[object, str, bytes, Path]] = []

    def finish(item) -> None:
        nonlocal slowest, peak_mb
        result, suffix, data, path = item
        try:
            outcome, seconds, rss = result.get(timeout=args.timeout)
        except mp.TimeoutError:
            outcome, seconds, rss = "FAIL:timeout", args.timeout, 0.0
        outcomes[outcome] += 1
        peak_mb = max(peak_mb, rss)
        if seconds > slowest[0]:
            slowest = (seconds, f"{len(data)} bytes {suffix or '(no suffix)'}")
        if outcome.startswith("FAIL"):
            failures_dir.mkdir(parents=True, exist_ok=True)
            name = hashlib.sha1(data).hexdigest()[:12] + (suffix or ".bin")
            (failures_dir / name).write_bytes(data)
            print(f"  {outcome}: saved {failures_dir / name}", flush=True)
        path.unlink(missing_ok=True)

    try:
        while time.monotonic() < deadline and (not args.examples or tried < args.examples):
            suffix, data = next(stream)
            path = workdir / f"case{tried}{suffix}"
            path.write_bytes(data)
            pending.append((pool.apply_async(_work, (str(path), suffix)), suffix, data, path))
            tried += 1
            if len(pending) >= args.jobs * 4:
                finish(pending.pop(0))
            if tried % 500 == 0:
                failed = sum(v for k, v in outcomes.items() if k.startswith("FAIL"))
                print(f"{tried} cases, {failed} failures", flush=True)
        for item in pending:
            finish(item)
    finally:
        pool.terminate()
    failed = sum(v for k, v in outcomes.items() if k.startswith("FAIL"))
    print(f"\ncases tried: {tried}")
    print(f"survived: {tried - failed}   failed: {failed}")
    for outcome, n in outcomes.most_common():
        print(f"  {outcome:<48} {n:>7}")
    print(f"slowest case: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"peak memory of a worker: {peak_mb:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
