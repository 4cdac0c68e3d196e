"""The seed article with the gazetteer alone: what the rules give without a trained model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from wirewatch.nlp.gazetteer import FACTORY

GPE = {
    "Turkey": "TUR",
    "Russia": "RUS",
    "Syria": "SYR",
    "Germany": "DEU",
    "Britain": "GBR",
    "Saudi Arabia": "SAU",
    "Qatar": "QAT",
    "United States": "USA",
    "Istanbul": "TUR",
    "Ankara": "TUR",
    "Moscow": "RUS",
}
ORG = ["Islamic State", "ISIS", "Daesh", "NATO", "United Nations", "Islamic States", "TRT Haber"]
NORP = {"Turkish": "TUR", "Russian": "RUS", "Chechen": "RUS"}


@pytest.fixture(scope="module")
def seed(seed_text: bytes) -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY)
    return nlp(seed_text.decode("utf-8"))


def found(doc: Doc, label: str) -> dict[str, set[str | None]]:
    table: dict[str, set[str | None]] = {}
    for entity in doc.ents:
        if entity.label_ == label:
            table.setdefault(entity.text, set()).add(entity._.country)
    return table


def test_seed_countries_and_cities_are_gpe_with_their_codes(seed: Doc) -> None:
    places = found(seed, "GPE")
    for name, code in GPE.items():
        assert places.get(name) == {code}, name


def test_seed_groups_and_bodies_are_organisations(seed: Doc) -> None:
    organisations = found(seed, "ORG")
    assert [name for name in ORG if name not in organisations] == []
    assert organisations["Kremlin"] == {"RUS"}
    assert organisations["U.S. Air Force"] == {"USA"}


def test_seed_incirlik_is_a_facility_in_turkey(seed: Doc) -> None:
    facilities = found(seed, "FAC")
    assert facilities["Incirlik Air Base"] == {"TUR"}
    assert facilities["Incirlik"] == {"TUR"}
    assert facilities["Ataturk Airport"] == {"TUR"}


def test_seed_demonyms_are_norp(seed: Doc) -> None:
    groups = found(seed, "NORP")
    for name, code in NORP.items():
        assert groups.get(name) == {code}, name


def test_seed_people_are_not_places(seed: Doc) -> None:
    names = {entity.text for entity in seed.ents}
    assert not names & {"Vladimir", "Recep", "Tayyip", "Dmitry", "Akhmed"}
