"""Sentence rules for news: no sentence starts after a title, a month or a dateline."""

from __future__ import annotations

import spacy

from wirewatch.nlp.sentences import mark_sentences
from wirewatch.nlp.tokens import customise

NLP = customise(spacy.blank("en"))


def starts(text: str) -> list[str]:
    """The tokens marked as not starting a sentence."""
    doc = mark_sentences(NLP(text))
    return [t.text for t in doc if t.is_sent_start is False]


def test_no_sentence_starts_after_a_title_or_month() -> None:
    assert starts("On Sept. 5, Gen. Smith met Lt. Col. Jones.") == ["5", "Smith", "Col.", "Jones"]


def test_an_abbreviation_ends_a_sentence_only_before_a_capital() -> None:
    assert starts("It ended at 5 p.m. on Friday.") == ["on"]
    assert starts("He moved to the U.S. The move was costly.") == []


def test_an_opening_dateline_is_part_of_the_first_sentence() -> None:
    marked = starts("ANKARA (Reuters) -- Turkey said on Monday it would act.")
    assert marked == ["(", "Reuters", ")", "--", "Turkey"]


def test_a_sentence_with_a_dash_is_not_a_dateline() -> None:
    assert starts("The attack - the deadliest this year - shocked Turkey.") == []
