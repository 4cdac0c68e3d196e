"""Schema upgrades, run programmatically: a user never runs a migration by hand.

`open_store` calls `upgrade` on every open; when the store is at the head revision
that is one query. Alembic runs from the scripts in `migrations/`, configured here,
so no alembic.ini is needed.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from wirewatch.errors import WirewatchError
from wirewatch.store.connect import WRITE
from wirewatch.store.schema import VERSION_TABLE

_SCRIPTS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def head() -> str:
    """The newest revision this wirewatch knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None, "the migrations folder has no revision"
    return found


def current(connection: Connection) -> str | None:
    """The store's revision; None for an empty database."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(engine: Engine, where: str) -> tuple[str | None, str]:
    """Bring the store to the head revision in one transaction; (from, to) revisions."""
    target = head()
    with engine.connect() as probe:
        found = current(probe)
    _check_known(found, where)
    if found == target:
        return found, target
    config = _config()
    try:
        with (
            engine.connect().execution_options(**{WRITE: True}) as connection,
            connection.begin(),
        ):
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as exc:
        raise WirewatchError("WW504", _first_line(exc), source=where) from exc
    return found, target


def _check_known(revision: str | None, where: str) -> None:
    if revision is None:
        return
    scripts = ScriptDirectory.from_config(_config())
    if revision not in {script.revision for script in scripts.walk_revisions()}:
        raise WirewatchError("WW505", f"its revision is {revision}", source=where)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
