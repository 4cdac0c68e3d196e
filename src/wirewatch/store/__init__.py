"""The store: analyses kept in SQLite (the default) or PostgreSQL, searchable and exportable.

`open_store(url)` opens (and upgrades) a store; the Store it returns writes one
article per transaction, so a run killed at any moment leaves whole articles only,
and reads what the command line and the web API show. See docs/store.md.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from types import TracebackType
from typing import IO, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from wirewatch.errors import WirewatchError
from wirewatch.model import Analysis, Source
from wirewatch.store import alerts as _alerts
from wirewatch.store import export as _export
from wirewatch.store import migrate, queries, schema, search, write
from wirewatch.store import watchlists as _watchlists
from wirewatch.store.connect import WRITE, create_engine, resolve_url, sqlite_path
from wirewatch.store.queries import EntityCount, EventFilter, StoredError, StoredEvent
from wirewatch.store.search import Hit
from wirewatch.store.write import Pending
from wirewatch.watch.follows import (
    Alert,
    FeedEntry,
    Follow,
    Match,
    StoredHit,
    StoredWatchlist,
    validate,
)
from wirewatch.watch.screen import Hit as WatchlistHit
from wirewatch.watch.watchlists import WatchlistEntry

__all__ = [
    "EntityCount",
    "EventFilter",
    "Hit",
    "MinHash",
    "Pending",
    "Store",
    "StoredError",
    "StoredEvent",
    "open_store",
    "source_key",
]


class MinHash(NamedTuple):
    """A stored article's MinHash signature, with the story it is in."""

    article_id: str
    story_id: str | None
    signature: bytes


def source_key(source: Source) -> str:
    """What a page is known by in the store: `Source.key()` (its path, with the record
    inside the file as in `dump.jsonl#line 12`, else its URL). Pass it to `record_error`
    for a page that failed, so that `has_source(..., failed=True)` finds it."""
    return write.source_text(source)


def open_store(url: str | None = None, *, create: bool = True, upgrade: bool = True) -> Store:
    """Open the store at `url` (default: the `db` setting), upgrading its schema to head.

    With create=False a SQLite file that does not exist is WW503 instead of a new,
    empty store (for commands that only read). With upgrade=False the schema is left
    as it is (`wirewatch db current`).
    """
    parsed = resolve_url(url)
    where = parsed.render_as_string(hide_password=True)
    path = sqlite_path(parsed)
    if path is not None and not path.exists():
        if not create:
            raise WirewatchError("WW503", str(path), source=where)
        if not path.parent.is_dir():
            raise WirewatchError("WW502", f"no folder {path.parent}", source=where)
    engine = create_engine(parsed)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        if upgrade:
            migrate.upgrade(engine, where)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise WirewatchError("WW502", _reason(exc), source=where) from exc
    except WirewatchError:
        engine.dispose()
        raise
    return Store(engine, parsed)


def _reason(exc: BaseException) -> str:
    """The database's own message, first line, without SQLAlchemy's wrapping."""
    origin = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(origin).strip()
    return text.splitlines()[0] if text else type(origin).__name__


class Store:
    """One store. Writes are one transaction each; reads see committed articles only."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        self.where = url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        try:
            with (
                self.engine.connect().execution_options(**{WRITE: True}) as conn,
                conn.begin(),
            ):
                yield conn
        except DBAPIError as exc:
            raise WirewatchError("WW507", _reason(exc), source=self.where) from exc

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise WirewatchError("WW502", _reason(exc), source=self.where) from exc

    # Writing ---------------------------------------------------------------------

    def add(
        self, analysis: Analysis, *, story_id: str | None = None, minhash: bytes | None = None
    ) -> bool:
        """Store an analysis (article, page, entities, mentions, quotes, events) in one
        transaction. True when the article is new; False when its page is stored already
        (nothing is written) or the article is (only the new page is recorded).
        """
        with self._writing() as conn:
            return write.write_analysis(
                conn, analysis, story_id=story_id, minhash=minhash, now=_now()
            )

    def add_all(self, items: Sequence[Pending]) -> list[bool]:
        """Store several analyses, each with its story and signature, in one transaction
        (each as `add` would, in order); for each, whether its article was new. A run
        writes a worker's chunk this way: a failure stores none of the batch, so a
        killed run still leaves whole articles only."""
        if not items:
            return []
        with self._writing() as conn:
            return write.write_analyses(conn, items, _now())

    def add_many(self, analyses: Iterable[Analysis]) -> int:
        """Store several analyses in one transaction (each as `add` would); the number of
        new articles. Faster for bulk loads; a failure stores none of the batch."""
        now = _now()
        with self._writing() as conn:
            return sum(
                write.write_analysis(conn, item, story_id=None, minhash=None, now=now)
                for item in analyses
            )

    def add_page(self, source: Source, article_id: str) -> bool:
        """Record another copy of a stored article; False when that source is stored."""
        with self._writing() as conn:
            return write.write_page(conn, source, article_id, _now())

    def assign_story(self, article_id: str, story_id: str) -> bool:
        """Put an article in a story (made when new; a story left empty is removed).
        False when no such article is stored."""
        with self._writing() as conn:
            return write.assign_story(conn, article_id, story_id)

    def record_error(self, source: str, stage: str, code: str, message: str) -> None:
        """Count a failed input; the same source failing with the same code is one row."""
        with self._writing() as conn:
            write.record_error(conn, source, stage, code, message, _now())

    # Resuming --------------------------------------------------------------------

    def has_source(self, source: Source | str, *, failed: bool = False) -> bool:
        """Whether a page from this source (URL or path) is stored; with failed=True,
        also whether it is recorded as an error."""
        key = source if isinstance(source, str) else source_key(source)
        with self._reading() as conn:
            if write.has_page(conn, key):
                return True
            if not failed:
                return False
            return write.has_error(conn, key)

    def has_article(self, article_id: str) -> bool:
        with self._reading() as conn:
            return write.has_article(conn, article_id)

    def iter_minhashes(self) -> Iterator[MinHash]:
        """Every stored signature, oldest article first: for rebuilding an LSH index."""
        with self._reading() as conn:
            for row in queries.minhashes(conn):
                yield MinHash(*row)

    # Reading ---------------------------------------------------------------------

    def search(self, query: str, limit: int = 10, offset: int = 0) -> list[Hit]:
        """Articles matching a query (docs/store.md), best first; WW506 if it does not parse."""
        with self._reading() as conn:
            return search.search(conn, query, limit, offset)

    def events(
        self, where: EventFilter | None = None, limit: int | None = 100, offset: int = 0
    ) -> list[StoredEvent]:
        with self._reading() as conn:
            return queries.events(conn, where or EventFilter(), limit, offset)

    def top_entities(
        self, limit: int = 20, *, type_: str | None = None, country: str | None = None
    ) -> list[EntityCount]:
        with self._reading() as conn:
            return queries.top_entities(conn, limit, type_=type_, country=country)

    def stats(self) -> dict[str, int]:
        with self._reading() as conn:
            return queries.stats(conn)

    def errors(
        self, *, code: str | None = None, stage: str | None = None, limit: int | None = None
    ) -> list[StoredError]:
        with self._reading() as conn:
            return queries.errors(conn, code=code, stage=stage, limit=limit)

    def export(self, fmt: str, out: IO[bytes], *, table: str | None = None) -> int:
        """Write one table (default: whole analyses for jsonl, events for the others) in
        a format of `export.FORMATS`; the number of rows written."""
        with self._reading() as conn:
            return _export.export(conn, fmt, out, table=table)

    def revision(self) -> str | None:
        with self._reading() as conn:
            return migrate.current(conn)

    # Follows (docs/follows.md) -------------------------------------------------------

    def add_follow(self, follow: Follow, *, secret: str | None = None) -> Follow:
        """Save a follow (validated: WW751, WW752; a name taken: WW750) and return it
        with its id. A webhook follow without `secret` gets a random one
        (`follow_secret` reads it); an entity given by a stored entity's id is saved
        under that entity's name."""
        follow = validate(follow)
        if follow.channel == "webhook" and secret is None:
            secret = secrets.token_hex(32)
        with self._writing() as conn:
            if follow.kind == "entity" and follow.value.isdigit():
                name = _alerts.entity_name(conn, int(follow.value))
                if name is None:
                    raise WirewatchError("WW751", f"no stored entity has id {follow.value}")
                follow = replace(follow, value=name)
            if follow.kind == "watchlist":
                _watchlists.lists_named(conn, follow.value)
            return _alerts.add_follow(conn, follow, secret, _now())

    def follows(self) -> list[Follow]:
        with self._reading() as conn:
            return [follow for follow, _secret in _alerts.follow_rows(conn)]

    def follow(self, name: str) -> Follow | None:
        with self._reading() as conn:
            found = _alerts.follow_rows(conn, schema.follows.c.name == name)
        return found[0][0] if found else None

    def follow_secret(self, name: str) -> str | None:
        """The key a webhook follow's bodies are signed with (None for other channels)."""
        with self._reading() as conn:
            found = _alerts.follow_rows(conn, schema.follows.c.name == name)
        if not found:
            raise WirewatchError("WW753", name)
        return found[0][1]

    def remove_follow(self, name: str) -> bool:
        """Remove a follow with its matches and alerts; False when there is none."""
        with self._writing() as conn:
            return _alerts.remove_follow(conn, name)

    def enqueue(self, matches: Sequence[Match]) -> int:
        """Record why each match matched and put one alert per (follow, story) in the
        outbox, in one transaction; the number of alerts that were new (a story a
        follow has had an alert for is never enqueued again)."""
        if not matches:
            return 0
        with self._writing() as conn:
            return _alerts.enqueue(conn, matches, _now())

    def alerts(
        self, follow: str | None = None, status: str | None = None, limit: int = 100
    ) -> list[Alert]:
        """Outbox rows, newest first: every follow's, or one's; of any status or one."""
        with self._reading() as conn:
            return _alerts.alerts(conn, follow, status, limit)

    def alert_counts(self) -> dict[str, int]:
        """How many alerts are pending, sent and failed."""
        with self._reading() as conn:
            return _alerts.counts(conn)

    def alert_entries(self, alerts: Sequence[Alert]) -> list[FeedEntry]:
        """What each alert tells: headline, link, reasons and the story's other outlets."""
        with self._reading() as conn:
            return _alerts.entries(conn, alerts)

    def feed_entries(self, name: str, limit: int = 50) -> list[FeedEntry]:
        """The newest stories a follow matched, as its Atom feed shows them; WW753
        when there is no such follow."""
        with self._reading() as conn:
            if not _alerts.follow_rows(conn, schema.follows.c.name == name):
                raise WirewatchError("WW753", name)
            return _alerts.entries(conn, _alerts.alerts(conn, name, None, limit))

    def claim_due(self, follow: str | None = None) -> list[tuple[Follow, str | None, list[Alert]]]:
        """Claim the alerts due for delivery, grouped as they are delivered (one per
        immediate alert, one per digest follow), each with its follow and secret."""
        with self._writing() as conn:
            return _alerts.claim_due(conn, _now(), follow)

    def mark_sent(self, alerts: Sequence[Alert]) -> None:
        with self._writing() as conn:
            _alerts.mark_sent(conn, [a.id for a in alerts], _now())

    def mark_failed(
        self, alerts: Sequence[Alert], error: str, *, attempts: int, backoff: float
    ) -> None:
        """Count a failed attempt; retried with exponential backoff, failed after
        `attempts`."""
        with self._writing() as conn:
            ids = [a.id for a in alerts]
            _alerts.mark_failed(conn, ids, error, _now(), attempts=attempts, backoff=backoff)

    def retry_failed(self, follow: str | None = None) -> int:
        with self._writing() as conn:
            return _alerts.retry_failed(conn, _now(), follow)

    def next_due(self, follow: str | None = None) -> dt.datetime | None:
        """When the earliest pending immediate alert falls due (None: none pending)."""
        with self._reading() as conn:
            return _alerts.next_due(conn, follow)

    def article_entry(self, article_id: str) -> FeedEntry:
        """A stored article as an alert would show it (for `wirewatch share`); the id
        may be shortened to a unique prefix. WW758 when no article has it."""
        with self._reading() as conn:
            return _alerts.article_entry(conn, article_id)

    # Watchlists (docs/watchlists.md) ----------------------------------------------------

    def import_watchlist(
        self, name: str, entries: Iterable[WatchlistEntry], *, source: str = ""
    ) -> int:
        """Keep a watchlist under `name` (replacing one of that name), in one
        transaction; the number of entries."""
        with self._writing() as conn:
            return _watchlists.import_list(conn, name, source, entries, _now())

    def watchlists(self) -> list[StoredWatchlist]:
        with self._reading() as conn:
            return _watchlists.lists(conn)

    def watchlist_entries(self, name: str) -> list[WatchlistEntry]:
        """The entries of an imported list; WW754 when there is none of that name."""
        with self._reading() as conn:
            return list(_watchlists.list_entries(conn, name))

    def add_watchlist_hits(self, article_id: str, hits: Sequence[WatchlistHit]) -> int:
        """Record the hits screening found in a stored article (each hit's `watchlist`
        names an imported list); how many were new."""
        if not hits:
            return 0
        with self._writing() as conn:
            return _watchlists.add_hits(conn, article_id, hits, _now())

    def watchlist_hits(self, entity_name: str | None = None, limit: int = 100) -> list[StoredHit]:
        """Recorded watchlist hits, newest first; `entity_name` (any case) narrows them."""
        with self._reading() as conn:
            return _watchlists.hits(conn, entity_name, limit)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
