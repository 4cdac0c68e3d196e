"""The shipped model splits news into sentences the way a reader does."""

from __future__ import annotations

import pytest

from wirewatch.nlp import load, shipped_path

pytestmark = pytest.mark.skipif(
    not (shipped_path() / "config.cfg").is_file(), reason="the shipped model is not built"
)


def sentences(text: str) -> list[str]:
    return [s.text for s in load()(text).sents]


@pytest.mark.parametrize(
    "text",
    [
        "Incirlik hosts aircraft involved in the U.S.-led air campaign against Islamic State.",
        "On Sept. 5, Gen. Mark Milley met Lt. Col. Ann Jones at the base.",
        '"We will cooperate with everyone who fights Daesh," he told TRT Haber on Sunday.',
        "The talks ended at 5 p.m. on Friday in the U.S. capital.",
    ],
)
def test_one_sentence_stays_one(text: str) -> None:
    assert sentences(text) == [text]


def test_a_dateline_never_cuts_the_sentence_it_opens() -> None:
    # The parser may keep the dateline apart or in the sentence; the sentence stays whole.
    text = "ANKARA (Reuters) -- Turkey said on Monday it wanted to cooperate with Moscow."
    split = sentences(text)
    assert split[-1].endswith("Turkey said on Monday it wanted to cooperate with Moscow.")
    assert len(split) <= 2 and all(s.startswith(("ANKARA", "Turkey")) for s in split)


def test_an_ellipsis_between_sentences_is_kept_whole() -> None:
    text = (
        '"We said that we could cooperate with Russia in the fight against Daesh [ISIS]...'
        'I did not make any comment referring to Russian planes."'
    )
    split = sentences(text)
    assert "".join(s.replace(" ", "") for s in split) == text.replace(" ", "")
    assert all("ISIS]" not in t.text for t in load()(text))


def test_two_sentences_are_two() -> None:
    text = "Turkey denied the report on Monday. Russia said it had no contact with Ankara."
    assert sentences(text) == [
        "Turkey denied the report on Monday.",
        "Russia said it had no contact with Ankara.",
    ]
