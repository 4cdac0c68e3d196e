"""Search latency on a store of 100,000 articles: p50 and p95 per database.

    python benchmarks/search.py [--articles 100000] [--rounds 20] [--keep DIR]

Builds a store synthetically: every article recombines 6 to 14 paragraphs of real
news text (the bodies of the Zyte article-extraction benchmark in
../shared/data/extract/aeb, and the seed story) under a headline cut from one of
them, and names one to three people drawn from 20,000 made-up names with a Zipf
law, so that words range from a few articles to most of them, as in a real
corpus. Then times `Store.search` (limit 10, with snippets; the public API a
command or web request calls) for a fixed set of queries, after one warm-up, and
prints one table: per database, the p50 and p95 of all queries, and per query.

SQLite always runs (a temporary file, or --keep DIR to reuse one); PostgreSQL runs
when WIREWATCH_TEST_PG names a server, in a schema of its own that is dropped
afterwards (kept with --keep).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from benchmarks.shared import require_shared
from wirewatch.model import Analysis, Article, Published, Source
from wirewatch.store import Store, open_store

QUERIES = (
    "Incirlik",  # the seed's air base: a rare word
    "Erdogan Putin",
    "government",  # in a large share of articles
    "said",  # in nearly all of them
    '"prime minister"',
    "negotiat*",
    "Russia OR Turkey",
    "police -protest",
    "oil prices",
    '"United States" election',
    "climate change",
    "NAME_RARE",  # replaced by a rarely drawn made-up name
    "NAME_COMMON",  # replaced by the most often drawn one
)
BATCH = 2000
SCHEMA = "ww_bench_search"


def paragraphs(shared: Path) -> list[str]:
    """Paragraphs of real news text, English and of running length."""
    truth = json.loads((shared / "data/extract/aeb/ground-truth.json").read_text("utf-8"))
    texts = [item["articleBody"] for item in truth.values()]
    texts.append((shared / "seed/article.txt").read_text("utf-8"))
    found = [p.strip() for text in texts for p in text.split("\n")]
    return [p for p in found if 80 <= len(p) <= 1500 and _latin(p)]


def _latin(text: str) -> bool:
    """English-like text: typographic quotes and accents allowed, other scripts not."""
    return sum(ch.isascii() for ch in text) >= 0.97 * len(text)


def names(rng: random.Random, count: int) -> list[str]:
    syllables = "ka lo mi ra te su vo ne di ba zu ri an el os ur ya ho pe gi".split()
    out: set[str] = set()
    while len(out) < count:
        parts = rng.randint(2, 4)
        out.add("".join(rng.choice(syllables) for _ in range(parts)).capitalize())
    return sorted(out)


def articles(count: int, pool: list[str], people: list[str], seed: int = 7) -> Iterator[Analysis]:
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(people))]  # Zipf: a few names everywhere
    for n in range(count):
        body = rng.sample(pool, rng.randint(6, 14))
        for person in rng.choices(people, weights, k=rng.randint(1, 3)):
            where = rng.randrange(len(body))
            body[where] = f"{body[where]} {person} said on Monday."
        title = " ".join(rng.choice(pool).split()[: rng.randint(6, 12)])
        article = Article(title=title, body=tuple(body), published=Published(inferred=None))
        ident = f"{n:064x}"  # unique without hashing 100,000 bodies
        yield Analysis(ident, Source(url=f"https://bench.example/{n}"), article)


def build(store: Store, count: int, pool: list[str], people: list[str]) -> float:
    start = time.perf_counter()
    batch: list[Analysis] = []
    for item in articles(count, pool, people):
        batch.append(item)
        if len(batch) >= BATCH:
            store.add_many(batch)
            batch = []
    if batch:
        store.add_many(batch)
    if store.dialect == "postgresql":
        # What autovacuum does soon after a bulk load: merge the GIN index's pending list
        # (searched linearly until then) and gather the planner's statistics.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE articles")
    return time.perf_counter() - start


def timed(store: Store, queries: list[str], rounds: int) -> dict[str, list[float]]:
    for query in queries:  # warm-up: caches and query plans
        store.search(query)
    out: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            store.search(query)
            out[query].append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def open_sized(url: str, count: int, pool: list[str], people: list[str]) -> tuple[Store, float]:
    """The store at `url`, built unless it already holds `count` articles."""
    store = open_store(url)
    held = store.stats()["articles"]
    if held == count:
        return store, 0.0
    if held:
        raise SystemExit(f"{store.where} holds {held} articles, not {count}; remove it")
    return store, build(store, count, pool, people)


def pg_url(base: str) -> str:
    admin = sa.create_engine(sa.make_url(base).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    admin.dispose()
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    return url.render_as_string(hide_password=False)


def drop_pg(base: str) -> None:
    admin = sa.create_engine(sa.make_url(base).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the SQLite store here")
    args = parser.parse_args()
    pool = paragraphs(require_shared())
    people = names(random.Random(11), 20_000)
    queries = [
        q.replace("NAME_RARE", people[-1]).replace("NAME_COMMON", people[0]) for q in QUERIES
    ]
    targets: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        targets.append(("SQLite (FTS5)", f"sqlite:///{folder / 'search-bench.db'}"))
        base = os.environ.get("WIREWATCH_TEST_PG")
        if base:
            targets.append(("PostgreSQL (tsvector)", pg_url(base)))
        results = []
        for label, url in targets:
            store, seconds = open_sized(url, args.articles, pool, people)
            results.append((label, seconds, timed(store, queries, args.rounds)))
            store.close()
        if base and not args.keep:
            drop_pg(base)
    report(results, args.articles, len(pool))


def report(results: list[tuple[str, float, dict[str, list[float]]]], count: int, pool: int) -> None:
    print(f"Search on {count:,} articles ({pool:,} distinct paragraphs recombined), limit 10")
    print()
    print(f"| {'store':<22} | build s | p50 ms | p95 ms | max ms |")
    print(f"|{'-' * 24}|---------|--------|--------|--------|")
    for label, seconds, times in results:
        every = [t for values in times.values() for t in values]
        build = f"{seconds:7.0f}" if seconds else "  (kept)"
        print(
            f"| {label:<22} | {build} | {statistics.median(every):6.1f} | {p95(every):6.1f} |"
            f" {max(every):6.1f} |"
        )
    print()
    labels = " | ".join(f"{label.split()[0]} p50 / p95" for label, _, _ in results)
    print(f"| {'query':<28} | {labels} |")
    print(
        f"|{'-' * 30}|"
        + "|".join("-" * (len(label.split()[0]) + 12) for label, _, _ in results)
        + "|"
    )
    for query in results[0][2]:
        cells = " | ".join(
            f"{statistics.median(t[query]):5.1f} / {p95(t[query]):5.1f}".rjust(
                len(label.split()[0]) + 10
            )
            for label, _, t in results
        )
        print(f"| {query:<28} | {cells} |")


if __name__ == "__main__":
    main()
