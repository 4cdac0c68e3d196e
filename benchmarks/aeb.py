"""The Zyte (ScrapingHub) article-extraction benchmark: its pages and its metric.

The metric, as the benchmark describes it: texts are cut into word tokens
(runs of \\w), then into shingles of four consecutive tokens; a page's true and
false positives and false negatives are multiset counts of shingles, scaled so
that each page weighs the same; precision and recall are averaged over pages and
F1 is their harmonic mean. Accuracy is the share of pages whose token sequence is
exactly the ground truth's.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    html: bytes
    truth: str


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float


def load(folder: Path) -> list[Page]:
    """The benchmark's pages (gzipped HTML bytes) with their ground-truth bodies."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        pages.append(Page(key, gzip.decompress(path.read_bytes()), truth[key]["articleBody"]))
    return pages


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    count = max(1, len(words) - SHINGLE + 1)
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(count) if words[i : i + SHINGLE])


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Shingle TP, FP and FN for one page, scaled to sum to one."""
    true, pred = _shingles(truth), _shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pairs: list[tuple[str, str]]) -> Scores:
    """Scores over (truth, predicted) pairs, one pair per page."""
    counts = [page_counts(t, p) for t, p in pairs]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean(float(tokens(t) == tokens(p)) for t, p in pairs)
    return Scores(precision, recall, f1, accuracy)
