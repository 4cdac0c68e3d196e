"""Store URLs and database engines: SQLite as an embedded store, PostgreSQL as a server.

A URL names the store: `sqlite:///PATH` (or just a file path), or
`postgresql://USER@HOST:PORT/DATABASE`, which is run through psycopg 3 whatever
driver the URL names. SQLite gets the settings a store with one writer and many
readers needs: write-ahead logging, a busy timeout, foreign keys, and write
transactions that take the write lock when they begin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from wirewatch import settings
from wirewatch.errors import WirewatchError

# How long a writer waits for another's lock before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 30_000
# An execution option: a connection carrying it begins with BEGIN IMMEDIATE on SQLite.
WRITE = "wirewatch_write"


def resolve_url(url: str | None) -> URL:
    """The store's URL: `url`, else the `db` setting; a bare path is a SQLite file."""
    text = url if url else str(settings.load().db)
    if "://" not in text:
        return URL.create("sqlite", database=text)
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise WirewatchError("WW501", str(exc), source=_safe(text)) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite")
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    raise WirewatchError("WW501", f"the scheme {parsed.drivername!r}", source=_safe(text))


def _safe(text: str) -> str:
    """A URL as it may be printed: without its password."""
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text.split("@")[-1] if "@" in text else text


def sqlite_path(url: URL) -> Path | None:
    """The file a SQLite URL names; None for PostgreSQL and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    # pool_pre_ping: a server restarted under a long-lived web process is reconnected to.
    return sa.create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: URL) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling would defer BEGIN past our DDL and
    # reads; with it off, SQLAlchemy's "begin" event below says when a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in (
            "journal_mode = WAL",
            # With WAL, NORMAL loses at most the last commits on power loss, never consistency.
            "synchronous = NORMAL",
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "foreign_keys = ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    # A writer that began with a shared lock could not upgrade it while a reader holds
    # one (SQLITE_BUSY at once, the busy timeout unused); IMMEDIATE takes the lock first.
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
