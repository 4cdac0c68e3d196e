"""The shipped model on the seed article: the entity labels issue 3 asks for."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from wirewatch.extract import extract
from wirewatch.model import RawPage, Source
from wirewatch.nlp import load, shipped_path

pytestmark = pytest.mark.skipif(
    not (shipped_path() / "config.cfg").is_file(), reason="the shipped model is not built"
)

EXPECTED = {
    "PERSON": ["Erdogan", "Putin", "Cavusoglu", "Peskov", "Chatayev"],
    "GPE": ["Turkey", "Russia", "Syria", "Germany", "Britain", "Saudi Arabia", "Qatar"],
    "FAC": ["Incirlik Air Base"],
    "ORG": ["Islamic State", "ISIS", "Daesh", "NATO", "United Nations"],
    "NORP": ["Turkish", "Russian"],
}


@pytest.fixture(scope="module")
def docs(seed_text: bytes) -> list[Doc]:
    article = extract(RawPage(Source(path="seed"), seed_text))
    return list(load().pipe([*article.body, *(c.text for c in article.captions)]))


@pytest.mark.parametrize(
    ("label", "name"), [(label, name) for label, names in EXPECTED.items() for name in names]
)
def test_seed_name_gets_its_label(docs: list[Doc], label: str, name: str) -> None:
    found = [e for d in docs for e in d.ents if name in e.text.split() or e.text == name]
    if label == "PERSON":
        assert any(e.label_ == "PERSON" for e in found), found
    else:
        exact = [e.label_ for e in found if e.text == name]
        assert exact and all(lab == label for lab in exact), found
