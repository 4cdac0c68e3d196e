"""Follows checked and put in canonical form, and matched against the seed's analysis
with the reason for each match: the entity, event, quote, words or watchlist hit."""

from __future__ import annotations

import dataclasses

import pytest

from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis
from wirewatch.watch.follows import Follow, validate
from wirewatch.watch.match import matches, reasons
from wirewatch.watch.screen import WatchlistIndex, screen
from wirewatch.watch.watchlists import WatchlistEntry, load_watchlist


def _follow(kind: str, value: str, **more: object) -> Follow:
    return validate(Follow("f", kind, value, "feed", **more))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "value", "canonical"),
    [
        ("actors", "tur, rus", "TUR,RUS"),
        ("actors", "TURGOV", "TURGOV"),
        ("root", "3", "03"),
        ("plover", "cooperate", "COOPERATE"),
        ("country", "tur", "TUR"),
        ("entity", "  Islamic   State ", "Islamic State"),
        ("query", '"Incirlik air base" -Paris', '"Incirlik air base" -Paris'),
    ],
)
def test_a_follow_is_put_in_canonical_form(kind: str, value: str, canonical: str) -> None:
    assert _follow(kind, value).value == canonical


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("actors", "TUR,RUS,SYR", "WW751"),
        ("actors", "T", "WW751"),
        ("root", "21", "WW751"),
        ("plover", "HUG", "WW751"),
        ("country", "Turkey", "WW751"),
        ("entity", "  ", "WW751"),
        ("query", '"open', "WW506"),
        ("colour", "red", "WW751"),
    ],
)
def test_a_query_that_cannot_be_a_follow_is_refused(kind: str, value: str, code: str) -> None:
    with pytest.raises(WirewatchError) as caught:
        _follow(kind, value)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("channel", "target"),
    [("email", "not an address"), ("webhook", "ftp://x"), ("email", None), ("pigeon", "x")],
)
def test_a_channel_without_a_usable_target_is_refused(channel: str, target: str | None) -> None:
    with pytest.raises(WirewatchError) as caught:
        validate(Follow("f", "root", "03", channel, target))
    assert caught.value.code == "WW752"


def test_actor_pairs_match_either_way_unless_one_way(seed_analysis_for_follows: Analysis) -> None:
    seed = seed_analysis_for_follows
    either = reasons(seed, _follow("actors", "RUS,TUR"))
    assert either and all(r.kind == "event" for r in either)
    assert any("Turkey said on Monday" in r.sentence for r in either)
    one_way = reasons(seed, _follow("actors", "RUS,TUR", either=False))
    assert one_way and all(r.subject.startswith(("Moscow", "Russia")) for r in one_way)
    assert not reasons(seed, _follow("actors", "TUR,FRA"))


def test_events_match_by_root_plover_and_country(seed_analysis_for_follows: Analysis) -> None:
    seed = seed_analysis_for_follows
    assert any("cooperate" in r.sentence for r in reasons(seed, _follow("root", "03")))
    assert reasons(seed, _follow("plover", "SANCTION"))
    assert not reasons(seed, _follow("root", "20"))
    assert reasons(seed, _follow("country", "RUS"))
    assert not reasons(seed, _follow("country", "BRA"))


def test_only_asserted_events_match(seed_analysis_for_follows: Analysis) -> None:
    seed = seed_analysis_for_follows
    denied = tuple(dataclasses.replace(e, modality="denied") for e in seed.events)
    assert not reasons(dataclasses.replace(seed, events=denied), _follow("actors", "TUR,RUS"))


def test_an_entity_matches_by_name_or_alias_with_its_sentence(
    seed_analysis_for_follows: Analysis,
) -> None:
    found = reasons(seed_analysis_for_follows, _follow("entity", "islamic state"))
    assert found[0].kind == "entity"
    assert "Islamic State" in found[0].sentence
    quotes = reasons(seed_analysis_for_follows, _follow("entity", "Mevlut Cavusoglu"))
    assert any(r.kind == "quote" for r in quotes)
    assert not reasons(seed_analysis_for_follows, _follow("entity", "Angela Merkel"))


def test_words_match_as_search_does(seed_analysis_for_follows: Analysis) -> None:
    seed = seed_analysis_for_follows
    found = reasons(seed, _follow("query", "Incirlik sanction*"))
    assert [r.kind for r in found] == ["text", "text"]
    assert not reasons(seed, _follow("query", "Incirlik -Daesh"))
    assert reasons(seed, _follow("query", "Paris OR Moscow"))
    assert not reasons(seed, _follow("query", '"Moscow Incirlik"'))


def test_a_watchlist_follow_matches_the_lists_hits(
    seed_analysis_for_follows: Analysis, un_list: object
) -> None:
    entries = [e for e in load_watchlist(str(un_list)) if isinstance(e, WatchlistEntry)]
    hits = screen(seed_analysis_for_follows, WatchlistIndex(entries, name="un"))
    follows = [_follow("watchlist", "un"), _follow("watchlist", "ofac")]
    found = matches(seed_analysis_for_follows, "story", follows, hits)
    assert len(found) == 1 and found[0].follow.value == "un"
    assert "QDi.365" in found[0].reasons[0].subject
    assert "Chatayev" in found[0].reasons[0].sentence
