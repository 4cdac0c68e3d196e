"""Figures for people killed, wounded, arrested, displaced and missing."""

from __future__ import annotations

import pytest

from wirewatch.analyze.counts import counts, find_counts, parse_number


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The blast left 45 people dead and hundreds wounded.", {"killed": 45, "wounded": 200}),
        ("A car bomb tore through the market, killing at least 12.", {"killed": 12}),
        ("Three soldiers were killed in the ambush.", {"killed": 3}),
        ("More than 1,000 displaced by the floods.", {"displaced": 1000}),
        ("A dozen injured in the stampede.", {"wounded": 12}),
        ("The attack killed 12 people and wounded 30 others.", {"killed": 12, "wounded": 30}),
        ("The death toll from Monday's blast rose to 45.", {"killed": 45}),
        ("A soldier was killed and two others were wounded.", {"killed": 1, "wounded": 2}),
        ("Police arrested 30 protesters.", {"arrested": 30}),
        ("Twenty-five people were arrested.", {"arrested": 25}),
        ("At least 700 people have been detained since the coup.", {"arrested": 700}),
        ("Tens of thousands of people have fled.", {"displaced": 20_000}),
        ("The fighting forced more than 10,000 people to flee.", {"displaced": 10_000}),
        ("The floods left 3,000 people homeless.", {"displaced": 3000}),
        ("1.5 million people displaced by the war.", {"displaced": 1_500_000}),
        ("Twelve people remain missing.", {"missing": 12}),
        ("Dozens were detained.", {"arrested": 24}),
        ("12 members of the security forces were killed.", {"killed": 12}),
        ("Nearly 50 Palestinians were wounded.", {"wounded": 50}),
        ("Some 200 civilian deaths were recorded.", {"killed": 200}),
        ("One hundred and twenty people died.", {"killed": 120}),
        ("Half a dozen people were injured.", {"wounded": 6}),
        ("A 12-year-old boy was killed.", {"killed": 1}),
    ],
)
def test_figures_are_read_from_news_phrasings(sentence: str, expected: dict[str, int]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No one was hurt.", {"wounded": 0}),
        ("Nobody was killed.", {"killed": 0}),
        ("There were no casualties.", {"killed": 0, "wounded": 0}),
        ("There were no immediate reports of casualties.", {}),
    ],
)
def test_none_is_a_figure_but_no_report_is_not(sentence: str, expected: dict[str, int]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A number of people were killed.",
        "The gunman killed two years ago was never named.",
        "The 2015 attack was the deadliest.",
        "The army deployed 2,000 troops.",
        "The fund lost $5 million and was killed off.",
        "A 45-year-old man spoke.",
        "Casualties were reported.",
    ],
)
def test_what_is_no_figure_of_people_is_not_counted(sentence: str) -> None:
    assert counts(sentence) == {}


def test_a_year_before_a_figure_is_not_taken_for_it() -> None:
    assert counts("In 2015, 130 people were killed.") == {"killed": 130}
    assert counts("The 2015 attack that killed 130 people shocked France.") == {"killed": 130}


def test_the_largest_figure_of_a_kind_is_the_count() -> None:
    text = "At least 12 people were killed. The death toll later rose to 15."
    assert counts(text) == {"killed": 15}


def test_each_figure_is_found_with_its_place_in_the_text() -> None:
    text = "The attack killed 12 people and wounded 30 others."
    found = find_counts(text)
    assert [(m.kind, m.value) for m in found] == [("killed", 12), ("wounded", 30)]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("1,200", 1200),
        ("1.5 million", 1_500_000),
        ("twenty-five", 25),
        ("three thousand five hundred", 3500),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a hundred", 100),
        ("dozens", 24),
        ("scores", 40),
        ("hundreds", 200),
        ("thousands", 2000),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("millions", 2_000_000),
        ("several", None),
        ("", None),
    ],
)
def test_numbers_in_digits_and_words(text: str, value: int | None) -> None:
    assert parse_number(text) == value
