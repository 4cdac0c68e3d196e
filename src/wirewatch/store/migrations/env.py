"""Alembic's environment: runs on the connection that `migrate.py` hands over.

There is no alembic.ini and no offline mode: wirewatch upgrades a store when it
opens it, inside one transaction (SQLite and PostgreSQL both have transactional
DDL, so a failed migration leaves the store as it was).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from wirewatch.store.schema import VERSION_TABLE, metadata

# Any fixed number: processes that open one PostgreSQL store at once upgrade in turn.
_PG_LOCK = 0x77697265


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        # SQLite alters tables by copying them; batch mode does that for later revisions.
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


_run(context.config.attributes["connection"])
