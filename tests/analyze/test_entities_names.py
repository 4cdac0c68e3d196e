"""What an entity's own name says of it: the country an organisation, a title or a
region is named for, and an organisation's sector from its head noun."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.analyze.entities import resolve
from wirewatch.model import Entity


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def one(nlp: Language, text: str, name: str, label: str) -> Entity:
    doc: Doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    doc.ents = [span]
    (entity,) = [e for e in resolve([doc]) if e.name == name or name in e.aliases]
    return entity


def test_an_organisation_named_for_a_country_is_of_it_with_its_heads_sector(
    blank: Language,
) -> None:
    assembly = one(blank, "The French National Assembly voted.", "French National Assembly", "ORG")
    assert (assembly.country, assembly.sector) == ("FRA", "LEG")
    union = one(
        blank, "The Nigerian Union of Teachers struck.", "Nigerian Union of Teachers", "ORG"
    )
    assert (union.country, union.sector) == ("NGA", "LAB")


def test_a_region_named_by_a_compass_point_is_in_its_country(blank: Language) -> None:
    assert one(blank, "Troops entered South Lebanon.", "South Lebanon", "LOC").country == "LBN"


def test_a_person_named_of_a_country_is_of_it(blank: Language) -> None:
    king = one(blank, "King Hassan of Morocco spoke.", "Hassan of Morocco", "PERSON")
    assert king.country == "MAR"


def test_a_title_that_starts_with_a_country_adjective_gives_the_country(blank: Language) -> None:
    text = "Russian Foreign Minister Andrei Kozyrev spoke."
    minister = one(blank, text, "Andrei Kozyrev", "PERSON")
    assert (minister.country, minister.code) == ("RUS", "RUSGOV")
