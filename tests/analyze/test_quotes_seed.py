"""The seed article's quotes, scored by the rules of ../shared/seed/README.md."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from wirewatch.analyze.quotes import find_quotes
from wirewatch.extract import extract
from wirewatch.model import Quote, RawPage, Source


@pytest.fixture(scope="module")
def seed_quotes(nlp: Language, seed_text: bytes) -> tuple[Quote, ...]:
    entities = pytest.importorskip("wirewatch.analyze.entities")
    article = extract(RawPage(Source(path="seed"), seed_text))
    docs = list(nlp.pipe(article.body))
    return find_quotes(docs, entities.resolve(docs))


def test_every_required_seed_quote_is_found_with_its_speaker(
    seed_quotes: tuple[Quote, ...], seed_expected: dict[str, Any]
) -> None:
    for want in seed_expected["quotes"]:
        ends = want.get("ends", want["starts"])
        found = [q for q in seed_quotes if want["starts"] in q.text and ends in q.text]
        assert found, f"not found: {want['starts']!r}"
        names = [q.speaker.name if q.speaker else None for q in found]
        assert want["speaker"] in names, f"{want['starts']!r} said by {names}"


def test_seed_quotes_point_into_their_paragraphs(
    seed_quotes: tuple[Quote, ...], seed_text: bytes
) -> None:
    body = extract(RawPage(Source(path="seed"), seed_text)).body
    for quote in seed_quotes:
        assert body[quote.paragraph][quote.start : quote.end] == quote.text
