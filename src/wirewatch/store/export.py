"""Exports: whole analyses as JSON Lines, any table as CSV or Parquet, events as GDELT.

Every export streams: rows are read in batches and written as they come, so a
store larger than memory exports in constant memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import IO, Any

import sqlalchemy as sa

from wirewatch.errors import WirewatchError
from wirewatch.store import gdelt
from wirewatch.store import schema as t
from wirewatch.store.queries import utc

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
# `analyses` is the analysis contract per article (JSON Lines only); the rest are tables.
TABLES = (
    "analyses",
    "articles",
    "pages",
    "stories",
    "entities",
    "article_entities",
    "mentions",
    "quotes",
    "events",
    "errors",
)
# Large or binary columns left out of flat exports: the analysis is what jsonl is for.
_LEFT_OUT = {"articles": {"analysis", "minhash"}}
_BATCH = 1000


def default_table(fmt: str) -> str:
    return "analyses" if fmt == "jsonl" else "events"


def export(conn: sa.Connection, fmt: str, out: IO[bytes], *, table: str | None = None) -> int:
    """Write `table` in `fmt` to a binary stream; the number of rows written."""
    name = table or default_table(fmt)
    if name == "analyses" and fmt != "jsonl":
        raise ValueError("whole analyses are exported as jsonl only")
    if fmt == "gdelt" and name != "events":
        raise ValueError("the GDELT format holds events only")
    conn = conn.execution_options(yield_per=_BATCH)
    if fmt == "gdelt":
        return _write_gdelt(conn, out)
    if name == "analyses":
        return _write_analyses(conn, out)
    columns = _columns(name)
    rows = _table_rows(conn, name, columns)
    if fmt == "jsonl":
        return _write_jsonl(rows, out)
    if fmt == "csv":
        return _write_csv(columns, rows, out)
    if fmt == "parquet":
        return _write_parquet(columns, rows, out)
    raise ValueError(f"unknown format {fmt!r}")


def _columns(name: str) -> list[sa.Column[Any]]:
    table = t.metadata.tables[name]
    left_out = _LEFT_OUT.get(name, set())
    return [column for column in table.columns if column.name not in left_out]


def _table_rows(
    conn: sa.Connection, name: str, columns: list[sa.Column[Any]]
) -> Iterator[dict[str, Any]]:
    table = t.metadata.tables[name]
    order = [table.c.seq] if name == "articles" else list(table.primary_key.columns)
    for row in conn.execute(sa.select(*columns).order_by(*order)):
        yield dict(row._mapping)


def _plain(value: Any) -> Any:
    """A value as JSON and CSV carry it: dates in ISO form, times in UTC."""
    if isinstance(value, dt.datetime):
        return utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_jsonl(rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    count = 0
    for row in rows:
        record = {key: _plain(value) for key, value in row.items()}
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def _write_analyses(conn: sa.Connection, out: IO[bytes]) -> int:
    """The analysis contract per article, with its story and every page it came from."""
    a = t.articles.c
    statement = sa.select(a.id, a.story_id, a.analysis).order_by(a.seq)
    count = 0
    for batch in conn.execute(statement).partitions(_BATCH):
        pages = _pages_of(conn, [ident for ident, _, _ in batch])
        for ident, story, analysis in batch:
            record = {**analysis, "story_id": story, "pages": pages.get(ident, [])}
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
    return count


def _pages_of(conn: sa.Connection, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    p = t.pages.c
    statement = (
        sa.select(p.article_id, p.url, p.path, p.record, p.fetched)
        .where(p.article_id.in_(article_ids))
        .order_by(p.id)
    )
    pages: dict[str, list[dict[str, Any]]] = {}
    for article_id, url, path, record, fetched in conn.execute(statement):
        when = utc(fetched).isoformat() if fetched else None
        page = {"url": url, "path": path, "record": record, "fetched": when}
        pages.setdefault(article_id, []).append(page)
    return pages


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes):
        return value.hex()
    return "" if value is None else _plain(value)


def _write_csv(
    columns: list[sa.Column[Any]], rows: Iterator[dict[str, Any]], out: IO[bytes]
) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([column.name for column in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(row[column.name]) for column in columns])
        count += 1
    text.flush()
    text.detach()  # the caller owns `out`; closing the wrapper would close it
    return count


def _arrow_type(column: sa.Column[Any]) -> Any:
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, sa.Date):
        return pa.date32()
    if isinstance(kind, sa.LargeBinary):
        return pa.binary()
    return pa.string()


def _arrow_cell(column: sa.Column[Any], value: Any) -> Any:
    if isinstance(column.type, sa.JSON) and value is not None:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        return utc(value)
    return value


def _write_parquet(
    columns: list[sa.Column[Any]], rows: Iterator[dict[str, Any]], out: IO[bytes]
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pyarrow is a dependency; a broken install says so
        raise WirewatchError("WW502", f"pyarrow cannot be imported: {exc}") from exc
    schema = pa.schema([(column.name, _arrow_type(column)) for column in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({c.name: _arrow_cell(c, row[c.name]) for c in columns})
            if len(batch) >= _BATCH * 10:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _write_gdelt(conn: sa.Connection, out: IO[bytes]) -> int:
    """Asserted events only: GDELT has no way to say an event was denied or supposed."""
    e, a, p = t.events, t.articles.c, t.pages.c
    first_page = (
        sa.select(p.source).where(p.article_id == e.c.article_id).order_by(p.id).limit(1)
    ).scalar_subquery()
    page_count = (
        sa.select(sa.func.count()).where(p.article_id == e.c.article_id)
    ).scalar_subquery()
    statement = (
        sa.select(e, a.added_at, first_page.label("url"), page_count.label("pages"))
        .join_from(e, t.articles, a.id == e.c.article_id)
        .where(e.c.modality == "asserted")
        .order_by(e.c.id)
    )
    count = 0
    for found in conn.execute(statement):
        values = found._mapping
        cells = gdelt.row(dict(values), utc(values["added_at"]), values["url"], values["pages"])
        out.write(gdelt.line(cells).encode("utf-8"))
        count += 1
    return count
