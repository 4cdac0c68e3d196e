"""Reporting verbs: which tokens attribute speech ("said", "told", "warned"), and which
attribute a stance, a thought or a perception ("believes", "knew", "found that").

The list is the package's own file (reporting_verbs.txt), read once. A token is
looked up by its lower-cased form first and its lemma second, so that a weak
lemmatizer costs nothing for the common forms. Forms that are also nouns
("reports", "claims", "comment", "warning") count only where the tagger calls
them verbs and no determiner stands before them: "his remarks" is not a verb,
nor is a noun the parse hangs from a preposition ("from all the reports that I
read").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Token

VERB_FILE = "reporting_verbs.txt"
# The file's sections after the speech verbs: verbs of thought and perception, and
# those of them that report a clause only after "that" or a wh-word.
STANCE_SECTION = "stance"
MARKED_SECTION = "stance: that"
# Determiners and possessives before a form make it a noun: "the report", "his comments".
_NOUN_MARKERS = frozenset("a an the his her its their our my your this these those whose".split())
_HAVE = frozenset("have has had 've 'd having".split())
# What follows a participle that introduces words: "with one poster writing "How ..."".
_INTRODUCING = frozenset({":", '"', "“", "‘"})
# Relations that only a noun holds: "from the reports that ...", "read the notes that ...".
_NOUN_DEPS = frozenset({"obl", "obj", "iobj", "nmod", "pobj", "dobj"})


# An -ing form reports speech after these: "..., adding that", "was saying", "while warning".
_BEFORE_GERUND = frozenset(
    ", and is was are were been be am while whilst after before as by also repeatedly".split()
)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The verb file read: speech forms to lemmas, stance forms to lemmas, the speech
    forms that are only ever verbs, and the stance lemmas that want "that" or a wh-word."""

    speech: dict[str, str]
    stance: dict[str, str]
    unambiguous: frozenset[str]
    marked_only: frozenset[str]


@cache
def _forms() -> _Lexicon:
    text = resources.files("wirewatch.analyze").joinpath(VERB_FILE).read_text("utf-8")
    tables: dict[str, dict[str, str]] = {"": {}, STANCE_SECTION: {}, MARKED_SECTION: {}}
    section = ""
    unambiguous: set[str] = set()
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] and words[0].startswith("["):
            section = " ".join(words).strip("[]")
            continue
        if not words:
            continue
        lemma = words[0]
        for form in words:
            tables[section].setdefault(form, lemma)
            if not section and form != lemma and not form.endswith(("s", "ing")):
                unambiguous.add(form)
    unambiguous.update({"say", "tell"})
    marked = tables[MARKED_SECTION]
    return _Lexicon(
        tables[""],
        {**tables[STANCE_SECTION], **marked},
        frozenset(unambiguous),
        frozenset(marked.values()),
    )


def lemmas() -> frozenset[str]:
    """Every reporting verb's lemma."""
    return frozenset(_forms().speech.values())


def stance_lemmas() -> frozenset[str]:
    """Every verb of thought, belief, knowledge or perception in the list."""
    return frozenset(_forms().stance.values())


def reporting_forms() -> Mapping[str, str]:
    """Every form of a reporting verb, to its lemma: a token whose lower-cased form and
    lemma are not here is no reporting verb, a test far cheaper than reporting_lemma."""
    return _forms().speech


def cue_forms() -> frozenset[str]:
    """Every form of a reporting or stance verb: the words that may attribute a clause."""
    lexicon = _forms()
    return frozenset(lexicon.speech) | frozenset(lexicon.stance)


def needs_marker(lemma: str) -> bool:
    """Whether a stance verb reports a clause only after "that" or a wh-word: "found that
    ...", "saw how ..."; "found the body was ..." is rare, "found the body" common."""
    return lemma in _forms().marked_only


def stance_lemma(token: Token) -> str | None:
    """The lemma of `token` when it is a verb of thought or perception ("believes",
    "knew"), else None. A stance reports what someone holds, not what they said."""
    stance = _forms().stance
    lemma = stance.get(token.lower_) or stance.get(token.lemma_.lower())
    if lemma is None or not token.text[:1].islower() or token.pos_ not in {"VERB", "AUX"}:
        return None
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if before in _NOUN_MARKERS or (token.lower_.endswith("ing") and before not in _BEFORE_GERUND):
        return None  # "the thought", "knowing the risks, ..."
    return None if _compound(token) or _adjectival(token) else lemma


def _adjectival(token: Token) -> bool:
    """ "the most well known effects": a participle that no "have" governs describes."""
    if token.tag_ != "VBN":
        return False
    j = token.i - 1
    while j >= 0 and token.doc[j].pos_ in {"ADV", "PART"}:
        j -= 1
    return j < 0 or token.doc[j].lower_ not in _HAVE


def _compound(token: Token) -> bool:
    """ "well-understood", "long-feared": a form hyphened to the word before modifies."""
    if token.i == 0:
        return False
    hyphen = token.nbor(-1)
    return hyphen.text in {"-", "‑"} and not hyphen.whitespace_


def reporting_lemma(token: Token) -> str | None:
    """The lemma of `token` when it is a reporting verb in its sentence, else None."""
    lexicon = _forms()
    lemma_of, unambiguous = lexicon.speech, lexicon.unambiguous
    form = token.lower_
    lemma = lemma_of.get(form) or lemma_of.get(token.lemma_.lower())
    if lemma is None or not token.text[:1].islower():
        return None
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if before in _NOUN_MARKERS or _compound(token):
        return None  # "his remarks", "the said Congress", "much-reported"
    if form in unambiguous:
        return lemma if token.pos_ not in {"NOUN", "PROPN"} else None
    after = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    # "The Department notes, "Ozone ..."": a tagger may call it a noun; what follows says not
    introduces = after in {",", ":", "that"} and token.dep_ not in _NOUN_DEPS
    if token.pos_ not in {"VERB", "AUX"} and not (introduces and token.pos_ == "NOUN"):
        return None
    if form.endswith("ing") and before not in _BEFORE_GERUND and after not in _INTRODUCING:
        return None  # "adding the mineral to salt is ...": a gerund, not a report
    return lemma
