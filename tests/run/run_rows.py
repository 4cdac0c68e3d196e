"""A store's rows in a form two stores can be compared by.

Surrogate keys (autoincrement ids, PostgreSQL sequences that a killed
transaction still advanced) and the time a row was written differ between two
runs that stored the same things; they are left out, and a reference to an
entity is replaced by the entity's natural key, and values are written as both
databases would give them, so a SQLite store and a PostgreSQL one compare.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from wirewatch.store import Store, schema

_SURROGATE = {"id", "seq", "added_at", "first_added", "last_added", "last_seen_at"}
_TABLES = ("stories", "articles", "pages", "entities", "article_entities", "mentions")
_MORE = ("quotes", "events", "errors")


def rows(store: Store) -> dict[str, list[str]]:
    """Every table's rows as sorted strings, without surrogate keys or write times."""
    metadata = schema.metadata
    with store.engine.connect() as conn:
        keys = dict(conn.execute(sa.select(schema.entities.c.id, schema.entities.c.key)).all())
        return {
            name: _table_rows(conn, metadata.tables[name], keys)
            for name in (*_TABLES, *_MORE)
            if name in metadata.tables
        }


def _table_rows(conn: sa.Connection, table: sa.Table, keys: dict[Any, str]) -> list[str]:
    columns = [c for c in table.c if c.name not in _SURROGATE and "time" not in c.name]
    out = []
    for row in conn.execute(sa.select(*columns)).all():
        values = [
            keys.get(value, value) if column.name.endswith("entity_id") else _plain(value)
            for column, value in zip(columns, row, strict=True)
        ]
        out.append(repr(values))
    return sorted(out)


def _plain(value: Any) -> Any:
    """The value as both databases give it: JSON with sorted keys, numbers as floats."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, Decimal):
        return float(value)
    return value
