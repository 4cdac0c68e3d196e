"""Quotation marks are paired the way a reader pairs them; apostrophes are not quotes."""

from __future__ import annotations

import pytest

from wirewatch.analyze.marks import quoted
from wirewatch.analyze.verbs import lemmas


def texts(paragraph: str) -> list[str]:
    return [paragraph[m.start : m.end] for m in quoted(paragraph)]


def test_straight_marks_pair_around_a_split_quote() -> None:
    paragraph = '"We will talk," the minister said, "with anyone who wants peace."'
    assert texts(paragraph) == ["We will talk,", "with anyone who wants peace."]


def test_curly_marks_pair_by_the_way_they_face() -> None:
    paragraph = "“Why not?” she asked. “It is time.”"
    assert texts(paragraph) == ["Why not?", "It is time."]


def test_a_quote_left_open_at_the_end_of_a_paragraph_runs_to_its_end() -> None:
    found = quoted('"We have done this for years, and we will go on.')
    assert len(found) == 1
    assert not found[0].closed


def test_apostrophes_and_elisions_are_not_quotes() -> None:
    assert texts("Russia's envoy spoke of the '90s and the states' rights.") == []


def test_single_marks_quote_a_word_in_british_copy() -> None:
    assert texts("Moscow pledged to 'revive' relations with Ankara.") == ["revive"]


def test_single_marks_inside_a_double_quote_are_not_read_again() -> None:
    assert texts("\"They called it 'a mistake', nothing more,\" he said.") == [
        "They called it 'a mistake', nothing more,"
    ]


@pytest.mark.parametrize("paragraph", ["", '"', '""', "” stray", '"a" "b', "“““”””", "'" * 50])
def test_bad_marks_never_raise(paragraph: str) -> None:
    for marked in quoted(paragraph):
        assert 0 <= marked.start <= marked.end <= len(paragraph)


def test_the_reporting_verb_list_ships_in_the_package() -> None:
    assert {"say", "tell", "warn", "deny", "add"} <= lemmas()
    assert "think" not in lemmas()
