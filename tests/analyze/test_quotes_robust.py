"""Bad input never stops the quote finder: empty, unbalanced, huge or odd paragraphs."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.language import Language

from wirewatch.analyze.quotes import find_quotes
from wirewatch.model import Quote


def run(nlp: Language, *paragraphs: str) -> tuple[Quote, ...]:
    body = list(paragraphs)
    found = find_quotes(list(nlp.pipe(body)), [])
    for quote in found:
        assert body[quote.paragraph][quote.start : quote.end] == quote.text
        assert quote.kind in {"direct", "partial", "indirect"}
    return found


def test_no_paragraphs_no_quotes() -> None:
    assert find_quotes([], []) == ()


@pytest.mark.parametrize(
    "paragraph",
    [
        "",
        "   ",
        '"',
        '""',
        "“”",
        '" he said "',
        "said",
        ", he said.",
        "According to",
        '"Unclosed quote, he said, and then "another" one',
        "” A stray closing mark, officials said.",
        "He said: “",
        "'''''",
        "... — ...",
    ],
)
def test_odd_paragraphs_never_raise(nlp: Language, paragraph: str) -> None:
    run(nlp, paragraph)


def test_a_huge_paragraph_is_read_whole(nlp: Language) -> None:
    sentence = '"We will not pay," the minister said. Officials said the talks had failed. '
    found = run(nlp, sentence * 150)
    assert len([q for q in found if q.kind == "direct"]) == 150


def test_random_marks_and_words_never_raise(nlp: Language) -> None:
    rng = random.Random(4)
    words = ['"', "“", "”", "'", "‘", "’", "said", "he", "she", "told", "that", ",", ".", ":",
             "Lopez", "according", "to", "the", "minister", "we", "will"]  # fmt: skip
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(40)]
    run(nlp, *paragraphs)


def test_a_pipeline_without_tagger_or_parser_never_raises() -> None:
    blank = spacy.blank("en")
    rng = random.Random(7)
    words = ['"', "“", "”", "'", "said", "he", "told", "that", ",", ".", ":", "Lopez",
             "according", "to", "in", "the", "words", "of", "-", "saying", "was"]  # fmt: skip
    for _ in range(50):
        body = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(4)]
        for quote in find_quotes(list(blank.pipe(body)), []):
            assert body[quote.paragraph][quote.start : quote.end] == quote.text


def test_a_pipeline_without_parser_still_finds_a_plain_quote() -> None:
    blank = spacy.blank("en")
    found = find_quotes([blank('"We will not pay," he said.')], [])
    assert [(q.text, q.kind, q.verb) for q in found] == [("We will not pay", "direct", "say")]
