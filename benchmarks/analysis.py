"""The whole analysis (extraction, NLP, entities, quotes): articles per second on one core.

    python benchmarks/analysis.py [--model NAME] [--min-words 500] [--max-words 900] [--rounds 3]

Reads the real news pages of the Zyte article-extraction benchmark in
../shared/data/extract/aeb, keeps those whose extracted body has about 700 words
(between --min-words and --max-words), and times `extract` + `analyze_many` over
them on one core, after one warm-up pass. Prints one table: articles/s, words/s,
and the share of time each stage takes, with extraction alone as the floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One core: set before numpy is imported, so its maths libraries start one thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import aeb  # noqa: E402
from benchmarks.shared import require_shared  # noqa: E402
from wirewatch.analyze import analyze_many  # noqa: E402
from wirewatch.errors import WirewatchError  # noqa: E402
from wirewatch.extract import extract  # noqa: E402
from wirewatch.model import Article, RawPage, Source  # noqa: E402
from wirewatch.nlp import load  # noqa: E402
from wirewatch.nlp.train.evaluate import one_core  # noqa: E402


def _words(article: Article) -> int:
    return sum(len(p.split()) for p in article.paragraphs())


def sized_pages(pages: list[aeb.Page], low: int, high: int) -> list[aeb.Page]:
    """The pages whose extracted article has between `low` and `high` words."""
    kept = []
    for page in pages:
        try:
            article = extract(RawPage(Source(path=page.key), page.html))
        except WirewatchError:
            continue
        if low <= _words(article) <= high:
            kept.append(page)
    return kept


def timed_run(pages: list[aeb.Page], model_name: str | None) -> dict[str, float]:
    """Seconds spent extracting and analysing, and the words read."""
    nlp = load(model_name)
    start = time.perf_counter()
    articles = [(Source(path=p.key), extract(RawPage(Source(path=p.key), p.html))) for p in pages]
    extracted = time.perf_counter()
    for _ in analyze_many(articles, nlp):
        pass
    done = time.perf_counter()
    return {
        "extract": extracted - start,
        "analyze": done - extracted,
        "words": float(sum(_words(a) for _, a in articles)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument("--min-words", type=int, default=500)
    parser.add_argument("--max-words", type=int, default=900)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; the best is kept")
    args = parser.parse_args()
    shared = require_shared()
    one_core()
    pages = sized_pages(
        aeb.load(shared / "data" / "extract" / "aeb"), args.min_words, args.max_words
    )
    timed_run(pages[:10], args.model)  # warm-up: model load, caches
    runs = [timed_run(pages, args.model) for _ in range(args.rounds)]
    best = min(runs, key=lambda r: r["extract"] + r["analyze"])
    total = best["extract"] + best["analyze"]
    n = len(pages)
    print(
        f"{n} pages of {args.min_words}-{args.max_words} words "
        f"(mean {best['words'] / n:.0f}), one core, best of {args.rounds}"
    )
    print(f"{'stage':<28} {'articles/s':>11} {'words/s':>9} {'share':>6}")
    rows = [("extract only (floor)", best["extract"]), ("extract + analyze", total)]
    for name, seconds in rows:
        print(
            f"{name:<28} {n / seconds:>11.1f} {best['words'] / seconds:>9.0f} "
            f"{seconds / total:>6.0%}"
        )
    print("target: >= 20 articles/s for the whole analysis")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
