"""Follows, the outbox and imported watchlists in a real store, SQLite and PostgreSQL:
one alert per (follow, story) whatever comes again, claims, backoff and give-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis
from wirewatch.store import Store, open_store
from wirewatch.watch.follows import Follow, Match, Reason
from wirewatch.watch.screen import WatchlistIndex, screen
from wirewatch.watch.watchlists import WatchlistEntry, load_watchlist


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def stored(store: Store, seed_analysis_for_follows: Analysis) -> Analysis:
    store.add(seed_analysis_for_follows, story_id="story-1")
    return seed_analysis_for_follows


def _match(follow: Follow, article: str, story: str = "story-1") -> Match:
    reason = Reason("event", "Turkey -> Russia", "Turkey said so.", 0)
    return Match(follow, article, story, (reason,))


def test_follows_are_added_listed_and_removed(store: Store) -> None:
    hook = store.add_follow(Follow("hook", "actors", "tur,rus", "webhook", "https://x.test/h"))
    assert hook.id is not None and hook.value == "TUR,RUS" and hook.created is not None
    store.add_follow(Follow("feed", "root", "3", "feed"))
    assert [f.name for f in store.follows()] == ["hook", "feed"]
    assert store.follow("feed") == dataclasses.replace(store.follows()[1])
    secret = store.follow_secret("hook")
    assert secret is not None and len(secret) == 64
    assert store.follow_secret("feed") is None
    with pytest.raises(WirewatchError) as caught:
        store.add_follow(Follow("hook", "root", "04", "feed"))
    assert caught.value.code == "WW750"
    assert store.remove_follow("hook") and not store.remove_follow("hook")
    assert store.follow("hook") is None


def test_an_entity_follow_by_id_is_saved_by_name(store: Store, stored: Analysis) -> None:
    ident = next(e.id for e in store.top_entities(50) if e.name == "Islamic State")
    saved = store.add_follow(Follow("is", "entity", str(ident), "feed"))
    assert saved.value == "Islamic State"
    with pytest.raises(WirewatchError) as caught:
        store.add_follow(Follow("none", "entity", "999999", "feed"))
    assert caught.value.code == "WW751"


def test_a_story_is_enqueued_once_per_follow(store: Store, stored: Analysis) -> None:
    follow = store.add_follow(Follow("mail", "actors", "TUR,RUS", "email", "a@b.test"))
    assert store.enqueue([_match(follow, stored.id)]) == 1
    assert store.enqueue([_match(follow, stored.id)]) == 0
    [alert] = store.alerts()
    assert (alert.follow, alert.status, alert.attempts) == ("mail", "pending", 0)
    assert alert.title == stored.article.title
    [entry] = store.alert_entries([alert])
    assert entry.reasons[0].sentence == "Turkey said so."
    assert entry.url == "https://example.org/2016/07/turkey-russia-isis"


def test_claims_backoff_and_giving_up(store: Store, stored: Analysis) -> None:
    follow = store.add_follow(Follow("mail", "root", "03", "email", "a@b.test"))
    store.enqueue([_match(follow, stored.id)])
    [(owner, secret, alerts)] = store.claim_due()
    assert owner.name == "mail" and secret is None
    assert store.claim_due() == []  # held by the first claim
    store.mark_failed(alerts, "WW755 refused", attempts=2, backoff=3600)
    [alert] = store.alerts()
    assert (alert.status, alert.attempts, alert.last_error) == ("pending", 1, "WW755 refused")
    assert store.claim_due() == []  # not due for an hour
    next_due = store.next_due()
    assert next_due is not None and alert.due is not None and next_due == alert.due
    store.mark_failed(alerts, "WW755 refused again", attempts=2, backoff=3600)
    assert store.alerts(status="failed")[0].attempts == 2
    assert store.retry_failed() == 1
    [(_owner, _secret, again)] = store.claim_due()
    store.mark_sent(again)
    assert store.alert_counts() == {"pending": 0, "sent": 1, "failed": 0}


def test_digest_alerts_wait_for_their_hour_and_feeds_are_sent_at_once(
    store: Store, stored: Analysis
) -> None:
    daily = store.add_follow(Follow("daily", "root", "03", "email", "a@b.test", mode="daily"))
    feed = store.add_follow(Follow("feed", "root", "03", "feed"))
    store.enqueue([_match(daily, stored.id), _match(feed, stored.id)])
    assert store.claim_due() == []
    assert {a.follow: a.status for a in store.alerts()} == {"daily": "pending", "feed": "sent"}
    [entry] = store.feed_entries("feed")
    assert entry.title == stored.article.title
    with pytest.raises(WirewatchError):
        store.feed_entries("nobody")


def test_watchlists_are_kept_and_hits_recorded_once(
    store: Store, stored: Analysis, un_list: Path
) -> None:
    entries = [e for e in load_watchlist(un_list) if isinstance(e, WatchlistEntry)]
    assert store.import_watchlist("un", entries, source=str(un_list)) == len(entries)
    assert store.import_watchlist("un", entries[:10]) == 10  # replaces
    assert [(w.name, w.entries) for w in store.watchlists()] == [("un", 10)]
    store.import_watchlist("un", entries)
    kept = store.watchlist_entries("un")
    assert kept == entries
    hits = screen(stored, WatchlistIndex(kept, name="un"))
    assert store.add_watchlist_hits(stored.id, list(hits)) == 1
    assert store.add_watchlist_hits(stored.id, list(hits)) == 0
    [hit] = store.watchlist_hits("akhmed chatayev")
    assert (hit.ref, hit.watchlist, hit.entity_type) == ("QDi.365", "un", "PERSON")
    assert store.watchlist_hits("nobody") == []
    with pytest.raises(WirewatchError) as caught:
        store.watchlist_entries("ofac")
    assert caught.value.code == "WW754"


def test_a_watchlist_follow_needs_the_list(store: Store) -> None:
    with pytest.raises(WirewatchError) as caught:
        store.add_follow(Follow("w", "watchlist", "un", "feed"))
    assert caught.value.code == "WW754"
