"""The shipped model's eval gate: dev scores may only go up.

The floors sit just under what the shipped model scores (its MODEL_CARD.md has the
figures, `make bench-nlp` the full table); a retrained model that scores below any
of them does not ship. Scored on the whole dev sets, converted from ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.nlp import load, shipped_path
from wirewatch.nlp.train import evaluate
from wirewatch.nlp.train.corpus import convert_ewt, convert_meantime

pytestmark = pytest.mark.skipif(
    not (shipped_path() / "config.cfg").is_file(), reason="the shipped model is not built"
)

FLOORS = {
    "ewt entities F1": 0.58,
    "meantime entities F1": 0.56,
    "ewt las": 0.79,
    "ewt pos accuracy": 0.935,
    "ewt lemma accuracy": 0.94,
}


@pytest.fixture(scope="module")
def model() -> Language:
    return load()


@pytest.fixture(scope="module")
def ewt_dev(model: Language, shared: Path) -> list[Doc]:
    return convert_ewt(model.vocab, shared / "data" / "nlp", "dev").docs


@pytest.fixture(scope="module")
def scores(model: Language, ewt_dev: list[Doc], shared: Path) -> dict[str, float]:
    meantime = convert_meantime(model.vocab, shared / "data" / "nlp").docs
    ewt_predicted = evaluate.predict(model, ewt_dev)
    syntax = evaluate.score_syntax(ewt_predicted, ewt_dev)
    meantime_predicted = evaluate.predict(model, meantime)
    return {
        "ewt entities F1": evaluate.score_entities(ewt_predicted, ewt_dev).total.f1,
        "meantime entities F1": evaluate.score_entities(meantime_predicted, meantime).total.f1,
        "ewt las": syntax["las"],
        "ewt pos accuracy": syntax["pos_acc"],
        "ewt lemma accuracy": syntax["lemma_acc"],
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_score_is_at_least_its_floor(scores: dict[str, float], name: str) -> None:
    assert scores[name] >= FLOORS[name], f"{name} {scores[name]:.3f} < floor {FLOORS[name]}"


def test_the_shipped_files_stay_under_40_mb() -> None:
    size = sum(f.stat().st_size for f in shipped_path().rglob("*") if f.is_file())
    assert size < 40_000_000, f"{size / 1e6:.1f} MB"


def test_the_model_card_carries_the_measured_scores() -> None:
    meta = json.loads((shipped_path() / "meta.json").read_text("utf-8"))
    card = (shipped_path() / "MODEL_CARD.md").read_text("utf-8")
    assert meta["performance"], "meta.json has no scores"
    assert "LICENSES_SOURCES" in card
    assert (shipped_path() / "LICENSES_SOURCES").is_file()
