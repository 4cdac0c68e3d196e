"""Whether a coded act happened: ``asserted``, ``denied`` or ``hypothetical``.

"Turkey denied it might let Russia use Incirlik" is not Turkey letting Russia use
Incirlik. The act is read in its clause and in the clauses above it:

- **denied**: negated ("did not attack", "never met", "no talks were held", "neither
  X nor Y boycotted"); the complement of a denial or refusal ("denied having
  attacked", "refused to meet", "failed to reach a deal");
- **hypothetical**: a modal ("might", "could", "would", "may", "should", "can",
  "must"); the future ("will", "shall", "is set to", "plans to"): an act
  merely intended has not happened; a condition ("if", "unless"); the complement of
  a verb or noun that supposes, proposes, wants or asks ("suggested it might",
  "wants to", "urged X to", "the notion that"); a question.

Statements of intent themselves ("pledged to help", "threatened to attack") are acts:
the lexicon codes them with CAMEO's own categories (03, 13), and they are asserted
unless negated or supposed in turn. Reported speech keeps its modality: "Russia said
it had broken off ties" is asserted.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from wirewatch.analyze.events.clauses import has_lemma

Modality = Literal["asserted", "denied", "hypothetical"]
ASSERTED: Modality = "asserted"
DENIED: Modality = "denied"
HYPOTHETICAL: Modality = "hypothetical"

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nt", "nobody"})
MODALS = frozenset("might may could would should can must ca wo will shall 'll 'd ought".split())
# Verbs and nouns whose complement is denied: what they govern did not happen.
DENYING = frozenset(
    "deny refute dismiss reject refuse decline fail rule_out avoid deny_report "
    "denial refusal ban bar prevent block prohibit forbid deter".split()
)
# Verbs and nouns whose complement is only supposed, wanted or asked for. An attempt
# is not among them: "tried to hack", "an attempt to assassinate" is an act of force
# done, as CAMEO and PLOVER code it, whether or not it succeeded.
SUPPOSING = frozenset(
    (
        "suggest propose consider mull weigh contemplate envisage discuss explore "
        "want wish hope plan intend aim seek look expect prepare need threaten "
        "offer promise pledge vow agree decide ask urge call demand appeal press request "
        "order invite encourage push allow permit authorize let warn caution "
        "accuse blame allege charge suspect accusation allegation charge "
        "notion idea possibility prospect proposal plan suggestion offer threat call demand "
        "request rumor rumour speculation fear option scenario"
    ).split()
)
CONDITIONS = frozenset({"if", "unless", "whether", "provided", "lest"})
# A future an act is merely set for: "is set to", "is going to". "Is about to" is not
# among them: an act about to be done is under way, and CAMEO coders (TABARI, both
# PETRARCHs) code it as the act ("is about to restore ties" is restoring ties).
FUTURE_HEADS = frozenset({"set", "going", "due", "poised", "scheduled", "expected"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "'s", "'re", "am"})
# Dependencies through which a clause stands under the one above it.
GOVERNED = frozenset(
    {"xcomp", "ccomp", "advcl", "csubj", "acl", "obj", "dobj", "obl", "nmod", "amod"}
)
MAX_CLIMB = 8
# The future: an act announced as one that will be done is a statement of intent.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
REPORTING = frozenset(
    "say tell announce declare state add insist stress report confirm indicate warn".split()
)


def modality(head: Token, sentence: Span | None = None) -> Modality:
    """The modality of the act whose predicate is ``head`` (in ``sentence``, if given:
    finding a token's sentence takes a scan)."""
    own = _own(head)
    if own != ASSERTED:
        return own
    span = sentence if sentence is not None else head.sent
    if head.doc[span.end - 1].text == "?":
        return HYPOTHETICAL
    return _governed(head)


def _own(token: Token, future: bool = True) -> Modality:
    """What the predicate's own words say: negation, a modal, a future (unless
    ``future`` is False: an announcement), a condition."""
    found: Modality = ASSERTED
    modals = MODALS if future else MODALS - FUTURE_AUX
    for child in token.children:
        word = child.lower_
        if word in NEGATIONS and child.dep_ in {"advmod", "neg", "det", "cc:preconj", "preconj"}:
            return DENIED
        if word in modals and child.dep_ in {"aux", "aux:pass"}:
            found = HYPOTHETICAL
        if child.dep_ == "mark" and word in CONDITIONS:
            found = HYPOTHETICAL
    if _subject_negated(token):
        return DENIED
    return found


def _subject_negated(token: Token) -> bool:
    """ "Neither X nor Y boycotted", "no country recognised": the subject says no."""
    for child in token.children:
        if child.dep_.startswith("nsubj"):
            if any(g.lower_ in {"neither", "no", "none"} for g in child.children):
                return True
            if child.lower_ in {"none", "nobody", "neither"}:
                return True
    return False


def _governed(head: Token, future: bool = True) -> Modality:
    """What the clauses above say: a denial, a supposition, a modal or a future."""
    token = head
    for _ in range(MAX_CLIMB):
        if token.dep_ not in GOVERNED or token.head.i == token.i:
            return ASSERTED
        governor = token.head
        if has_lemma(governor, DENYING):
            return DENIED
        if _future(governor) or has_lemma(governor, SUPPOSING):
            return HYPOTHETICAL
        if token.dep_ in {"xcomp", "ccomp", "advcl"}:
            own = _own(governor, future)
            if own != ASSERTED:
                return own
        token = governor
    return ASSERTED


def intended(head: Token) -> bool:
    """An act announced for the future: "will support", "is set to restore", "said
    it would meet". CAMEO codes such an announcement as the intent to act (03, 13)."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in head.children):
        return False  # "if Iran attacks": a condition, not an announcement
    if _set_to(head):
        return True
    for child in head.children:
        if child.dep_ in {"aux", "aux:pass"} and child.lower_ in FUTURE_AUX:
            return True
        if child.dep_ in {"aux", "aux:pass"} and child.lower_ in {"would", "'d"}:
            return head.dep_ == "ccomp" and has_lemma(head.head, REPORTING)
    governor = head.head
    infinitive = head.dep_ == "xcomp" or any(c.lower_ == "to" for c in head.children)
    if head.dep_ not in {"xcomp", "advcl"} or governor.i == head.i or not infinitive:
        return False
    future_aux = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in governor.children)
    return future_aux or _future(governor)


def _own_negation(head: Token) -> bool:
    return _own(head) == DENIED


def announced(head: Token) -> Modality:
    """The modality of a statement of intent: asserted, unless negated ("will not")."""
    if _own_negation(head):
        return DENIED
    found = _governed(head, future=False)
    merely = _merely_future(head) or _set_to(head)
    return ASSERTED if found == HYPOTHETICAL and merely else found


def _set_to(head: Token) -> bool:
    """ "is set to restore", "are poised to meet", "was going to sign": read from the words
    before the verb, which parsers attach every which way."""
    doc, i = head.doc, head.i
    if i < 3 or doc[i - 1].lower_ != "to" or doc[i - 2].lower_ not in FUTURE_HEADS:
        return False
    return doc[i - 3].lemma_.lower() == "be" or doc[i - 3].lower_ in BE_FORMS


def _merely_future(head: Token) -> bool:
    """The clause above is hypothetical only by being the future ("is set to")."""
    governor = head.head
    return governor.i != head.i and _future(governor)


def _future(token: Token) -> bool:
    """ "is set to restore", "is due to meet", "is going to sign"."""
    return token.lower_ in FUTURE_HEADS and any(c.dep_ in {"cop", "aux"} for c in token.children)
