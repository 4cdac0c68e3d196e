"""An event's date at the precision its text states it with, and the story's day only
for the day's news."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from wirewatch.analyze.events import code_sentences
from wirewatch.model import Event

WEDNESDAY = dt.date(2016, 7, 13)


def asserted(nlp: Language, text: str, on: dt.date | None = WEDNESDAY) -> list[Event]:
    events = next(code_sentences([(text, on)], nlp))
    found = [e for e in events if e.modality == "asserted"]
    assert found, text
    return found


@pytest.mark.parametrize(
    ("text", "date", "precision", "said"),
    [
        ("Turkey attacked Russia last year.", dt.date(2015, 1, 1), "year", "last year"),
        ("Israel attacked Egypt in 1967.", dt.date(1967, 1, 1), "year", "in 1967"),
        (
            "Russia expelled British diplomats last month.",
            dt.date(2016, 6, 1),
            "month",
            "last month",
        ),
        ("Iran attacked Israel on Monday.", dt.date(2016, 7, 11), "day", "on Monday"),
        ("Russia attacked Ukraine last week.", dt.date(2016, 7, 4), "week", "last week"),
    ],
)
def test_an_act_is_dated_at_the_precision_it_was_stated_with(
    nlp: Language, text: str, date: dt.date, precision: str, said: str
) -> None:
    for event in asserted(nlp, text):
        assert (event.date, event.date_precision, event.date_text) == (date, precision, said)


@pytest.mark.parametrize(
    "text", ["Russia has expelled two British diplomats.", "Iran attacks Israel."]
)
def test_the_days_news_is_dated_the_publication_day(nlp: Language, text: str) -> None:
    for event in asserted(nlp, text):
        assert (event.date, event.date_precision, event.date_text) == (WEDNESDAY, "day", None)


def test_an_act_told_in_the_past_perfect_has_no_precision(nlp: Language) -> None:
    for event in asserted(nlp, "Russia had expelled two British diplomats."):
        # The story's day is only the day it was known by: when it happened is not said.
        assert (event.date, event.date_precision) == (WEDNESDAY, None)


def test_without_a_publication_date_an_undated_act_has_neither(nlp: Language) -> None:
    for event in asserted(nlp, "Russia has expelled two British diplomats.", on=None):
        assert (event.date, event.date_precision) == (None, None)


def test_the_precision_is_in_the_contract(nlp: Language) -> None:
    data = asserted(nlp, "Turkey attacked Russia last year.")[0].to_json()
    assert (data["date"], data["date_precision"], data["date_text"]) == (
        "2015-01-01",
        "year",
        "last year",
    )
