"""Shared fixtures: the shared data folder (found by relative path), small pages, and
empty stores to test on.

Stores: a SQLite file, and PostgreSQL when WIREWATCH_TEST_PG names a server. Each
PostgreSQL test gets a schema of its own (dropped afterwards), named in the URL's
search_path, so tests and concurrent runs never see each other's rows. When the
variable is unset or the server cannot be reached, the PostgreSQL cases are
skipped and say why; the SQLite cases always run.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from spacy.language import Language
from sqlalchemy.engine import make_url

from benchmarks.shared import shared_dir
from wirewatch.nlp import load, shipped_path

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        pytest.skip("../shared (the project's shared data) is not beside this checkout")
    return found


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> bytes:
    return (shared / "seed" / "article.txt").read_bytes()


@pytest.fixture(scope="session")
def seed_expected(shared: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared / "seed" / "expected.json").read_text("utf-8"))
    return data


PG_ENV = "WIREWATCH_TEST_PG"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine | str]:
    """An engine on the test server, or the reason there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        yield f"{PG_ENV} is not set (.ci/run sets it to the local PostgreSQL server)"
        return
    parsed = make_url(url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(parsed, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0]
        yield f"PostgreSQL at {PG_ENV} cannot be reached: {reason}"
        return
    yield engine
    engine.dispose()


def _pg_schema(admin: sa.Engine) -> Iterator[str]:
    schema = f"ww_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_admin: sa.Engine | str
) -> Iterator[str]:
    """The URL of an empty store of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if isinstance(pg_admin, str):
        pytest.skip(pg_admin)
    yield from _pg_schema(pg_admin)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The shipped NLP pipeline, loaded once, or a skip when it is not built.

    WIREWATCH_MODEL may name another pipeline folder (an interim checkpoint while
    the shipped model trains).
    """
    named = os.environ.get("WIREWATCH_MODEL")
    if named is None and not (shipped_path() / "config.cfg").is_file():
        pytest.skip("the shipped model is not built (make model)")
    if named is not None and not (Path(named) / "config.cfg").is_file():
        pytest.skip(f"WIREWATCH_MODEL={named} is not a pipeline folder")
    return load()
