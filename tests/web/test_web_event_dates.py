"""The API serves an event's date with its precision (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.web.web_client import Client


def test_events_carry_the_precision_of_their_date(client: Client) -> None:
    events = client.get("/api/events", params={"root": "19", "source": "TUR"}).json()
    shot_down = [e for e in events if e["date_text"] == "last year"]
    assert shot_down
    assert {(e["date"], e["date_precision"]) for e in shot_down} == {("2015-01-01", "year")}
