"""Sentence boundaries for news: where the parser must not start a sentence.

The parser finds sentences, but a full stop is not always the end of one in
news copy: "Gen.", "Sept.", "Lt. Col." precede names and dates; "U.S." and "5
p.m." end in a stop mid-sentence; a dateline ("ANKARA (Reuters) --") opens the
first sentence rather than being one. This component, placed before the parser,
marks the tokens after such stops as not starting a sentence, which the parser
respects.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.nlp.tokens import MONTHS, TITLES

_NEVER_BEFORE = frozenset(
    (*TITLES, *MONTHS, "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Mt.", "Ft.", "No.", "Nos.",
     "vs.", "v.", "Jr.", "Sr.", "Inc.", "Corp.", "Ltd.", "Co.", "Bros.", "etc.")
)  # fmt: skip
# "U.S.", "U.N.", "p.m.", "J.": abbreviations that end a sentence only before a capital.
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){1,4}$")
_DASHES = frozenset({"-", "--", "—", "–", ":"})
DATELINE_MAX_TOKENS = 12


def _dateline_end(doc: Doc) -> int:
    """The index of the dash that closes an opening dateline, or -1."""
    for token in doc[:DATELINE_MAX_TOKENS]:
        if token.text in _DASHES and token.i > 0:
            words = [t for t in doc[: token.i] if t.is_alpha]
            if words and all(t.is_upper or t.text[0].isupper() for t in words):
                return token.i
            return -1
        if token.text in {".", "!", "?"}:
            return -1
    return -1


def _mid_sentence(previous: str, token: str) -> bool:
    if previous in _NEVER_BEFORE:
        return True
    if _ABBREVIATION.match(previous) or previous in {"...", "…"}:
        return token[:1].islower() or token[:1].isdigit()
    return False


def mark_sentences(doc: Doc) -> Doc:
    end = _dateline_end(doc)
    for token in doc[1 : end + 2]:
        token.is_sent_start = False
    for token in doc[max(end + 2, 1) :]:
        if _mid_sentence(doc[token.i - 1].text, token.text):
            token.is_sent_start = False
    return doc


@Language.component("wirewatch_sentences")
def wirewatch_sentences(doc: Doc) -> Doc:
    """Mark where a sentence cannot start; the parser decides the rest."""
    return mark_sentences(doc)
