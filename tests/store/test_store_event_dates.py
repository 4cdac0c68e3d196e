"""An event's date precision through the store: written, read back, exported, served,
and added by the migration to a store made before it (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import sqlalchemy as sa
from alembic import command

from tests.store.store_records import analysis, event
from wirewatch.store import Store, migrate, open_store

LAST_YEAR = event(("Turkey", "TUR", "TUR"), ("Russia", "RUS", "RUS"), "190",
                  day=dt.date(2015, 1, 1), precision="year")  # fmt: skip
UNDATED = event(("Russia", "RUS", "RUS"), ("Turkey", "TUR", "TUR"), "161", paragraph=1)


def test_the_precision_is_stored_and_read_back(store: Store) -> None:
    store.add(analysis("Turkey and Russia", "One.", "Two.", events=(LAST_YEAR, UNDATED)))
    read = {s.event.cameo: s.event for s in store.events()}
    assert (read["190"].date, read["190"].date_precision) == (dt.date(2015, 1, 1), "year")
    assert (read["161"].date, read["161"].date_precision) == (None, None)
    assert read["190"] == LAST_YEAR


def test_csv_exports_carry_the_precision(store: Store) -> None:
    store.add(analysis("Turkey and Russia", "One.", "Two.", events=(LAST_YEAR,)))
    out = io.BytesIO()
    store.export("csv", out, table="events")
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert (rows[0]["date"], rows[0]["date_precision"]) == ("2015-01-01", "year")


def test_the_migration_adds_the_column_to_an_older_store(store_url: str) -> None:
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            config = migrate._config()
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
        with engine.connect() as conn:
            before = {c["name"] for c in sa.inspect(conn).get_columns("events")}
        assert "date_precision" not in before
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.revision() == migrate.head()
        store.add(analysis("Turkey and Russia", "One.", "Two.", events=(LAST_YEAR,)))
        assert store.events()[0].event.date_precision == "year"
