"""Opening a store: URLs, migrations from empty, and coded errors instead of tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from wirewatch.cli import main
from wirewatch.errors import WirewatchError
from wirewatch.store import Store, migrate, open_store
from wirewatch.store.connect import resolve_url
from wirewatch.store.schema import VERSION_TABLE, metadata


def _ignore_search_index(obj: object, name: str | None, kind: str, *_: object) -> bool:
    # The full-text index is per database and lives only in the migrations.
    if kind == "table" and name and (name.startswith("articles_fts") or name == VERSION_TABLE):
        return False
    return not (kind == "column" and name == "search") and not (
        kind == "index" and name == "ix_articles_search"
    )


def test_a_new_store_is_migrated_to_head_and_matches_the_schema(store: Store) -> None:
    assert store.revision() == migrate.head()
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _ignore_search_index, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_opening_again_keeps_the_rows(store_url: str) -> None:
    with open_store(store_url) as first:
        first.record_error("a.html", "extract", "WW101", "empty page")
    with open_store(store_url) as again:
        assert again.stats()["errors"] == 1
        assert again.revision() == migrate.head()


def test_a_bare_path_is_a_sqlite_file(tmp_path: Path) -> None:
    url = resolve_url(str(tmp_path / "plain.db"))
    assert url.get_backend_name() == "sqlite"
    with open_store(str(tmp_path / "plain.db")) as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "plain.db").is_file()


def test_postgres_urls_use_psycopg_3() -> None:
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "wal.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("mysql://user@host/db", "WW501"),
        ("sqlite:////no/such/folder/store.db", "WW502"),
        ("postgresql://nobody@127.0.0.1:1/none", "WW502"),
    ],
)
def test_bad_store_urls_are_coded_errors(url: str, code: str) -> None:
    with pytest.raises(WirewatchError) as raised:
        open_store(url)
    assert raised.value.code == code


def test_reading_a_store_that_does_not_exist_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    with pytest.raises(WirewatchError) as raised:
        open_store(str(path), create=False)
    assert raised.value.code == "WW503"
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(WirewatchError) as raised:
        open_store(str(path))
    assert raised.value.code == "WW502"


def test_a_store_from_a_later_version_is_refused(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    with pytest.raises(WirewatchError) as raised:
        open_store(store_url)
    assert raised.value.code == "WW505"


def test_db_upgrade_and_current_commands(store_url: str) -> None:
    runner = CliRunner()
    upgraded = runner.invoke(main, ["db", "upgrade", "--db", store_url])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded from empty to {migrate.head()}" in upgraded.output
    again = runner.invoke(main, ["db", "upgrade", "--db", store_url])
    assert "nothing to do" in again.output
    current = runner.invoke(main, ["db", "current", "--db", store_url])
    assert current.exit_code == 0
    assert "up to date" in current.output


def test_the_default_store_comes_from_wirewatch_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREWATCH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").is_file()


def test_a_read_command_on_no_store_says_so_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "WW503" in result.output
    assert "Traceback" not in result.output
