"""What the pages and the API read from the store, beyond `Store`'s own queries.

Each function takes a connection and returns plain records; the web layer turns
them into pages or JSON. Every query is bounded (a limit, an indexed key), so a
page costs the same on a store of ten articles and of a million.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from wirewatch.errors import WirewatchError
from wirewatch.store import Store, queries
from wirewatch.store import schema as t
from wirewatch.store.queries import EventFilter, StoredEvent, stored_event

# How far back the front page looks for stories: enough articles to fill a page of
# stories even when each story has several outlets.
_STORY_WINDOW = 400


@contextmanager
def reading(store: Store) -> Iterator[sa.Connection]:
    """A read connection; a database failure is WW502, as Store's own reads make it."""
    try:
        with store.engine.connect() as conn:
            yield conn
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "error"
        raise WirewatchError("WW502", reason, source=store.where) from exc


@dataclass(frozen=True, slots=True)
class Page:
    """One copy of an article: where it was read."""

    url: str | None
    path: str | None
    fetched: dt.datetime | None

    @property
    def outlet(self) -> str:
        """The outlet a page stands for: its URL's host, else its file's name."""
        if self.url:
            host = urlsplit(self.url).hostname or self.url
            return host.removeprefix("www.")
        return (self.path or "").rsplit("/", 1)[-1] or "unknown"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as lists show it."""

    id: str
    title: str
    published: dt.date | None
    story_id: str | None
    pages: tuple[Page, ...] = ()

    @property
    def outlets(self) -> list[str]:
        return sorted({p.outlet for p in self.pages})


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story: its articles (newest first) and the outlets that carried them."""

    id: str | None
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: tuple[ArticleRef, ...]

    @property
    def outlets(self) -> list[str]:
        return sorted({o for a in self.articles for o in a.outlets})


def _pages(conn: sa.Connection, article_ids: Iterable[str]) -> dict[str, list[Page]]:
    ids = list(set(article_ids))
    found: dict[str, list[Page]] = {i: [] for i in ids}
    if not ids:
        return found
    p = t.pages.c
    rows = conn.execute(
        sa.select(p.article_id, p.url, p.path, p.fetched)
        .where(p.article_id.in_(ids))
        .order_by(p.id)
    )
    for article_id, url, path, fetched in rows.tuples():
        found[article_id].append(Page(url, path, fetched))
    return found


def _refs(conn: sa.Connection, statement: sa.Select[Any]) -> list[ArticleRef]:
    rows = conn.execute(statement).tuples().all()
    pages = _pages(conn, (r[0] for r in rows))
    return [
        ArticleRef(ident, title, day, story, tuple(pages[ident]))
        for ident, title, day, story in rows
    ]


def _ref_columns() -> sa.Select[Any]:
    a = t.articles.c
    return sa.select(a.id, a.title, a.published, a.story_id)


def latest_articles(conn: sa.Connection, limit: int = 20, offset: int = 0) -> list[ArticleRef]:
    """The articles stored last, newest first."""
    statement = _ref_columns().order_by(t.articles.c.seq.desc()).limit(limit).offset(offset)
    return _refs(conn, statement)


def latest_stories(conn: sa.Connection, limit: int = 20) -> list[StoryView]:
    """The stories with the newest articles, each with its articles and outlets.

    An article not grouped into a story stands as a story of its own.
    """
    a = t.articles.c
    recent = conn.execute(
        sa.select(a.id, a.story_id).order_by(a.seq.desc()).limit(_STORY_WINDOW)
    ).tuples()
    order: list[tuple[str | None, str]] = []
    seen: set[str] = set()
    for ident, story in recent:
        key = story or f"article:{ident}"
        if key not in seen:
            seen.add(key)
            order.append((story, ident))
        if len(order) >= limit:
            break
    return stories_of(conn, order)


def stories_of(conn: sa.Connection, order: list[tuple[str | None, str]]) -> list[StoryView]:
    """Stories by (story id, or None and a lone article's id), in the order given."""
    story_ids = [s for s, _ in order if s is not None]
    lone = [i for s, i in order if s is None]
    a = t.articles.c
    members: dict[str, list[ArticleRef]] = {}
    if story_ids:
        statement = _ref_columns().where(a.story_id.in_(story_ids)).order_by(a.seq.desc())
        for ref in _refs(conn, statement):
            members.setdefault(ref.story_id or "", []).append(ref)
    lone_refs = {r.id: r for r in _refs(conn, _ref_columns().where(a.id.in_(lone)))} if lone else {}
    s = t.stories.c
    heads = {}
    if story_ids:
        rows = conn.execute(
            sa.select(s.id, s.title, s.first_seen, s.last_seen).where(s.id.in_(story_ids))
        ).tuples()
        heads = {row[0]: row for row in rows}
    out = []
    for story, ident in order:
        if story is not None and story in heads:
            _, title, first, last = heads[story]
            out.append(StoryView(story, title, first, last, tuple(members.get(story, []))))
        elif ident in lone_refs:
            ref = lone_refs[ident]
            out.append(StoryView(None, ref.title, ref.published, ref.published, (ref,)))
    return out


def story(conn: sa.Connection, story_id: str) -> StoryView | None:
    found = stories_of(conn, [(story_id, "")])
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: the analysis contract, its story, pages, and the global
    entity id and stored event id for each of the analysis' local ones."""

    analysis: dict[str, Any]
    story_id: str | None
    published: dt.date | None
    pages: tuple[Page, ...]
    entity_ids: dict[str, int] = field(default_factory=dict)
    event_ids: dict[int, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.analysis["id"])


def article(conn: sa.Connection, article_id: str) -> StoredArticle | None:
    a = t.articles.c
    row = conn.execute(
        sa.select(a.analysis, a.story_id, a.published).where(a.id == article_id)
    ).first()
    if row is None:
        return None
    ae, e = t.article_entities.c, t.events.c
    entity_ids = conn.execute(
        sa.select(ae.local_id, ae.entity_id).where(ae.article_id == article_id)
    ).tuples()
    event_ids = conn.execute(sa.select(e.ordinal, e.id).where(e.article_id == article_id)).tuples()
    pages = _pages(conn, [article_id])[article_id]
    return StoredArticle(
        dict(row[0]), row[1], row[2], tuple(pages), dict(entity_ids.all()), dict(event_ids.all())
    )


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    name: str
    type: str
    country: str | None
    codes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def entity(conn: sa.Connection, entity_id: int) -> EntityRow | None:
    e, ae = t.entities.c, t.article_entities.c
    row = conn.execute(sa.select(e.id, e.name, e.type, e.country).where(e.id == entity_id)).first()
    if row is None:
        return None
    # The codes and roles articles gave it: a few distinct values, read from a bounded sample.
    sample = (
        sa.select(ae.code, ae.role).where(ae.entity_id == entity_id).limit(500).subquery("sample")
    )
    labels = conn.execute(sa.select(sample.c.code, sample.c.role).distinct()).tuples().all()
    codes = tuple(sorted({c for c, _ in labels if c}))
    roles = tuple(sorted({r for _, r in labels if r}))
    return EntityRow(row[0], row[1], row[2], row[3], codes, roles)


def entity_articles(conn: sa.Connection, entity_id: int, limit: int = 20) -> list[ArticleRef]:
    """The latest articles that name the entity."""
    a, ae = t.articles.c, t.article_entities.c
    statement = (
        _ref_columns()
        .join_from(t.articles, t.article_entities, ae.article_id == a.id)
        .where(ae.entity_id == entity_id)
        .order_by(a.seq.desc())
        .limit(limit)
    )
    return _refs(conn, statement)


def mentions_by_month(conn: sa.Connection, entity_id: int) -> list[tuple[str, int, int]]:
    """(YYYY-MM, articles, mentions) for each month the entity was named in, by the
    articles' publication dates; articles with no date are left out."""
    a, ae = t.articles.c, t.article_entities.c
    rows = conn.execute(
        sa.select(a.published, ae.mentions)
        .join_from(t.article_entities, t.articles, ae.article_id == a.id)
        .where(ae.entity_id == entity_id, a.published.is_not(None))
    ).tuples()
    months: dict[str, list[int]] = {}
    for day, count in rows:
        slot = months.setdefault(f"{day:%Y-%m}", [0, 0])
        slot[0] += 1
        slot[1] += count
    return [(month, n, m) for month, (n, m) in sorted(months.items())]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    article_id: str
    article_title: str
    kind: str
    text: str
    speaker: str | None
    speaker_entity_id: int | None
    verb: str | None


def quotes(
    conn: sa.Connection, *, speaker_entity_id: int | None = None, limit: int = 50
) -> list[QuoteRow]:
    """Quotes, newest article first; with a speaker, only that entity's."""
    q, a = t.quotes.c, t.articles.c
    statement = (
        sa.select(
            q.article_id, a.title, q.kind, q.text, q.speaker_name, q.speaker_entity_id, q.verb
        )
        .join_from(t.quotes, t.articles, a.id == q.article_id)
        .order_by(a.seq.desc(), q.ordinal)
        .limit(limit)
    )
    if speaker_entity_id is not None:
        statement = statement.where(q.speaker_entity_id == speaker_entity_id)
    return [QuoteRow(*row) for row in conn.execute(statement).tuples()]


def entity_events(
    conn: sa.Connection, entity_id: int, side: str, limit: int = 50
) -> list[StoredEvent]:
    """Events in which the entity is the source (side="source") or the target."""
    e = t.events.c
    column = e.source_entity_id if side == "source" else e.target_entity_id
    statement = (
        sa.select(t.events)
        .where(column == entity_id)
        .order_by(e.day.desc().nulls_last(), e.id)
        .limit(limit)
    )
    return [stored_event(row._mapping) for row in conn.execute(statement)]


def titles(conn: sa.Connection, article_ids: Iterable[str]) -> dict[str, str]:
    ids = list(set(article_ids))
    if not ids:
        return {}
    a = t.articles.c
    return dict(conn.execute(sa.select(a.id, a.title).where(a.id.in_(ids))).tuples().all())


def entity_by_name(conn: sa.Connection, name: str) -> int | None:
    """The id of the most named entity of this name (follows name entities by name)."""
    e, ae = t.entities.c, t.article_entities.c
    statement = (
        sa.select(e.id)
        .join_from(t.entities, t.article_entities, ae.entity_id == e.id)
        .where(e.name == name)
        .group_by(e.id)
        .order_by(sa.func.count().desc())
        .limit(1)
    )
    found = conn.execute(statement).scalar()
    return int(found) if found is not None else None


def event_points(
    conn: sa.Connection, where: EventFilter
) -> list[tuple[dt.date | None, float, int, str]]:
    """(day, Goldstein score, quad class, modality) of every event the filter matches:
    what a chart needs, without building whole events (a pair may have thousands)."""
    e = t.events.c
    # The filter's conditions are the store's own, so the chart counts what the table lists.
    conditions = queries._event_conditions(where)
    statement = sa.select(e.day, e.goldstein, e.quad_class, e.modality).where(*conditions)
    return [(day, float(g), int(q), m) for day, g, q, m in conn.execute(statement).tuples()]
