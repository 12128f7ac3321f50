"""The shingle F1 metric of the shared extraction benchmark.

Written from the benchmark README's description: tokens are ``\\w+`` matches
(no lower-casing), a page is the multiset of its 4-token shingles, and each
page's tp/fp/fn are normalised so every page weighs the same. Precision and
recall are means over pages; F1 is computed from the two means. Also imported
by the regression test in tests/core/extract/.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of consecutive n-token shingles of ``text``."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """Normalised counts for one page (tp + fp + fn == 1)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(truth: str, predicted: str) -> PageScore:
    """Compare one page's predicted body with its ground truth."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum(min(count, p[s]) for s, count in t.items())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    if total == 0:  # both empty: a perfect page
        return PageScore(1.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class Summary:
    """Precision, recall and F1 over a set of pages."""

    precision: float
    recall: float
    f1: float


def summarize(scores: Sequence[PageScore]) -> Summary:
    """Mean precision and recall over pages; F1 from the two means."""
    if not scores:
        return Summary(0.0, 0.0, 0.0)
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Summary(p, r, f1)


def bootstrap(scores: Sequence[PageScore], samples: int = 1000, seed: int = 0) -> Summary:
    """Half-width of the 95 % bootstrap interval of each figure (resampling pages)."""
    if not scores:
        return Summary(0.0, 0.0, 0.0)
    rng = random.Random(seed)
    n = len(scores)
    ps, rs, fs = [], [], []
    for _ in range(samples):
        s = summarize([scores[rng.randrange(n)] for _ in range(n)])
        ps.append(s.precision)
        rs.append(s.recall)
        fs.append(s.f1)

    def half_width(values: list[float]) -> float:
        values.sort()
        lo = values[int(0.025 * (len(values) - 1))]
        hi = values[int(0.975 * (len(values) - 1))]
        return (hi - lo) / 2

    return Summary(half_width(ps), half_width(rs), half_width(fs))
