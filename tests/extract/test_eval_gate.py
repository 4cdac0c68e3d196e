"""The eval gate: extraction quality on the Zyte benchmark may only go up.

Raise the floors when a change lifts the scores (benchmarks/extraction.py prints
them); never lower them to make a change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import aeb
from benchmarks.extraction import wirewatch_body

F1_FLOOR = 0.977
ACCURACY_FLOOR = 0.50


@pytest.fixture(scope="module")
def scores(shared: Path) -> aeb.Scores:
    pages = aeb.load(shared / "data" / "extract" / "aeb")
    return aeb.score([(page.truth, wirewatch_body(page)) for page in pages])


def test_body_f1_stays_above_the_floor(scores: aeb.Scores) -> None:
    assert scores.f1 >= F1_FLOOR, scores


def test_exact_accuracy_stays_above_the_floor(scores: aeb.Scores) -> None:
    assert scores.accuracy >= ACCURACY_FLOOR, scores


def test_metric_counts_shingles_as_the_benchmark_does() -> None:
    assert aeb.page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = aeb.page_counts("one two three four five", "one two three four six")
    assert (tp, fp, fn) == (1 / 3, 1 / 3, 1 / 3)
    perfect = aeb.score([("Hello there, world. Bye now!", "hello there world bye now")])
    assert perfect.accuracy == 0.0  # tokens are case-sensitive
    assert aeb.score([("x y z w", "x y z w")]).accuracy == 1.0
