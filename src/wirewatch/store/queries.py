"""Reading the store: events by actor, date and code, top entities, counts and errors.

These are what the command line and, later, the web API ask; each returns typed
records with a `to_json` in the shape of the analysis contract where there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from wirewatch.model import ActorRef, Event, Evidence, Location
from wirewatch.store import schema as t


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. An actor is a CAMEO code prefix or a country (TUR matches
    TUR, TURGOV and any actor of country TUR); `either` also matches source and target
    the other way round. Dates bound the event's day (its own date, else its article's)."""

    source: str | None = None
    target: str | None = None
    either: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    root: str | None = None
    cameo: str | None = None
    plover: str | None = None
    modality: str | None = None
    article_id: str | None = None
    entity_id: int | None = None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: its row id, article, day and the event of the contract."""

    id: int
    article_id: str
    day: dt.date | None
    event: Event

    def to_json(self) -> dict[str, Any]:
        day = self.day.isoformat() if self.day else None
        return {"id": self.id, "article_id": self.article_id, "day": day, **self.event.to_json()}


@dataclass(frozen=True, slots=True)
class EntityCount:
    """A global entity and how many articles (and mentions) name it."""

    id: int
    name: str
    type: str
    country: str | None
    articles: int
    mentions: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "articles": self.articles,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class StoredError:
    """One input that failed: where, at which stage, with which code, how often."""

    source: str
    stage: str
    code: str
    message: str
    first_seen: dt.datetime
    last_seen: dt.datetime
    count: int

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "stage": self.stage,
            "code": self.code,
            "message": self.message,
            "first_seen": utc(self.first_seen).isoformat(),
            "last_seen": utc(self.last_seen).isoformat(),
            "count": self.count,
        }


def utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back times without a zone; the store writes them all in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _actor(side: str, code: str) -> sa.ColumnElement[bool]:
    columns = t.events.c
    country, actor = columns[f"{side}_country"], columns[f"{side}_code"]
    return sa.or_(country == code, actor.startswith(code, autoescape=True))


def _actors(where: EventFilter) -> sa.ColumnElement[bool] | None:
    parts = []
    if where.source:
        parts.append(_actor("source", where.source.upper()))
    if where.target:
        parts.append(_actor("target", where.target.upper()))
    if not parts:
        return None
    forward = sa.and_(*parts)
    if not where.either:
        return forward
    backward = []
    if where.source:
        backward.append(_actor("target", where.source.upper()))
    if where.target:
        backward.append(_actor("source", where.target.upper()))
    return sa.or_(forward, sa.and_(*backward))


def _event_conditions(where: EventFilter) -> list[sa.ColumnElement[bool]]:
    c = t.events.c
    found: list[sa.ColumnElement[bool] | None] = [
        _actors(where),
        c.day >= where.since if where.since else None,
        c.day <= where.until if where.until else None,
        c.root == where.root.zfill(2) if where.root else None,
        c.cameo.startswith(where.cameo, autoescape=True) if where.cameo else None,
        c.plover_event == where.plover.upper() if where.plover else None,
        c.modality == where.modality if where.modality else None,
        c.article_id == where.article_id if where.article_id else None,
    ]
    if where.entity_id is not None:
        ident = where.entity_id
        found.append(sa.or_(c.source_entity_id == ident, c.target_entity_id == ident))
    return [condition for condition in found if condition is not None]


def events(
    conn: sa.Connection, where: EventFilter, limit: int | None = 100, offset: int = 0
) -> list[StoredEvent]:
    """Events matching the filter, latest day first, in reading order within a day."""
    c = t.events.c
    statement = (
        sa.select(t.events)
        .where(*_event_conditions(where))
        .order_by(c.day.desc().nulls_last(), c.id)
        .limit(limit)
        .offset(offset)
    )
    return [stored_event(row._mapping) for row in conn.execute(statement)]


def stored_event(row: Any) -> StoredEvent:
    return StoredEvent(row["id"], row["article_id"], row["day"], event_of(row))


def event_of(row: Any) -> Event:
    """The contract's Event back from its row."""
    target = None
    if row["target_name"] is not None:
        target = ActorRef(
            row["target_name"], row["target_local_id"], row["target_code"], row["target_country"]
        )
    location = None
    if row["location_name"] is not None:
        location = Location(row["location_name"], row["location_country"])
    return Event(
        source=ActorRef(
            row["source_name"], row["source_local_id"], row["source_code"], row["source_country"]
        ),
        target=target,
        cameo=row["cameo"],
        cameo_name=row["cameo_name"],
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        plover_event=row["plover_event"],
        plover_mode=row["plover_mode"],
        modality=row["modality"],
        date=row["date"],
        date_text=row["date_text"],
        location=location,
        counts=tuple(sorted(dict(row["counts"] or {}).items())),
        evidence=Evidence(row["paragraph"], row["start"], row["end"], row["sentence"]),
        date_precision=row["date_precision"],
    )


def top_entities(
    conn: sa.Connection,
    limit: int = 20,
    *,
    type_: str | None = None,
    country: str | None = None,
) -> list[EntityCount]:
    """The entities named in the most articles (then by mentions, then by name)."""
    e, ae = t.entities.c, t.article_entities.c
    articles = sa.func.count(sa.distinct(ae.article_id))
    mentions = sa.func.sum(ae.mentions)
    statement = (
        sa.select(e.id, e.name, e.type, e.country, articles, mentions)
        .join_from(t.entities, t.article_entities, ae.entity_id == e.id)
        .group_by(e.id, e.name, e.type, e.country)
        .order_by(articles.desc(), mentions.desc(), e.name)
        .limit(limit)
    )
    if type_:
        statement = statement.where(e.type == type_.upper())
    if country:
        statement = statement.where(e.country == country.upper())
    return [EntityCount(*row) for row in conn.execute(statement).tuples()]


def stats(conn: sa.Connection) -> dict[str, int]:
    """How many rows each table holds, in a fixed order: two stores compare line by line."""
    out: dict[str, int] = {}
    for name in t.COUNTED:
        table = t.metadata.tables[name]
        out[name] = int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    return out


def errors(
    conn: sa.Connection,
    *,
    code: str | None = None,
    stage: str | None = None,
    limit: int | None = None,
) -> list[StoredError]:
    """Inputs that failed, the most recent first."""
    c = t.errors.c
    statement = sa.select(
        c.source, c.stage, c.code, c.message, c.first_seen, c.last_seen, c["count"]
    ).order_by(c.last_seen.desc(), c.id.desc())
    if code:
        statement = statement.where(c.code == code.upper())
    if stage:
        statement = statement.where(c.stage == stage)
    return [StoredError(*row) for row in conn.execute(statement.limit(limit)).tuples()]


def minhashes(conn: sa.Connection) -> Iterator[tuple[str, str | None, bytes]]:
    """(article id, story id, signature) for every article stored with a signature."""
    a = t.articles.c
    statement = sa.select(a.id, a.story_id, a.minhash).where(a.minhash.is_not(None)).order_by(a.seq)
    for ident, story, signature in conn.execution_options(yield_per=1000).execute(statement):
        yield ident, story, bytes(signature)
