"""The benchmark metric itself (bench/extraction_metric.py), on hand-made cases."""

from __future__ import annotations

import pytest

from bench.extraction_metric import PageScore, bootstrap, score_page, shingles, summarize


def test_shingles_are_4_token_multisets_without_lowercasing():
    grams = shingles("A b, c d! A b c d")
    assert grams[("A", "b", "c", "d")] == 2
    assert ("a", "b", "c", "d") not in grams
    assert sum(grams.values()) == 5
    assert not shingles("trop court ici")


def test_identical_texts_are_perfect_and_both_empty_counts_as_perfect():
    assert score_page("un deux trois quatre cinq", "un deux trois quatre cinq").f1 == 1.0
    empty = score_page("", "")
    assert (empty.tp, empty.precision, empty.recall) == (1.0, 1.0, 1.0)


def test_extra_and_missing_text_lower_precision_and_recall():
    truth = "one two three four five six"  # 3 shingles
    more = score_page(truth, truth + " seven eight")  # 5 predicted, 3 right
    assert more.recall == 1.0
    assert more.precision == pytest.approx(3 / 5)
    less = score_page(truth, "one two three four five")  # 2 predicted, both right
    assert less.precision == 1.0
    assert less.recall == pytest.approx(2 / 3)
    assert less.tp + less.fp + less.fn == pytest.approx(1.0)


def test_f1_comes_from_the_mean_precision_and_recall():
    scores = [PageScore(0.5, 0.5, 0.0), PageScore(0.5, 0.0, 0.5)]
    s = summarize(scores)
    assert (s.precision, s.recall) == (0.75, 0.75)
    assert s.f1 == pytest.approx(0.75)
    assert bootstrap(scores, samples=200).f1 >= 0.0
