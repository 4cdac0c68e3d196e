"""Reporting verbs: which tokens attribute speech ("said", "told", "warned").

The list is the package's own file (reporting_verbs.txt), read once. A token is
looked up by its lower-cased form first and its lemma second, so that a weak
lemmatizer costs nothing for the common forms. Forms that are also nouns
("reports", "claims", "comment", "warning") count only where the tagger calls
them verbs and no determiner stands before them: "his remarks" is not a verb.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

from spacy.tokens import Token

VERB_FILE = "reporting_verbs.txt"
# Determiners and possessives before a form make it a noun: "the report", "his comments".
_NOUN_MARKERS = frozenset("a an the his her its their our my your this these those whose".split())


# An -ing form reports speech after these: "..., adding that", "was saying", "while warning".
_BEFORE_GERUND = frozenset(
    ", and is was are were been be am while whilst after before as by also repeatedly".split()
)


@cache
def _forms() -> tuple[dict[str, str], frozenset[str]]:
    """Form -> lemma, and the forms that are only ever verbs (past tenses)."""
    text = resources.files("wirewatch.analyze").joinpath(VERB_FILE).read_text("utf-8")
    lemma_of: dict[str, str] = {}
    unambiguous: set[str] = set()
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        lemma = words[0]
        for form in words:
            lemma_of.setdefault(form, lemma)
            if form != lemma and not form.endswith(("s", "ing")):
                unambiguous.add(form)
    unambiguous.update({"say", "tell"})
    return lemma_of, frozenset(unambiguous)


def lemmas() -> frozenset[str]:
    """Every reporting verb's lemma."""
    return frozenset(_forms()[0].values())


def reporting_forms() -> Mapping[str, str]:
    """Every form of a reporting verb, to its lemma: a token whose lower-cased form and
    lemma are not here is no reporting verb, a test far cheaper than reporting_lemma."""
    return _forms()[0]


def reporting_lemma(token: Token) -> str | None:
    """The lemma of `token` when it is a reporting verb in its sentence, else None."""
    lemma_of, unambiguous = _forms()
    form = token.lower_
    lemma = lemma_of.get(form) or lemma_of.get(token.lemma_.lower())
    if lemma is None or not token.text[:1].islower():
        return None
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if before in _NOUN_MARKERS:
        return None  # "his remarks", "the said Congress"
    if form in unambiguous:
        return lemma if token.pos_ not in {"NOUN", "PROPN"} else None
    after = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    # "The Department notes, "Ozone ..."": a tagger may call it a noun; what follows says not
    introduces = after in {",", ":", "that"}
    if token.pos_ not in {"VERB", "AUX"} and not (introduces and token.pos_ == "NOUN"):
        return None
    if form.endswith("ing") and before not in _BEFORE_GERUND:
        return None  # "adding the mineral to salt is ...": a gerund, not a report
    return lemma
