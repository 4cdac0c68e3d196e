"""Imported watchlists and the hits a run records: each function is one transaction's work.

A list is kept whole (every entry as JSON), so that `wirewatch run` rebuilds its
index from the store without the file; importing a list under a name it already
has replaces its entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from wirewatch.errors import WirewatchError
from wirewatch.store import schema as t
from wirewatch.store.queries import utc
from wirewatch.watch.follows import StoredHit, StoredWatchlist
from wirewatch.watch.screen import Hit
from wirewatch.watch.watchlists import WatchlistEntry, entry_from_json

# Entries written per statement while importing.
BATCH = 500


def import_list(
    conn: sa.Connection,
    name: str,
    source: str,
    entries: Iterable[WatchlistEntry],
    now: dt.datetime,
) -> int:
    """Store the list under `name` (replacing its entries); the number of entries."""
    w = t.watchlists.c
    ident = conn.execute(sa.select(w.id).where(w.name == name)).scalar()
    if ident is None:
        row = {"name": name, "source": source, "entries": 0, "imported": now}
        ident = conn.execute(t.watchlists.insert().returning(w.id), row).scalar_one()
    else:
        conn.execute(
            t.watchlist_entries.delete().where(t.watchlist_entries.c.watchlist_id == ident)
        )
    count = 0
    seen: set[str] = set()
    batch: list[dict[str, Any]] = []
    for entry in entries:
        if entry.ref in seen:  # a list that names one reference twice keeps the first
            continue
        seen.add(entry.ref)
        batch.append(_entry_row(ident, entry))
        if len(batch) >= BATCH:
            count += _flush(conn, batch)
    count += _flush(conn, batch)
    values = {"source": source, "entries": count, "imported": now}
    conn.execute(t.watchlists.update().where(w.id == ident).values(values))
    return count


def _entry_row(ident: int, entry: WatchlistEntry) -> dict[str, Any]:
    return {
        "watchlist_id": ident,
        "ref": entry.ref,
        "kind": entry.kind,
        "name": entry.name,
        "entry": entry.to_json(),
    }


def _flush(conn: sa.Connection, batch: list[dict[str, Any]]) -> int:
    if not batch:
        return 0
    conn.execute(t.watchlist_entries.insert(), batch)
    count = len(batch)
    batch.clear()
    return count


def lists(conn: sa.Connection) -> list[StoredWatchlist]:
    w = t.watchlists.c
    statement = sa.select(w.name, w.source, w.entries, w.imported).order_by(w.name)
    return [
        StoredWatchlist(name, source, entries, utc(imported))
        for name, source, entries, imported in conn.execute(statement).tuples()
    ]


def list_entries(conn: sa.Connection, name: str) -> Iterator[WatchlistEntry]:
    """The entries of the list called `name`, in the order they were imported; WW754
    when there is none."""
    e = t.watchlist_entries.c
    ident = lists_named(conn, name)
    statement = sa.select(e.entry).where(e.watchlist_id == ident).order_by(e.id)
    for (data,) in conn.execution_options(yield_per=1000).execute(statement).tuples():
        yield entry_from_json(dict(data))


def add_hits(conn: sa.Connection, article_id: str, hits: Sequence[Hit], now: dt.datetime) -> int:
    """Record an article's hits (a hit recorded already is left as it is); how many
    were new. Each hit's `watchlist` names an imported list."""
    w = t.watchlists.c
    names = {hit.watchlist for hit in hits}
    if not names:
        return 0
    ids = dict(conn.execute(sa.select(w.name, w.id).where(w.name.in_(names))).tuples().all())
    rows = [_hit_row(article_id, ids[h.watchlist], h, now) for h in hits if h.watchlist in ids]
    if not rows:
        return 0
    keys = ["article_id", "watchlist_id", "entity_local_id", "ref"]
    insert = _upsert(conn, t.watchlist_hits).on_conflict_do_nothing(index_elements=keys)
    returning = insert.returning(t.watchlist_hits.c.id)
    return sum(len(conn.execute(returning, row).all()) for row in rows)


def _hit_row(article_id: str, ident: int, hit: Hit, now: dt.datetime) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "watchlist_id": ident,
        "entity_local_id": hit.entity,
        "entity_name": hit.entity_name,
        "entity_type": hit.entity_type,
        "ref": hit.ref,
        "listed_name": hit.listed_name,
        "score": hit.score,
        "sentence": hit.evidence.sentence if hit.evidence else None,
        "hit": hit.to_json(),
        "created": now,
    }


def hits(conn: sa.Connection, entity_name: str | None, limit: int | None) -> list[StoredHit]:
    """Recorded hits, the newest first; `entity_name` (any case) narrows them."""
    h, w = t.watchlist_hits.c, t.watchlists.c
    statement = (
        sa.select(
            h.id,
            h.article_id,
            w.name,
            h.entity_local_id,
            h.entity_name,
            h.entity_type,
            h.ref,
            h.listed_name,
            h.score,
            h.sentence,
            h.created,
            h.hit,
        )
        .join_from(t.watchlist_hits, t.watchlists, w.id == h.watchlist_id)
        .order_by(h.created.desc(), h.id.desc())
        .limit(limit)
    )
    if entity_name is not None:
        statement = statement.where(sa.func.lower(h.entity_name) == entity_name.lower())
    return [_stored_hit(row) for row in conn.execute(statement).tuples()]


def _stored_hit(row: tuple[Any, ...]) -> StoredHit:
    ident, article, listed, local, name, type_, ref, listed_name, score, sentence = row[:10]
    created, detail = row[10:]
    return StoredHit(
        ident,
        article,
        listed,
        local,
        name,
        type_,
        ref,
        listed_name,
        score,
        sentence,
        utc(created),
        dict(detail),
    )


def _upsert(conn: sa.Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def lists_named(conn: sa.Connection, name: str) -> int:
    """The id of the list called `name`; WW754 when there is none."""
    ident = conn.execute(sa.select(t.watchlists.c.id).where(t.watchlists.c.name == name)).scalar()
    if ident is None:
        raise WirewatchError("WW754", name)
    return int(ident)
