"""What an announcement codes as: the intent to act, a threat, or a demand.

CAMEO codes a statement of what will be done as the intent to do it, and a statement
of what another side must do as a demand on it. The coder asks here before it reads an
act's modality:

- an act announced for the future ("will provide aid", "is set to restore ties",
  "said it would meet") is coded with CAMEO's intent category for it (033, 032, 036,
  0354, ...) or, for force, as a threat (1384, 1313, ...), and the announcement is
  asserted; acts CAMEO has no announcement for (statements, appeals, protests, shows
  of force) keep their code and are hypothetical;
- the lexicon's generic intent ("plans to V", 030) is made specific by V coded alone:
  "is planning to impose sanctions" is a threat of sanctions (1312);
- a statement that another side must or should act ("Britain said Libya must hand
  over the suspects") is a demand (100) on that side.
"""

from __future__ import annotations

from dataclasses import replace

from wirewatch.analyze.events.clauses import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    Frame,
    has_that,
    that_clauses,
    verb_frame,
)
from wirewatch.analyze.events.codebook import is_cameo
from wirewatch.analyze.events.lexicon import Lexicon
from wirewatch.analyze.events.modality import Modality, announced, intended, modality

# The lexicon's code for an intent it has no more specific entry for.
GENERIC_INTENT = "030"
# Roots that are announcements already: intents and threats.
ANNOUNCING_ROOTS = frozenset({"03", "13"})
# A statement that someone must act is a demand (CAMEO 100).
OBLIGATION = frozenset({"must", "should"})
DEMAND = "100"
# Roots of appeals and demands, made of the side their that-clause names.
ASKING_ROOTS = frozenset({"02", "10"})
# How a that-clause hangs from the noun it says the content of.
NOUN_CLAUSES = frozenset({"acl", "acl:relcl", "relcl", "ccomp"})
# Roots of statements: their target is only one the clause names.
STATEMENT_ROOTS = frozenset({"01"})


def demand(frame: Frame) -> Frame:
    """A statement that another side must or should act is a demand on that side:
    "Britain said Libya must hand over the suspects" is Britain demanding of Libya. An
    appeal or demand that another side act is made of that side: "demanded that
    President Mugabe abandon his policy" is aimed at Mugabe."""
    if frame.kind != "verb":
        return _asked_of(frame)
    for child in that_clauses(frame.head):
        subjects = tuple(c for c in child.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS)
        obliged = any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in child.children)
        if subjects and obliged and frame.code[:2] in STATEMENT_ROOTS:
            return replace(frame, entry=replace(frame.entry, code=DEMAND), patients=subjects)
        if subjects and frame.code[:2] in ASKING_ROOTS:
            return replace(frame, patients=subjects + frame.patients)
    return frame


def _asked_of(frame: Frame) -> Frame:
    """A demand or an appeal named by a noun is made of the side its that-clause names,
    also where the parser hung the clause on the verb the noun is the object of:
    "reiterated its demand that Israel ease restrictions"."""
    head = frame.head
    if frame.code[:2] not in ASKING_ROOTS:
        return frame
    clauses = [c for c in head.children if c.dep_ in NOUN_CLAUSES and has_that(c)]
    if head.dep_ in OBJECTS:
        clauses += [c for c in that_clauses(head.head) if has_that(c)]
    for clause in clauses:
        subjects = tuple(c for c in clause.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS)
        if subjects:
            return replace(frame, patients=subjects + frame.patients)
    return frame


# ---------------------------------------------------------------- intent


def specific_intent(frame: Frame, lexicon: Lexicon) -> Frame:
    """The lexicon codes "plans to V" by the generic intent (030) when it has no entry
    for the plan and V: then V, coded alone, says which intent it is ("is planning to
    impose sanctions" is a threat of sanctions, 1312; "wants to send aid" 033)."""
    if frame.code != GENERIC_INTENT or frame.complement is None or not _generic(frame):
        return frame
    inner = verb_frame(frame.complement, lexicon, frame.sentence)
    code = intent_code(inner.code) if inner is not None else None
    if code is None:
        return frame
    return replace(frame, entry=replace(frame.entry, code=code))


def _generic(frame: Frame) -> bool:
    """An entry that names no word after "to" ("$INTEND to"), not one written for the
    complement ("$INTEND to cooperate")."""
    entry = frame.entry
    return entry.object is None and all(
        slot.object is None and slot.complement_object is None for slot in entry.prepositions
    )


def announcement(frame: Frame) -> tuple[Frame, Modality]:
    """An act announced for the future is coded as the intent to do it, and the
    announcement is asserted; other acts keep their code and modality."""
    if not intended(frame.head):
        return frame, modality(frame.head, frame.sentence)
    if frame.code[:2] in ANNOUNCING_ROOTS:
        return frame, announced(frame.head)
    intent = intent_code(frame.code)
    if intent is None:
        return frame, modality(frame.head, frame.sentence)
    return replace(frame, entry=replace(frame.entry, code=intent)), announced(frame.head)


def intent_code(code: str) -> str | None:
    """The CAMEO code for announcing an act: "will meet" is 036, "will provide aid" 033,
    "will lift sanctions" 0354, "will attack" 1384 (a threat). None for acts CAMEO has
    no announcement for (statements, appeals, accusations): those stay hypothetical."""
    root = code[:2]
    if root in _INTENT_ROOTS:
        base = _INTENT_ROOTS[root]
        specific = base + code[2] if len(code) == 3 and code[2] != "0" else base
        return specific if is_cameo(specific) and root in _SPECIFIC_INTENTS else base
    if root == "08":
        return _YIELD_INTENTS.get(code[:3], "035")
    if root in _THREATS:
        return _THREATS[root].get(code[:3], _THREATS[root]["*"])
    return None


_INTENT_ROOTS = {"04": "036", "05": "032", "06": "031", "07": "033"}
_SPECIFIC_INTENTS = frozenset({"06", "07"})  # 061 -> 0311, 073 -> 0333
_YIELD_INTENTS = {
    "081": "0351",
    "082": "0352",
    "083": "034",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
}
_THREATS: dict[str, dict[str, str]] = {
    "16": {"*": "131", "161": "1313", "163": "1312", "166": "1311"},
    "17": {"*": "137"},
    "18": {"*": "1383"},
    "19": {"*": "1384", "191": "1381", "192": "1382"},
    "20": {"*": "1385"},
}
