"""Opened stores (on the `store_url` of tests/conftest.py: SQLite, and PostgreSQL when
WIREWATCH_TEST_PG names a server) and the seed's analysis to write into them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from wirewatch.model import Analysis, RawPage, Source
from wirewatch.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seed_analysis(seed_text: bytes, nlp: Language) -> Analysis:
    """The seed page run through the real pipeline, once per session."""
    from wirewatch.analyze import analyze
    from wirewatch.extract import extract

    source = Source(url="https://example.org/2016/07/turkey-russia-isis")
    return analyze(extract(RawPage(source, seed_text)), source, nlp)
