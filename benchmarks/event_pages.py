"""Event coding on real news pages, against events coded by hand before the coder ran.

    python benchmarks/event_pages.py [--model NAME] [--list tuning|check|all]

The gold is benchmarks/gold/aeb_events.jsonl: the events stated on 30 news pages of the
Zyte article-extraction benchmark (../shared/data/extract/aeb), coded by hand as its
README says. Each page is read as the product reads it (extracted from its HTML, then
analysed with the shipped pipeline), so captions, teasers and credits the extractor
keeps are coded too, as they would be in use.

Scores are counted per page over sets of triples (source, target, CAMEO code), as
benchmarks/events.py counts them per sentence: ``strict`` compares whole actor codes
and the full code, ``relaxed`` the actors' countries (the first three letters) and
the CAMEO root. Only asserted events are counted. ``acceptable`` is looser still and
needs no judgement: an event is acceptable when a gold event of its page has the same
two countries in either order and the same CAMEO root or PLOVER event (a meeting coded
one way, an accusation coded as criticism). ``dates`` is, of the gold events with a date
whose relaxed triple the coder found, the share it found with that date at that
precision.

The pages are split once, by page id, into a tuning half (ids starting 0-7) and a check
half (8-f); errors are looked at only in the tuning half.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.events import Score, Triple, cameo_triples, relax_cameo  # noqa: E402
from benchmarks.shared import require_shared  # noqa: E402
from wirewatch.analyze import analyze_many  # noqa: E402
from wirewatch.analyze.events.codebook import cameo, is_cameo  # noqa: E402
from wirewatch.extract import extract  # noqa: E402
from wirewatch.model import Event, RawPage, Source  # noqa: E402
from wirewatch.nlp import load  # noqa: E402
from wirewatch.nlp.train.evaluate import one_core  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "aeb_events.jsonl"
HALVES = ("tuning", "check")
TARGETS = "targets: precision of asserted events >= 0.85, recall >= 0.70 (relaxed)"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str
    cameo: str
    plover: str | None
    date: dt.date | None
    precision: str | None
    evidence: str

    @property
    def triple(self) -> Triple:
        return (self.source, self.target, self.cameo)


@dataclass(frozen=True, slots=True)
class GoldPage:
    page: str
    url: str
    published: dt.date
    events: tuple[GoldEvent, ...]

    @property
    def half(self) -> str:
        return "tuning" if self.page[0] in "01234567" else "check"


@dataclass(slots=True)
class PageScore:
    """The figures of one half (or all pages): triples, acceptable events and dates."""

    triples: Score
    acceptable_predicted: int = 0
    acceptable_tp: int = 0
    acceptable_gold: int = 0
    acceptable_found: int = 0
    dated: int = 0
    dated_right: int = 0

    def acceptable(self) -> tuple[float, float]:
        precision = (
            self.acceptable_tp / self.acceptable_predicted if self.acceptable_predicted else 0.0
        )
        recall = self.acceptable_found / self.acceptable_gold if self.acceptable_gold else 0.0
        return precision, recall

    def dates(self) -> float:
        return self.dated_right / self.dated if self.dated else 0.0


def load_gold(path: Path = GOLD) -> list[GoldPage]:
    pages = []
    for line in path.read_text("utf-8").splitlines():
        raw = json.loads(line)
        events = tuple(_gold_event(e) for e in raw["events"])
        published = dt.date.fromisoformat(raw["published"])
        pages.append(GoldPage(raw["page"], raw["url"], published, events))
    return pages


def _gold_event(raw: dict[str, Any]) -> GoldEvent:
    plover = raw["plover"]["event"] if raw.get("plover") else None
    date = dt.date.fromisoformat(raw["date"]) if raw.get("date") else None
    return GoldEvent(
        raw["source"],
        raw["target"],
        raw["cameo"],
        plover,
        date,
        raw.get("date_precision"),
        raw["evidence"],
    )


def code_pages(
    pages: Sequence[GoldPage], shared: Path, nlp: Any = None
) -> dict[str, tuple[Event, ...]]:
    """Every page's events, read from its HTML as the product reads it."""
    folder = shared / "data" / "extract" / "aeb" / "html"
    articles = []
    for page in pages:
        html = gzip.decompress((folder / page.page).read_bytes())
        source = Source(path=page.page)
        articles.append((source, extract(RawPage(source, html))))
    analyses = analyze_many(articles, nlp)
    return {page.page: analysis.events for page, analysis in zip(pages, analyses, strict=True)}


def _asserted(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.modality == "asserted"]


def _countries(source: str, target: str) -> frozenset[str]:
    return frozenset({source[:3], target[:3]})


def _plover(code: str) -> str | None:
    return cameo(code).plover_event if is_cameo(code) else None


def _accepts(gold: GoldEvent, source: str, target: str, code: str) -> bool:
    if _countries(gold.source, gold.target) != _countries(source, target):
        return False
    same_event = gold.plover is not None and gold.plover == _plover(code)
    return gold.cameo[:2] == code[:2] or same_event


def score_pages(
    pages: Sequence[GoldPage], coded: dict[str, tuple[Event, ...]]
) -> dict[str, PageScore]:
    """Scores per half and over all pages."""
    scores = {name: PageScore(Score()) for name in (*HALVES, "all")}
    for page in pages:
        events = _asserted(coded.get(page.page, ()))
        predicted = cameo_triples(events)
        gold = {e.triple for e in page.events}
        for name in (page.half, "all"):
            _add(scores[name], page, events, predicted, gold)
    return scores


def _add(
    result: PageScore,
    page: GoldPage,
    events: list[Event],
    predicted: set[Triple],
    gold: set[Triple],
) -> None:
    result.triples.add(predicted, gold, relax_cameo)
    result.acceptable_predicted += len(predicted)
    result.acceptable_tp += sum(
        any(_accepts(g, *triple) for g in page.events) for triple in predicted
    )
    result.acceptable_gold += len(page.events)
    result.acceptable_found += sum(
        any(_accepts(g, *triple) for triple in predicted) for g in page.events
    )
    for g in page.events:
        same = [e for e in events if relax_cameo(cameo_triples([e]).pop()) == relax_cameo(g.triple)]
        if g.date is None or not same:
            continue
        result.dated += 1
        result.dated_right += any(
            e.date == g.date and getattr(e, "date_precision", None) == g.precision for e in same
        )


def rows(scores: dict[str, PageScore]) -> list[tuple[str, str, Score]]:
    """The rows benchmarks/events.py prints: one per half, then all pages."""
    return [
        (f"AEB pages, hand-coded, {name}", "wirewatch", scores[name].triples)
        for name in (*HALVES, "all")
    ]


def print_table(scores: dict[str, PageScore]) -> None:
    print(
        f"{'pages':<8} {'n':>3}   strict P/R/F1        relaxed P/R/F1       acceptable P/R   dates"
    )
    for name in (*HALVES, "all"):
        result = scores[name]
        _, p, r, f, rp, rr, rf = result.triples.row()
        ap, ar = result.acceptable()
        print(
            f"{name:<8} {result.triples.records:>3}   {p:.3f} {r:.3f} {f:.3f}    "
            f"{rp:.3f} {rr:.3f} {rf:.3f}    {ap:.3f} {ar:.3f}      {result.dates():.3f}"
        )


def print_errors(pages: Sequence[GoldPage], coded: dict[str, tuple[Event, ...]], half: str) -> None:
    """Each page's events with no relaxed match in the gold, and gold events not found."""
    for page in pages:
        if half != "all" and page.half != half:
            continue
        events = _asserted(coded.get(page.page, ()))
        gold = {relax_cameo(e.triple) for e in page.events}
        found = {relax_cameo(t) for t in cameo_triples(events)}
        wrong = [e for e in events if relax_cameo(cameo_triples([e]).pop()) not in gold]
        missed = [e for e in page.events if relax_cameo(e.triple) not in found]
        if not wrong and not missed:
            continue
        print(f"\n== {page.page[:12]} {page.url}")
        for e in wrong:
            source, target, code = cameo_triples([e]).pop()
            print(f"  + {source} -> {target} {code} {e.cameo_name}: {e.evidence.sentence[:160]!r}")
        for g in missed:
            print(f"  - {g.source} -> {g.target} {g.cameo}: {g.evidence[:160]!r}")


def evaluate(shared: Path, nlp: Any = None) -> dict[str, PageScore]:
    """Code the gold pages and score them: what benchmarks/events.py can print with `rows`."""
    pages = load_gold()
    return score_pages(pages, code_pages(pages, shared, nlp))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument(
        "--list",
        choices=["tuning", "check", "all"],
        default=None,
        help="print each page's unmatched events (look at tuning only)",
    )
    args = parser.parse_args()
    shared = require_shared()
    one_core()
    pages = load_gold()
    coded = code_pages(pages, shared, load(args.model))
    print_table(score_pages(pages, coded))
    print(TARGETS)
    if args.list:
        print_errors(pages, coded, args.list)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
