"""The seed article's events, scored by the rules of ../shared/seed/README.md.

An extracted event matches a listed one when its source and target resolve to the
listed countries (or, where the listing names an entity, to that entity), its CAMEO
code has the listed root, and its date falls on the listed day or in the listed range.
Every listed event must be matched. A must-not is an action the text denies or only
supposes: it may be reported only as denied or hypothetical, never as asserted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language

from wirewatch.analyze import analyze
from wirewatch.extract import extract
from wirewatch.model import ActorRef, Analysis, Event, RawPage, Source


@pytest.fixture(scope="module")
def seed_analysis(nlp: Language, seed_text: bytes) -> Analysis:
    article = extract(RawPage(Source(path="seed"), seed_text))
    return analyze(article, Source(path="seed"), nlp)


def _side(actor: ActorRef | None, country: str | None, entity: str | None) -> bool:
    if actor is None:
        return False
    if entity is not None:
        return actor.name == entity
    return actor.country == country


def _in_dates(event: Event, want: dict[str, Any]) -> bool:
    if "date" in want:
        return event.date == dt.date.fromisoformat(want["date"])
    if "date_range" in want:
        low, high = (dt.date.fromisoformat(d) for d in want["date_range"])
        return event.date is not None and low <= event.date <= high
    return True


def matches(event: Event, want: dict[str, Any]) -> bool:
    return (
        _side(event.source, want.get("source"), want.get("source_entity"))
        and _side(event.target, want.get("target"), want.get("target_entity"))
        and event.cameo.startswith(want["cameo_root"])
        and _in_dates(event, want)
    )


def test_every_listed_seed_event_is_found(
    seed_analysis: Analysis, seed_expected: dict[str, Any]
) -> None:
    for want in seed_expected["events"]:
        found = [e for e in seed_analysis.events if matches(e, want)]
        assert found, f"{want['id']} not found: {want['what']}"


def test_seed_attack_carries_its_toll(
    seed_analysis: Analysis, seed_expected: dict[str, Any]
) -> None:
    for want in seed_expected["events"]:
        if "counts" in want:
            found = [e for e in seed_analysis.events if matches(e, want)]
            assert any(dict(e.counts).items() >= want["counts"].items() for e in found)


def test_no_denied_or_supposed_action_is_asserted(
    seed_analysis: Analysis, seed_expected: dict[str, Any]
) -> None:
    for never in seed_expected["events_must_not"]:
        asserted = [
            e for e in seed_analysis.events if matches(e, never) and e.modality == "asserted"
        ]
        assert not asserted, never["why"]


def test_seed_events_point_into_their_paragraphs(seed_analysis: Analysis) -> None:
    paragraphs = seed_analysis.article.paragraphs()
    for event in seed_analysis.events:
        evidence = event.evidence
        assert paragraphs[evidence.paragraph][evidence.start : evidence.end] == evidence.sentence


def test_seed_analysis_json_renders_events(seed_analysis: Analysis) -> None:
    rendered = seed_analysis.to_json()["events"]
    assert len(rendered) == len(seed_analysis.events) > 0
    assert {e["modality"] for e in rendered} <= {"asserted", "denied", "hypothetical"}
