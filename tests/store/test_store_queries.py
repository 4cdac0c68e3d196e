"""Queries: events by actor, day and code; top entities; counts; the commands that print them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from tests.store.store_records import analysis, event, person
from wirewatch.cli import main
from wirewatch.model import Analysis
from wirewatch.store import EventFilter, Store

TUR = ("Turkey", "TUR", "TUR")
TURGOV = ("Mevlut Cavusoglu", "TURGOV", "TUR")
RUS = ("Russia", "RUS", "RUS")
USA = ("United States", "USA", "USA")

STORY = analysis(
    "Turkey and Russia",
    "Turkey said it wanted to cooperate with Moscow.",
    published=dt.date(2016, 7, 4),
    events=(
        event(TUR, RUS, "030", day=dt.date(2016, 7, 4), plover="AGREE"),
        event(TURGOV, RUS, "050", modality="hypothetical", plover="COOPERATE"),
        event(RUS, TUR, "172", day=dt.date(2016, 6, 1), plover="SANCTION"),
        event(USA, TUR, "042", day=dt.date(2015, 1, 1)),
    ),
)


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(STORY)
    return store


def _codes(store: Store, **where: object) -> list[str]:
    return [e.event.cameo for e in store.events(EventFilter(**where))]  # type: ignore[arg-type]


def test_actors_match_by_code_prefix_or_country(filled: Store) -> None:
    assert _codes(filled, source="TUR", target="RUS") == ["030", "050"]
    assert _codes(filled, source="TURGOV") == ["050"]
    assert _codes(filled, target="TUR") == ["172", "042"]


def test_either_direction(filled: Store) -> None:
    assert _codes(filled, source="TUR", target="RUS", either=True) == ["030", "050", "172"]


def test_days_fall_back_to_the_article_date(filled: Store) -> None:
    assert _codes(filled, since=dt.date(2016, 7, 1)) == ["030", "050"]
    assert _codes(filled, until=dt.date(2016, 6, 30)) == ["172", "042"]
    assert _codes(filled, since=dt.date(2016, 1, 1), until=dt.date(2016, 6, 30)) == ["172"]


def test_codes_modality_and_plover(filled: Store) -> None:
    assert _codes(filled, root="3") == ["030"]
    assert _codes(filled, root="17") == ["172"]
    assert _codes(filled, cameo="03") == ["030"]
    assert _codes(filled, modality="hypothetical") == ["050"]
    assert _codes(filled, plover="sanction") == ["172"]


def test_stored_events_are_the_contract_events(filled: Store) -> None:
    stored = filled.events(EventFilter(source="USA"))[0]
    assert stored.event == STORY.events[3]
    assert stored.article_id == STORY.id
    record = stored.to_json()
    assert record["cameo"] == "042"
    assert record["counts"] == {"killed": 2}


def test_the_seed_events_come_back_as_they_were_coded(
    store: Store, seed_analysis: Analysis
) -> None:
    store.add(seed_analysis)
    back = {json.dumps(e.event.to_json(), sort_keys=True) for e in store.events(limit=None)}
    assert back == {json.dumps(e.to_json(), sort_keys=True) for e in seed_analysis.events}
    denied = store.events(EventFilter(modality="denied"), limit=None)
    assert all(e.event.modality == "denied" for e in denied)


def test_top_entities_filter_by_type_and_country(store: Store) -> None:
    store.add(analysis("One", entities=(person("e1", "Erdogan", "TUR"),)))
    store.add(
        analysis("Two", entities=(person("e1", "Erdogan", "TUR"), person("e2", "Putin", "RUS")))
    )
    assert [e.name for e in store.top_entities(10)] == ["Erdogan", "Putin"]
    assert [e.name for e in store.top_entities(10, country="rus")] == ["Putin"]
    assert store.top_entities(10, type_="ORG") == []


def test_commands_print_what_the_store_holds(filled: Store) -> None:
    runner = CliRunner()
    url = filled.url.render_as_string(hide_password=False)
    events = runner.invoke(
        main,
        ["events", "--source", "TUR", "--target", "RUS", "--since", "2016-07-01", "--root", "03",
         "--db", url],
    )  # fmt: skip
    assert events.exit_code == 0, events.output
    assert events.output.splitlines() == [
        f"2016-07-04  030 CAMEO 030: TUR Turkey -> RUS Russia  [asserted]  {STORY.id[:12]}"
    ]
    as_json = runner.invoke(main, ["events", "--json", "--modality", "denied", "--db", url])
    assert as_json.output == ""
    stats = runner.invoke(main, ["stats", "--db", url])
    assert stats.output.splitlines() == [
        "articles 1",
        "pages 1",
        "stories 0",
        "entities 0",
        "quotes 0",
        "events 4",
        "errors 0",
    ]
    bad_root = runner.invoke(main, ["events", "--root", "21", "--db", url])
    assert bad_root.exit_code == 2


def test_errors_and_entities_commands(store: Store) -> None:
    store.record_error("feeds/bad.xml", "fetch", "WW102", "not a text or HTML page")
    store.add(analysis("One", entities=(person("e1", "Erdogan", "TUR"),)))
    runner = CliRunner()
    url = store.url.render_as_string(hide_password=False)
    errors = runner.invoke(main, ["errors", "--json", "--db", url])
    record = json.loads(errors.output)
    assert (record["source"], record["code"], record["count"]) == ("feeds/bad.xml", "WW102", 1)
    entities = runner.invoke(main, ["entities", "--top", "5", "--db", url])
    assert entities.output.split() == ["1", "1", "PERSON", "TUR", "Erdogan"]
