"""Opened stores (on the `store_url` of tests/conftest.py: SQLite, and PostgreSQL when
WIREWATCH_TEST_PG names a server) and the seed's analysis to write into them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from wirewatch.model import Analysis, RawPage, Source
from wirewatch.nlp import load, shipped_path
from wirewatch.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def store_nlp() -> Language:
    named = os.environ.get("WIREWATCH_MODEL")
    if named is None and not (shipped_path() / "config.cfg").is_file():
        pytest.skip("the shipped model is not built (make model)")
    if named is not None and not (Path(named) / "config.cfg").is_file():
        pytest.skip(f"WIREWATCH_MODEL={named} is not a pipeline folder")
    return load()


@pytest.fixture(scope="session")
def seed_analysis(seed_text: bytes, store_nlp: Language) -> Analysis:
    """The seed page run through the real pipeline, once per session."""
    from wirewatch.analyze import analyze
    from wirewatch.extract import extract

    source = Source(url="https://example.org/2016/07/turkey-russia-isis")
    return analyze(extract(RawPage(source, seed_text)), source, store_nlp)
