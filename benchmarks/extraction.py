"""Article-body extraction: wirewatch and trafilatura side by side, in one run.

    python benchmarks/extraction.py [--data ../shared/data/extract/aeb] [--list]

Both run on the Zyte article-extraction benchmark's 181 pages in this process,
pinned to one core, after a warm-up; trafilatura in its default mode
(include_comments=False) as the benchmark's own runner calls it. Prints one
table: precision, recall, F1, exact accuracy and pages/s. --list adds the pages
where wirewatch is furthest from the ground truth.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import aeb
from benchmarks.shared import shared_dir
from wirewatch.errors import WirewatchError
from wirewatch.extract import extract
from wirewatch.model import RawPage, Source

Extractor = Callable[[aeb.Page], str]
WARM_UP = 5


def wirewatch_body(page: aeb.Page) -> str:
    try:
        return extract(RawPage(Source(path=page.key), page.html)).text()
    except WirewatchError:
        return ""


def trafilatura_body(page: aeb.Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html.decode("utf-8"), include_comments=False) or ""


def timed(extractor: Extractor, pages: list[aeb.Page]) -> tuple[list[str], float]:
    for page in pages[:WARM_UP]:
        extractor(page)
    start = time.perf_counter()
    bodies = [extractor(page) for page in pages]
    return bodies, len(pages) / (time.perf_counter() - start)


def main() -> int:
    default = shared_dir()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=default / "data/extract/aeb" if default else None
    )
    parser.add_argument("--list", type=int, default=0, metavar="N", help="show the N worst pages")
    args = parser.parse_args()
    if args.data is None or not args.data.is_dir():
        parser.error("the benchmark data was not found; pass --data")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pages = aeb.load(args.data)
    rows = []
    results: dict[str, list[str]] = {}
    for name, extractor in (("wirewatch", wirewatch_body), ("trafilatura", trafilatura_body)):
        bodies, speed = timed(extractor, pages)
        results[name] = bodies
        s = aeb.score([(p.truth, b) for p, b in zip(pages, bodies, strict=True)])
        rows.append((name, s.precision, s.recall, s.f1, s.accuracy, speed))
    print(f"Zyte article-extraction benchmark: {len(pages)} pages, one core\n")
    print(f"| {'system':<12} | precision | recall |    F1 | accuracy | pages/s |")
    print(f"|{'-' * 14}|-----------|--------|-------|----------|---------|")
    for name, p, r, f1, acc, speed in rows:
        print(f"| {name:<12} |     {p:.3f} |  {r:.3f} | {f1:.3f} |    {acc:.3f} | {speed:7.1f} |")
    if args.list:
        worst = sorted(
            zip(pages, results["wirewatch"], strict=True),
            key=lambda pb: -sum(aeb.page_counts(pb[0].truth, pb[1])[1:]),
        )
        print("\nworst pages (fp+fn share):")
        for page, body in worst[: args.list]:
            _, fp, fn = aeb.page_counts(page.truth, body)
            print(f"  {page.key[:12]}  fp={fp:.2f} fn={fn:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
