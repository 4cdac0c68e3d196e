"""Receivers on loopback, alert settings pointing at them, and the seed's analysis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from tests.follow.receivers import Hooks, HookServer, SmtpServer, start_hooks, start_smtp
from wirewatch.model import Analysis, RawPage, Source

SECRET = "s3cret-for-tests"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = start_smtp()
    yield server
    server.stop()


@pytest.fixture
def hooks() -> Iterator[HookServer]:
    server = start_hooks(Hooks(secret=SECRET))
    yield server
    server.stop()


@pytest.fixture
def alert_env(monkeypatch: pytest.MonkeyPatch, smtp: SmtpServer) -> SmtpServer:
    """Settings that send mail to the loopback server and retry quickly."""
    for name in [n for n in os.environ if n.startswith("WIREWATCH_")]:
        if name not in ("WIREWATCH_TEST_PG", "WIREWATCH_MODEL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("WIREWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WIREWATCH_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("WIREWATCH_SMTP_TLS", "none")
    monkeypatch.setenv("WIREWATCH_SMTP_FROM", "alerts@wirewatch.test")
    monkeypatch.setenv("WIREWATCH_ALERT_BACKOFF", "0.05")
    monkeypatch.setenv("WIREWATCH_ALERT_ATTEMPTS", "4")
    monkeypatch.setenv("WIREWATCH_ALERT_TIMEOUT", "5")
    return smtp


@pytest.fixture(scope="session")
def seed_analysis_for_follows(seed_text: bytes, nlp: Language) -> Analysis:
    """The seed page run through the real pipeline, once per session."""
    from wirewatch.analyze import analyze
    from wirewatch.extract import extract

    source = Source(url="https://example.org/2016/07/turkey-russia-isis")
    return analyze(extract(RawPage(source, seed_text)), source, nlp)


@pytest.fixture(scope="session")
def un_list(shared: Path) -> Path:
    return shared / "data" / "watchlists" / "un_consolidated_2017-07-03.xml"
