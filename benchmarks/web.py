"""Server time of every page and a few API calls on a store of 10,000 articles.

    python benchmarks/web.py [--articles 10000] [--rounds 20] [--keep DIR]

Builds a SQLite store the way benchmarks/search.py does (real news paragraphs
recombined, made-up people drawn with a Zipf law), and gives every article what
the analysis gives a real one: the people it names and countries (Turkey in about
a third of the articles), quotes by those people, and one to four coded events
between countries over ten years. Then asks each page through the app in process
(httpx over ASGI: the server's own time, no network), after one warm-up, and
prints one table of p50, p95 and max per page. The target is under 200 ms each.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from benchmarks.search import names, paragraphs
from benchmarks.shared import require_shared
from wirewatch.model import (
    ActorRef,
    Analysis,
    Article,
    Entity,
    Event,
    Evidence,
    Mention,
    Published,
    Quote,
    Source,
    Speaker,
)
from wirewatch.store import open_store
from wirewatch.web.app import create_app

COUNTRIES = ("TUR", "RUS", "SYR", "USA", "IRN", "UKR", "DEU", "FRA")
COUNTRY_NAMES = {
    "TUR": "Turkey",
    "RUS": "Russia",
    "SYR": "Syria",
    "USA": "United States",
    "IRN": "Iran",
    "UKR": "Ukraine",
    "DEU": "Germany",
    "FRA": "France",
}
CAMEO = (
    ("030", "Express intent to cooperate", 4.0, 1),
    ("042", "Make a visit", 1.9, 1),
    ("061", "Cooperate economically", 6.4, 2),
    ("070", "Provide aid", 7.0, 2),
    ("111", "Criticize or denounce", -2.0, 3),
    ("130", "Threaten", -4.4, 3),
    ("163", "Impose embargo", -8.0, 4),
    ("190", "Use conventional military force", -10.0, 4),
)
START = dt.date(2015, 1, 1)
BATCH = 1000


def article(
    n: int, rng: random.Random, pool: list[str], people: list[str], weights: list[float]
) -> Analysis:
    body = rng.sample(pool, rng.randint(6, 14))
    entities: list[Entity] = []
    quotes: list[Quote] = []
    for k, person in enumerate(dict.fromkeys(rng.choices(people, weights, k=rng.randint(1, 3)))):
        where = rng.randrange(len(body))
        start = len(body[where]) + 1
        body[where] = f"{body[where]} {person} said on Monday."
        ident = f"e{k + 1}"
        entities.append(
            Entity(ident, person, "PERSON", (Mention(person, where, start, start + len(person)),))
        )
        quotes.append(
            Quote(
                body[where][: min(80, start - 1)],
                "indirect",
                where,
                0,
                min(80, start - 1),
                Speaker(person, ident),
                person,
                "say",
            )
        )
    named = ["TUR"] if rng.random() < 0.33 else []
    named += rng.sample(COUNTRIES[1:], rng.randint(1, 2))
    for code in named:
        ident = f"e{len(entities) + 1}"
        entities.append(
            Entity(
                ident,
                COUNTRY_NAMES[code],
                "GPE",
                (Mention(COUNTRY_NAMES[code], 0, 0, 5),),
                country=code,
                code=code,
            )
        )
    ids = {e.name: e.id for e in entities}
    day = START + dt.timedelta(days=rng.randrange(3650))
    events = tuple(_event(rng, named, ids, day, body) for _ in range(rng.randint(1, 4)))
    title = " ".join(rng.choice(pool).split()[: rng.randint(6, 12)])
    text = Article(title=title, body=tuple(body), published=Published(stated=day))
    return Analysis(
        f"{n:064x}",
        Source(url=f"https://outlet{n % 40}.example/{n}"),
        text,
        tuple(entities),
        tuple(quotes),
        events,
    )


def _event(
    rng: random.Random, named: list[str], ids: dict[str, str], day: dt.date, body: list[str]
) -> Event:
    a, b = rng.sample(named, 2) if len(named) > 1 else (named[0], rng.choice(COUNTRIES))
    code, label, goldstein, quad = rng.choice(CAMEO)
    where = rng.randrange(len(body))
    end = min(len(body[where]), 120)
    return Event(
        ActorRef(COUNTRY_NAMES[a], ids.get(COUNTRY_NAMES[a]), a, a),
        ActorRef(COUNTRY_NAMES[b], ids.get(COUNTRY_NAMES[b]), b, b),
        code,
        label,
        goldstein,
        quad,
        None,
        None,
        rng.choice(("asserted", "asserted", "asserted", "hypothetical")),
        day,
        None,
        None,
        (),
        Evidence(where, 0, end, body[where][:end]),
    )


def build(url: str, count: int, pool: list[str], people: list[str]) -> float:
    rng = random.Random(5)
    weights = [1 / (rank + 1) for rank in range(len(people))]
    started = time.perf_counter()
    with open_store(url) as store:
        batch: list[Analysis] = []
        for n in range(count):
            batch.append(article(n, rng, pool, people, weights))
            if len(batch) >= BATCH:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
        for n in range(0, count, 3):  # stories of three articles, as copies from outlets group
            store.assign_story(f"{n:064x}", f"story-{n // 3}")
    return time.perf_counter() - started


def pages(url: str) -> dict[str, str]:
    """The pages to time, with the entities and articles they are about."""
    with open_store(url) as store:
        top = store.top_entities(50)
        last = store.search("said", 1)[0].article_id
    turkey = next(e.id for e in top if e.name == "Turkey")
    person = next(e.id for e in top if e.type == "PERSON")
    return {
        "/ (latest stories)": "/",
        "/search?q=Turkey Russia": "/search?q=Turkey%20Russia",
        "/articles/ID": f"/articles/{last}",
        "/entities/ID (Turkey)": f"/entities/{turkey}",
        "/entities/ID (top person)": f"/entities/{person}",
        "/relations/TUR/RUS": "/relations/TUR/RUS",
        "/follows": "/follows",
        "/api/stories": "/api/stories",
        "/api/events?source=TUR": "/api/events?source=TUR&target=RUS&either=true",
        "/api/entities/ID (Turkey)": f"/api/entities/{turkey}",
    }


async def timed(url: str, targets: dict[str, str], rounds: int) -> dict[str, list[float]]:
    app = create_app(url, token="benchmark")
    transport = httpx.ASGITransport(app=app)
    out: dict[str, list[float]] = {label: [] for label in targets}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for path in targets.values():  # warm-up: caches, templates, query plans
            answer = await client.get(path)
            assert answer.status_code == 200, (path, answer.status_code)
        for _ in range(rounds):
            for label, path in targets.items():
                start = time.perf_counter()
                await client.get(path)
                out[label].append((time.perf_counter() - start) * 1000)
    app.state.store.close()
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the SQLite store here")
    args = parser.parse_args()
    pool = paragraphs(require_shared())
    people = names(random.Random(11), 2_000)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "web-bench.db"
        url = f"sqlite:///{path}"
        seconds = 0.0 if path.exists() else build(url, args.articles, pool, people)
        times = asyncio.run(timed(url, pages(url), args.rounds))
    report(times, args.articles, seconds)


def report(times: dict[str, list[float]], count: int, seconds: float) -> None:
    built = f"built in {seconds:.0f} s" if seconds else "kept"
    print(f"Server time per page, SQLite store of {count:,} articles ({built}), target < 200 ms")
    print()
    print(f"| {'page':<28} | p50 ms | p95 ms | max ms |")
    print(f"|{'-' * 30}|--------|--------|--------|")
    for label, values in times.items():
        print(
            f"| {label:<28} | {statistics.median(values):6.1f} | {p95(values):6.1f} |"
            f" {max(values):6.1f} |"
        )


if __name__ == "__main__":
    main()
