"""Score ``extract_html`` on the shared article-extraction benchmark.

Usage::

    .venv/bin/python bench/extraction.py ../shared/benchmarks/extraction \
        [--compare trafilatura] [--limit N] [--repeat R]
    .venv/bin/python bench/extraction.py ../shared/benchmarks/readability --compare trafilatura
    .venv/bin/python bench/extraction.py tests/fixtures/heldout --compare trafilatura

Any folder in the shared format works: ``ground-truth.json`` mapping each page
id to ``{"articleBody": ..., "url": ...}`` (the url may be missing) and
``html/<id>.html.gz`` or ``html/<id>.html``. The third set is ours: French
pages written without looking at the extractor and never used to tune it
(``tests/fixtures/heldout/README.md``).

Prints F1, precision and recall with a 1,000-sample bootstrap ± (95 %), the
number of "missed" pages (recall below 0.5: most of the article not read), the
10 worst pages, and the total and median extraction time per page. With
``--compare trafilatura`` the same decoded pages go through
``trafilatura.extract`` in the same process, timed the same way (only the
extraction call), and the time ratio ours/trafilatura is printed. With
``--repeat R`` each page is timed R times and the fastest run is kept (the
machine is shared, so the minimum is the least noisy figure).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction_metric import PageScore, bootstrap, score_page, summarize  # noqa: E402
from lismoi.core.extract import extract_html  # noqa: E402

# A page whose recall is below this is "missed": most of the article is not read.
MISSED_BELOW = 0.5


def load_pages(data_dir: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, url, decoded html, truth) for each page, sorted by id."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        # The shared benchmark stores gzip files; our own held-out set, plain HTML.
        packed = data_dir / "html" / f"{page_id}.html.gz"
        if packed.exists():
            raw = gzip.decompress(packed.read_bytes())
        else:
            raw = (data_dir / "html" / f"{page_id}.html").read_bytes()
        html = raw.decode("utf-8", errors="replace")
        entry = truth[page_id]
        pages.append((page_id, entry.get("url") or "", html, entry["articleBody"]))
    return pages[:limit] if limit else pages


def ours(html: str, url: str) -> str:
    article = extract_html(html, url or None)
    return "\n\n".join(b.text for b in article.blocks)


def trafilatura_extract() -> Callable[[str, str], str]:
    """trafilatura's text output for a page, the same decoded string as ours gets."""
    import trafilatura

    def extract(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url or None, include_comments=False) or ""

    return extract


def timed(fn: Callable[[str, str], str], html: str, url: str, repeat: int) -> tuple[str, float]:
    """The output of ``fn`` and the fastest of ``repeat`` timings of the call alone."""
    best, text = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = fn(html, url)
        best = min(best, time.perf_counter() - start)
    return text, best


def run(
    fns: list[Callable[[str, str], str]], pages: list[tuple[str, str, str, str]], repeat: int
) -> list[tuple[list[PageScore], list[float]]]:
    """Score every function on every page; the functions take turns page by page,
    so a burst of load from other processes hits both sides alike."""
    results: list[tuple[list[PageScore], list[float]]] = [([], []) for _ in fns]
    for _page_id, url, html, truth in pages:
        for fn, (scores, times) in zip(fns, results, strict=True):
            text, seconds = timed(fn, html, url, repeat)
            scores.append(score_page(truth, text))
            times.append(seconds)
    return results


def report(name: str, pages: list, scores: list[PageScore], times: list[float], worst: int) -> None:
    s, pm = summarize(scores), bootstrap(scores)
    print(f"== {name}: {len(pages)} pages")
    print(f"F1        {s.f1:.4f} ± {pm.f1:.4f}")
    print(f"precision {s.precision:.4f} ± {pm.precision:.4f}")
    print(f"recall    {s.recall:.4f} ± {pm.recall:.4f}")
    missed = [page[0] for sc, page in zip(scores, pages, strict=True) if sc.recall < MISSED_BELOW]
    print(f"missed    {len(missed)} pages with recall < {MISSED_BELOW}")
    median_ms = statistics.median(times) * 1000
    print(f"time      total {sum(times):.2f} s, median {median_ms:.1f} ms/page")
    if worst:
        print(f"worst {worst} pages:")
        ranked = sorted(zip(scores, pages, strict=True), key=lambda x: x[0].f1)[:worst]
        for sc, (page_id, url, _html, _truth) in ranked:
            print(f"  F1 {sc.f1:.3f} P {sc.precision:.3f} R {sc.recall:.3f}  {page_id[:12]}  {url}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--compare", choices=["trafilatura"])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument(
        "--dump", type=Path, help="write each page's precision and recall (JSON) to this file"
    )
    args = parser.parse_args(argv)

    pages = load_pages(args.data_dir, args.limit)
    other = trafilatura_extract() if args.compare else None
    # Warm both up on one page so imports and lazy tables are not timed.
    if pages:
        ours(pages[0][2], pages[0][1])
        if other:
            other(pages[0][2], pages[0][1])
    results = run([ours, other] if other else [ours], pages, args.repeat)
    scores, times = results[0]
    report("lismoi (BeautifulSoup)", pages, scores, times, args.worst)
    if other:
        o_scores, o_times = results[1]
        report("trafilatura", pages, o_scores, o_times, 0)
        print(f"time ratio ours/trafilatura: {sum(times) / sum(o_times):.3f}")
        ours_missed = sum(sc.recall < MISSED_BELOW for sc in scores)
        their_missed = sum(sc.recall < MISSED_BELOW for sc in o_scores)
        print(f"missed pages ours/trafilatura: {ours_missed}/{their_missed}")
    if args.dump:
        rows = {
            page[0]: [round(sc.precision, 4), round(sc.recall, 4)]
            + ([round(o.precision, 4), round(o.recall, 4)] if other else [])
            for page, sc, o in zip(pages, scores, results[-1][0], strict=True)
        }
        args.dump.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
