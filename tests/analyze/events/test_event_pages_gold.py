"""The hand-coded events of real pages (benchmarks/gold/aeb_events.jsonl): a gold that
agrees with the codebook, and the benchmark's scoring on a case worked by hand."""

from __future__ import annotations

import datetime as dt

from benchmarks.event_pages import GoldEvent, GoldPage, load_gold, score_pages
from wirewatch.analyze.events.codebook import cameo, is_cameo
from wirewatch.model import ActorRef, Event, Evidence

PRECISIONS = {"day", "week", "month", "year"}


def test_the_gold_has_thirty_pages_in_two_halves_and_agrees_with_the_codebook() -> None:
    pages = load_gold()
    assert len(pages) == 30 and len({p.page for p in pages}) == 30
    assert sum(p.half == "tuning" for p in pages) == 15
    for page in pages:
        for event in page.events:
            assert is_cameo(event.cameo), event
            assert event.plover == cameo(event.cameo).plover_event, event
            assert (event.date is None) == (event.precision is None), event
            assert event.precision is None or event.precision in PRECISIONS
            assert event.date is None or event.date <= page.published
            assert 0 < len(event.evidence) <= 250


def _event(source: str, target: str, code: str, modality: str = "asserted") -> Event:
    entry = cameo(code)
    return Event(
        ActorRef(source, None, source, source[:3]),
        ActorRef(target, None, target, target[:3]),
        code, entry.name, entry.goldstein, entry.quad_class, entry.plover_event,
        entry.plover_mode, modality, dt.date(2019, 11, 19), None, None, (),
        Evidence(0, 0, 1, "x"), date_precision="day",
    )  # fmt: skip


def test_strict_relaxed_and_acceptable_scores_on_a_worked_page() -> None:
    gold = GoldPage(
        "a.html.gz", "https://example.org", dt.date(2019, 11, 19),
        (GoldEvent("USAGOV", "CHNGOV", "112", "ACCUSE", dt.date(2019, 11, 19), "day", "x"),
         GoldEvent("USAGOV", "VNMGOV", "042", "CONSULT", None, None, "x")),
    )  # fmt: skip
    coded = {
        "a.html.gz": (
            _event("USAGOV", "CHNGOV", "112"),  # strict
            _event("CHNGOV", "USAGOV", "111"),  # acceptable only: the same two, either way
            _event("VNM", "USA", "043"),  # acceptable only
            _event("FRAGOV", "DEUGOV", "190"),  # wrong
            _event("USAGOV", "VNMGOV", "042", "hypothetical"),  # not asserted: not counted
        )
    }
    result = score_pages([gold], coded)["all"]
    assert (result.triples.tp, result.triples.predicted, result.triples.gold) == (1, 4, 2)
    assert (result.triples.relaxed_tp, result.triples.relaxed_predicted) == (1, 4)
    assert result.acceptable() == (3 / 4, 2 / 2)
    assert result.dates() == 1.0
