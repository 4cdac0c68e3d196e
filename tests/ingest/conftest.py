"""Fixtures for the ingest tests: a real HTTP server on loopback, and a fetcher for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ingest.local_web import LocalWeb, loopback_options, serve
from wirewatch.ingest.fetch import Fetcher


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    web, server = serve()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(loopback_options()) as made:
        yield made
