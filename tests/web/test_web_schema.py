"""schemathesis against the API's own OpenAPI schema: requests generated from it,
valid and not, never get a server error, and every answer fits the schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.web.web_client import BEARER, TOKEN, fill
from wirewatch.model import Analysis
from wirewatch.web.app import create_app

SCHEMA_DB = Path(os.environ.get("TMPDIR", "/tmp")) / f"wirewatch-schema-{os.getpid()}.db"


@pytest.fixture(scope="module")
def api_app(web_seed: Analysis) -> Iterator[Any]:
    SCHEMA_DB.unlink(missing_ok=True)
    url = f"sqlite:///{SCHEMA_DB}"
    fill(url, web_seed)
    app = create_app(url, token=TOKEN)
    yield app
    app.state.store.close()
    SCHEMA_DB.unlink(missing_ok=True)


def test_api_never_answers_with_a_server_error(api_app: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", api_app)
    checked = 0
    for found in schema.get_all_operations():
        operation = found.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fits(case: Any) -> None:
            headers = BEARER if case.method in ("POST", "DELETE") else {}
            case.call_and_validate(
                headers=headers, checks=[not_a_server_error, response_schema_conformance]
            )

        fits()
        checked += 1
    assert checked >= 10
