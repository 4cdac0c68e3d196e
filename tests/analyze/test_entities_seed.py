"""The seed article's entities, scored as ../shared/seed/README.md says: each expected
entity found once, with its type, its country where given, and every listed spelling
linked to it. Extra correct entities are fine.

Captions are resolved with the body (as paragraphs after it): two of the expected people
are named only in a caption.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from wirewatch.analyze.entities import resolve
from wirewatch.extract import extract
from wirewatch.model import Entity, RawPage, Source


@pytest.fixture(scope="module")
def entities(nlp: Language, seed_text: bytes) -> tuple[Entity, ...]:
    article = extract(RawPage(Source(path="seed"), seed_text))
    texts = [*article.body, *(c.text for c in article.captions)]
    return resolve(list(nlp.pipe(texts)))


def _expected(seed_expected: dict[str, Any]) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = seed_expected["entities"]
    return listed


def test_every_expected_seed_entity_is_found_once_with_its_type_country_and_spellings(
    entities: tuple[Entity, ...], seed_expected: dict[str, Any]
) -> None:
    problems = []
    for want in _expected(seed_expected):
        found = [e for e in entities if e.name == want["name"]]
        if len(found) != 1:
            problems.append(f"{want['name']}: found {len(found)} times")
            continue
        got = found[0]
        if got.type != want["type"]:
            problems.append(f"{want['name']}: type {got.type}, not {want['type']}")
        if "country" in want and got.country != want["country"]:
            problems.append(f"{want['name']}: country {got.country}, not {want['country']}")
        missing = set(want.get("mentions_include", ())) - {m.text for m in got.mentions}
        if missing:
            problems.append(f"{want['name']}: {sorted(missing)} not linked")
    assert not problems, "\n".join(problems)


def test_seed_people_get_their_roles(
    entities: tuple[Entity, ...], seed_expected: dict[str, Any]
) -> None:
    for want in _expected(seed_expected):
        if "role" in want:
            (got,) = [e for e in entities if e.name == want["name"]]
            assert (got.role or "").lower() == want["role"].lower(), want["name"]


def test_no_seed_spelling_is_split_off_into_an_entity_of_its_own(
    entities: tuple[Entity, ...], seed_expected: dict[str, Any]
) -> None:
    for want in _expected(seed_expected):
        for spelling in want.get("mentions_include", ()):
            owners = {e.name for e in entities for m in e.mentions if m.text == spelling}
            assert owners == {want["name"]}, spelling
