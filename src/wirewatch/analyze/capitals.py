"""Capitals acting as their governments: "Ankara said", "ties with Moscow".

A capital is folded into its country only where it speaks, acts or is dealt with;
"in Moscow", "flew to Ankara" and "Moscow police" are the city, which stays a place.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirewatch import knowledge
from wirewatch.analyze.mentions import BODY_WORDS, POSSESSIVES, name_word
from wirewatch.knowledge import Country

# Where a capital is a place, not its government: "in Moscow", "flights to Ankara".
PLACE_PREPOSITIONS = frozenset(
    "in at to into from near outside inside around across through toward towards via "
    "over throughout within beyond off onto".split()
)
# Verbs whose object is a place even when the place is a capital: "visited Moscow".
PLACE_VERBS = frozenset(
    "visit reach leave enter tour capture seize shell bomb strike hit attack besiege "
    "evacuate flee return arrive fly travel move".split()
)
# Dependencies in which a capital acts or is dealt with as its government.
# Both the ClearNLP labels and the Universal Dependencies ones the shipped parser uses.
ACTOR_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "nsubj:pass",
        "agent",
        "obl:agent",
        "poss",
        "nmod:poss",
        "dative",
        "iobj",
    }
)
# Relations with whom are dealings with the government: "ties with Ankara", "talks with".
ACTOR_PREPOSITIONS = frozenset({"with", "against", "by", "between", "on", "for"})
BODY_WORDS_LOWER = frozenset(w.lower() for w in BODY_WORDS)
# Words that make a capital before them the subject of a clause: "Ankara could open".
FINITE_WORDS = frozenset(
    "said says say has have had is was were will would could can may might must should "
    "wants wanted did does denied denies accused accuses warned warns".split()
)


def capital_of(text: str) -> str | None:
    """The ISO code of the one country whose capital or seat of government ``text`` is."""
    hits = knowledge.lookup(text)
    codes = {
        h.entry.iso3 for h in hits if isinstance(h.entry, Country) and h.via in ("capital", "seat")
    }
    return codes.pop() if len(codes) == 1 else None


def acts_as_government(span: Span) -> bool:
    """Whether a capital stands for its government: it speaks, acts or is dealt with.

    "Ankara said", "cooperate with Moscow", "Moscow's support", "Moscow, which had broken
    off ties": the government. "in Moscow", "flew to Ankara", "Moscow police": the city.
    The words beside it decide first, as they do not depend on the parser; the parse
    decides the rest.
    """
    by_words = _acts_by_words(span)
    if by_words is not None:
        return by_words
    if not span.doc.has_annotation("DEP"):
        return False
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    preposition = _preposition_of(root)
    if preposition is not None:
        return preposition in ACTOR_PREPOSITIONS
    if root.dep_ in ("dobj", "obj"):
        return root.head.lemma_.lower() not in PLACE_VERBS
    return root.dep_ in ACTOR_DEPS


def _preposition_of(token: Token) -> str | None:
    """The preposition a noun is the object of, in either scheme the parser may use:
    ClearNLP (the noun is the preposition's ``pobj``) or Universal Dependencies (the
    preposition is the noun's ``case``)."""
    if token.dep_ == "pobj":
        return token.head.lower_
    case = next((child for child in token.children if child.dep_ == "case"), None)
    return case.lower_ if case is not None and case.lower_ not in POSSESSIVES else None


def _acts_by_words(span: Span) -> bool | None:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    if before in PLACE_PREPOSITIONS:
        return False
    if before in ACTOR_PREPOSITIONS:
        return True
    if after is None:
        return None
    if name_word(after.text) or after.lower_ in BODY_WORDS_LOWER:
        return False  # "Moscow Mayor", "Moscow police": the city's own
    if after.text in POSSESSIVES or after.lower_ in FINITE_WORDS:
        return True
    if after.text == "," and span.end + 1 < len(doc):
        return doc[span.end + 1].lower_ in ("which", "who") or None
    return True if after.pos_ in ("VERB", "AUX") and after.tag_ != "VBG" else None
