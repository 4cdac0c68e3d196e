"""Writing: one transaction per article, nothing twice, copies and stories, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.store.store_records import analysis, person, quote
from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis, Source
from wirewatch.store import Store, open_store, source_key, write


def test_the_seed_is_stored_with_everything_it_names(store: Store, seed_analysis: Analysis) -> None:
    assert store.add(seed_analysis, story_id="story-1", minhash=b"\x01\x02")
    counts = store.stats()
    assert counts["articles"] == 1
    assert counts["pages"] == 1
    assert counts["stories"] == 1
    assert counts["entities"] == len({e.id for e in seed_analysis.entities})
    assert counts["quotes"] == len(seed_analysis.quotes)
    assert counts["events"] == len(seed_analysis.events)
    assert store.has_source(seed_analysis.source)
    assert store.has_article(seed_analysis.id)


def test_adding_the_same_page_twice_adds_nothing(store: Store, seed_analysis: Analysis) -> None:
    assert store.add(seed_analysis)
    before = store.stats()
    assert not store.add(seed_analysis)
    assert store.stats() == before


def test_the_same_text_from_another_outlet_is_one_article_with_two_pages(store: Store) -> None:
    first = analysis("Talks in Ankara", "Ministers met.", url="https://a.example/1")
    copy = analysis("Talks in Ankara", "Ministers met.", url="https://b.example/9")
    assert first.id == copy.id
    assert store.add(first)
    assert not store.add(copy)
    counts = store.stats()
    assert (counts["articles"], counts["pages"]) == (1, 2)
    assert store.has_source("https://b.example/9")


def test_add_page_records_a_copy_without_analysing_it(store: Store) -> None:
    stored = analysis("Talks in Ankara")
    store.add(stored)
    assert store.add_page(Source(path="mirror/talks.html"), stored.id)
    assert not store.add_page(Source(path="mirror/talks.html"), stored.id)
    assert store.stats()["pages"] == 2


def test_records_inside_one_file_are_pages_of_their_own(store: Store) -> None:
    one = Source(path="dump.jsonl", record="line 1")
    two = Source(path="dump.jsonl", record="line 2")
    assert source_key(one) == "dump.jsonl#line 1"
    store.add(_with_source(analysis("First story"), one))
    assert store.has_source(one)
    assert not store.has_source(two)


def _with_source(found: Analysis, source: Source) -> Analysis:
    return Analysis(found.id, source, found.article, found.entities, found.quotes, found.events)


def test_a_failure_mid_write_leaves_nothing(
    store: Store, seed_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any) -> None:
        # A real database error, raised after the article, entities and quotes were written.
        raise write.sa.exc.OperationalError("INSERT INTO events", {}, Exception("disk full"))

    monkeypatch.setattr(write, "_insert_events", fail)
    with pytest.raises(WirewatchError) as raised:
        store.add(seed_analysis, story_id="story-1")
    assert raised.value.code == "WW507"
    assert set(store.stats().values()) == {0}
    assert not store.has_source(seed_analysis.source)
    monkeypatch.undo()
    assert store.add(seed_analysis)


def test_entities_are_one_across_articles(store: Store) -> None:
    erdogan = person("e1", "Recep Tayyip Erdoğan", "TUR")
    again = person("e1", "Recep Tayyip Erdogan", "TUR", "Erdogan")
    other = person("e2", "Vladimir Putin", "RUS")
    store.add(analysis("One", entities=(erdogan,)))
    store.add(analysis("Two", entities=(again, other)))
    assert store.stats()["entities"] == 2
    top = store.top_entities(5)
    assert (top[0].name, top[0].articles, top[0].mentions) == ("Recep Tayyip Erdoğan", 2, 2)


def test_quotes_keep_their_speaker_entity(store: Store) -> None:
    speaker = person("e1", "Mevlut Cavusoglu", "TUR")
    said = quote("We never offered Incirlik", "Mevlut Cavusoglu", "e1")
    store.add(analysis("Denial", entities=(speaker,), quotes=(said,)))
    with store.engine.connect() as conn:
        row = conn.execute(write.sa.select(write.t.quotes)).one()._mapping
    assert row["speaker_entity_id"] is not None
    assert row["text"] == "We never offered Incirlik"


def test_stories_track_their_articles_and_dates(store: Store) -> None:
    early = analysis("Early", published=dt.date(2016, 7, 1))
    late = analysis("Late", published=dt.date(2016, 7, 9))
    store.add(early, story_id="s1")
    store.add(late)
    assert store.assign_story(late.id, "s1")
    assert not store.assign_story("no-such-article", "s1")
    with store.engine.connect() as conn:
        story = conn.execute(write.sa.select(write.t.stories)).one()._mapping
    assert (story["articles"], story["first_seen"], story["last_seen"]) == (
        2,
        dt.date(2016, 7, 1),
        dt.date(2016, 7, 9),
    )
    # Moving both articles away removes the empty story.
    store.assign_story(early.id, "s2")
    store.assign_story(late.id, "s2")
    assert store.stats()["stories"] == 1


def test_minhashes_come_back_for_rebuilding_an_index(store: Store) -> None:
    store.add(analysis("With"), minhash=b"\x00\xff" * 64, story_id="s1")
    store.add(analysis("Without"))
    found = list(store.iter_minhashes())
    assert [(m.story_id, m.signature) for m in found] == [("s1", b"\x00\xff" * 64)]


def test_errors_are_counted_not_duplicated(store: Store) -> None:
    store.record_error("bad.html", "extract", "WW101", "empty page")
    store.record_error("bad.html", "extract", "WW101", "empty page")
    store.record_error("bad.html", "fetch", "WW102", "binary")
    errors = store.errors()
    assert store.stats()["errors"] == 2
    counts = {e.code: e.count for e in errors}
    assert counts == {"WW101": 2, "WW102": 1}
    assert store.errors(code="ww102")[0].stage == "fetch"
    assert not store.has_source("bad.html")
    assert store.has_source("bad.html", failed=True)


def test_a_reader_sees_the_store_while_a_writer_writes(store_url: str) -> None:
    with open_store(store_url) as writer, open_store(store_url) as reader:
        with reader.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
            assert writer.add(analysis("Written during a read"))
        assert reader.stats()["articles"] == 1
