"""The web app on a store the real pipeline filled from the seed (SQLite, and
PostgreSQL when WIREWATCH_TEST_PG names a server), and an in-process client
(httpx over the ASGI transport) to ask it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from tests.web.web_client import SEED_URL, Client, client_on, fill
from wirewatch.model import Analysis, RawPage, Source


@pytest.fixture(scope="session")
def web_seed(seed_text: bytes, nlp: Language) -> Analysis:
    """The seed page run through the real pipeline, once per session."""
    from wirewatch.analyze import analyze
    from wirewatch.extract import extract

    source = Source(url=SEED_URL)
    return analyze(extract(RawPage(source, seed_text)), source, nlp)


@pytest.fixture
def seeded_url(store_url: str, web_seed: Analysis) -> str:
    fill(store_url, web_seed)
    return store_url


@pytest.fixture
def client(seeded_url: str) -> Iterator[Client]:
    made = client_on(seeded_url)
    yield made
    made.close()
