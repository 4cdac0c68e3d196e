"""The quotes eval gate: GUM dev attribution scores may only go up.

The floors sit just under what `benchmarks/quotes.py` prints for GUM dev with the
shipped model; raise them when a change lifts the scores, never lower them to let a
change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from benchmarks.quotes import Tally, entity_resolver, score_gum, speech_verbs

FLOORS = {
    ("all attributions", "f1"): 0.63,
    ("news + interview", "f1"): 0.77,
    ("reported speech", "f1"): 0.65,
    ("other (stance)", "f1"): 0.55,
    ("all attributions", "direct speaker"): 0.90,
}


@pytest.fixture(scope="module")
def tallies(nlp: Language, shared: Path) -> dict[str, Tally]:
    path = shared / "data/nlp/ud_english_gum/en_gum-ud-dev.conllu.xz"
    _, resolve = entity_resolver()
    found, _ = score_gum(nlp, path, resolve, speech_verbs(shared))
    return found


@pytest.mark.parametrize(("row", "score"), sorted(FLOORS))
def test_gum_dev_score_is_at_least_its_floor(
    tallies: dict[str, Tally], row: str, score: str
) -> None:
    tally = tallies[row]
    value = tally.f1 if score == "f1" else tally.direct_accuracy
    assert value >= FLOORS[row, score], f"{row} {score} {value:.3f} < {FLOORS[row, score]}"
