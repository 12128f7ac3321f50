"""Regression floor on a fixed subset of the shared extraction benchmark.

The subset: every 6th page of the benchmark in sorted-id order, 30 pages. The
benchmark lives next to the checkout (``../shared/benchmarks/extraction``
from the repository root, in CI as here). The full figure comes from
``bench/extraction.py``; this test only stops quality from falling back.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench.extraction_metric import score_page, summarize
from lismoi.core.extract import extract_html

REPO = Path(__file__).resolve().parents[3]
DATA = REPO.parent / "shared" / "benchmarks" / "extraction"
# Measured 0.985 (P 0.989, R 0.981; worst page 0.857) on this subset; the floor
# leaves room for harmless changes, not for a real regression.
F1_FLOOR = 0.975
PAGE_FLOOR = 0.5  # no single page of the subset may collapse


def subset() -> list[tuple[str, str, str, str]]:
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[::6][:30]
    pages = []
    for page_id in ids:
        raw = gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append((page_id, entry["url"], raw.decode("utf-8", "replace"), entry["articleBody"]))
    return pages


def test_benchmark_is_next_to_the_checkout():
    assert (DATA / "ground-truth.json").is_file(), f"missing benchmark: {DATA}"


def test_f1_on_the_fixed_subset_stays_above_the_floor():
    pages = subset()
    assert len(pages) == 30
    scores = {}
    for page_id, url, html, truth in pages:
        article = extract_html(html, url)
        scores[page_id] = score_page(truth, "\n\n".join(b.text for b in article.blocks))
    summary = summarize(list(scores.values()))
    worst = sorted(scores.items(), key=lambda kv: kv[1].f1)[:3]
    detail = ", ".join(f"{k[:12]}={v.f1:.3f}" for k, v in worst)
    assert summary.f1 >= F1_FLOOR, f"F1 {summary.f1:.4f} < {F1_FLOOR} (worst: {detail})"
    assert worst[0][1].f1 >= PAGE_FLOOR, f"a page collapsed: {detail}"
