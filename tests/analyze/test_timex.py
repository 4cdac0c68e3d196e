"""Time expressions in news, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from wirewatch.analyze.timex import event_time, find_times, resolve_date

WEDNESDAY = dt.date(2016, 7, 13)
D = dt.date


@pytest.mark.parametrize(
    ("sentence", "date", "text"),
    [
        ("Turkey said on Monday it would reopen the base.", D(2016, 7, 11), "on Monday"),
        ("Turkey said Monday it would reopen the base.", D(2016, 7, 11), "Monday"),
        ("Rebels attacked the town on Sunday night.", D(2016, 7, 10), "on Sunday night"),
        ("The talks ended on Wednesday.", WEDNESDAY, "on Wednesday"),
        ("Police raided the office last Monday.", D(2016, 7, 11), "last Monday"),
        ("Officials met yesterday.", D(2016, 7, 12), "yesterday"),
        ("Protesters marched last night.", D(2016, 7, 12), "last night"),
        ("The minister resigned today.", WEDNESDAY, "today"),
        ("The vote was held the day before yesterday.", D(2016, 7, 11), "the day before yesterday"),
        ("The army shelled the village two days ago.", D(2016, 7, 11), "two days ago"),
        ("The company was fined on Sept. 5.", D(2015, 9, 5), "on Sept. 5"),
        ("The ceasefire began on July 4.", D(2016, 7, 4), "on July 4"),
        ("Fighting resumed on 5 July.", D(2016, 7, 5), "on 5 July"),
        ("The treaty was signed on July 4, 2016.", D(2016, 7, 4), "on July 4, 2016"),
        ("It was signed on Monday, July 4, 2016.", D(2016, 7, 4), "on Monday, July 4, 2016"),
        ("It was signed on 4 July 2016.", D(2016, 7, 4), "on 4 July 2016"),
        ("The ruling, dated 2016-07-04, was published.", D(2016, 7, 4), "2016-07-04"),
    ],
)
def test_days_resolve_to_the_day_news_means(sentence: str, date: dt.date, text: str) -> None:
    assert resolve_date(sentence, WEDNESDAY) == (date, text)


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("The attack last week killed 12.", D(2016, 7, 4), "week"),
        ("Troops arrived earlier this week.", D(2016, 7, 11), "week"),
        ("Exports fell last month.", D(2016, 6, 1), "month"),
        ("Prices rose earlier this month.", D(2016, 7, 1), "month"),
        ("The party won last year.", D(2015, 1, 1), "year"),
        ("The law was passed early last year.", D(2015, 1, 1), "year"),
        ("The war began in 2015.", D(2015, 1, 1), "year"),
        ("In late 2014, the rebels retreated.", D(2014, 1, 1), "year"),
        ("The mine closed in March 2015.", D(2015, 3, 1), "month"),
        ("The mine closed in mid-March.", D(2016, 3, 1), "month"),
        ("The mine closed last September.", D(2015, 9, 1), "month"),
        ("The town fell three weeks ago.", D(2016, 6, 20), "week"),
        ("The town fell a year ago.", D(2015, 1, 1), "year"),
        ("Clashes broke out over the weekend.", D(2016, 7, 9), "weekend"),
        ("Clashes broke out last weekend.", D(2016, 7, 9), "weekend"),
    ],
)
def test_a_period_resolves_to_its_first_day_with_its_precision(
    sentence: str, date: dt.date, precision: str
) -> None:
    found = event_time(sentence, WEDNESDAY)
    assert found is not None
    assert (found.date, found.precision) == (date, precision)


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The leaders will meet on Friday.", D(2016, 7, 15)),
        ("Talks are scheduled for July 20.", D(2016, 7, 20)),
        ("He said he would travel to Ankara on Monday.", D(2016, 7, 18)),
        ("Parliament is due to vote in March.", D(2017, 3, 1)),
        ("The leaders meet next Monday.", D(2016, 7, 18)),
        ("The court rules tomorrow.", D(2016, 7, 14)),
        ("Elections are expected next year.", D(2017, 1, 1)),
        ("Ministers will gather at the weekend.", D(2016, 7, 16)),
    ],
)
def test_a_future_marker_turns_days_forward(sentence: str, date: dt.date) -> None:
    assert resolve_date(sentence, WEDNESDAY)[0] == date


@pytest.mark.parametrize(
    "sentence",
    [
        '"We will fight," the minister said on Sunday.',
        "Turkey said it will cooperate, a spokesman said on Sunday.",
        "Ankara will respond, officials warned on Sunday.",
    ],
)
def test_a_future_marker_does_not_reach_past_a_comma_or_quote(sentence: str) -> None:
    assert resolve_date(sentence, WEDNESDAY)[0] == D(2016, 7, 10)


def test_a_weekday_on_publication_day_is_that_day_and_last_one_is_a_week_before() -> None:
    assert resolve_date("They met on Wednesday.", WEDNESDAY)[0] == WEDNESDAY
    assert resolve_date("They met last Wednesday.", WEDNESDAY)[0] == D(2016, 7, 6)


def test_a_day_without_a_year_is_the_latest_on_or_before_publication() -> None:
    new_year = D(2017, 1, 3)
    assert resolve_date("The blast on Dec. 28 killed 40.", new_year)[0] == D(2016, 12, 28)
    assert resolve_date("The blast on Jan. 2 killed 40.", new_year)[0] == D(2017, 1, 2)


def test_feb_29_finds_its_leap_year() -> None:
    assert resolve_date("The decree of Feb. 29 stands.", D(2017, 3, 1))[0] == D(2016, 2, 29)


def test_an_impossible_date_is_not_taken() -> None:
    assert resolve_date("Officials said on Feb. 30 nothing.", WEDNESDAY) == (WEDNESDAY, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Theresa May said the talks had failed.",
        "Shoppers queued for Black Friday sales.",
        "The Good Friday Agreement holds.",
        "The Sunday Times reported the deal.",
        "USA Today reported the deal.",
        "Iran violated the 2015 agreement.",
        "The anniversary of the Sept. 11 attacks passed quietly.",
        "They will march in protest.",
        "The attacks killed people recently.",
    ],
)
def test_names_that_look_like_dates_are_not_taken(sentence: str) -> None:
    assert resolve_date(sentence, WEDNESDAY) == (WEDNESDAY, None)


def test_without_an_expression_the_event_takes_the_publication_date() -> None:
    assert resolve_date("Turkey and Russia signed an accord.", WEDNESDAY) == (WEDNESDAY, None)


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date("They met on Monday.", None) == (None, "on Monday")
    assert resolve_date("They met on July 4, 2016.", None) == (D(2016, 7, 4), "on July 4, 2016")
    assert resolve_date("They met in 2015.", None) == (D(2015, 1, 1), "in 2015")
    assert resolve_date("They met.", None) == (None, None)


def test_capitalised_relative_words_at_a_sentence_start_are_found() -> None:
    assert resolve_date("Last week, the army withdrew.", WEDNESDAY)[0] == D(2016, 7, 4)
    assert resolve_date("On Tuesday, the army withdrew.", WEDNESDAY)[0] == D(2016, 7, 12)
    assert resolve_date("In 2015, the army withdrew.", WEDNESDAY)[0] == D(2015, 1, 1)


def test_every_expression_is_found_in_order_with_offsets() -> None:
    sentence = "Turkey said on Monday that Russian jets bombed the town last week."
    found = find_times(sentence, WEDNESDAY)
    assert [ref.text for ref in found] == ["on Monday", "last week"]
    assert all(sentence[ref.start : ref.end] == ref.text for ref in found)


def test_the_event_takes_the_expression_nearest_its_verb() -> None:
    sentence = "Turkey said on Monday that Russian jets bombed the town last week."
    bombed = sentence.index("bombed")
    assert resolve_date(sentence, WEDNESDAY, anchor=bombed) == (D(2016, 7, 4), "last week")
    assert resolve_date(sentence, WEDNESDAY, anchor=sentence.index("said"))[1] == "on Monday"


def test_a_span_is_read_by_its_text() -> None:
    doc = spacy.blank("en")("Rebels said they seized the town on Sunday.")
    assert resolve_date(doc[:], WEDNESDAY) == (D(2016, 7, 10), "on Sunday")
