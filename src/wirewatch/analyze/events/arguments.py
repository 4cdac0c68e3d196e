"""Who acted and on whom: the source and target actors of a coded predicate.

The parse gives the phrases (clauses.py) and the cast says which actor each stands for
(actors.py); this module chooses among them and falls back where the parse gives none:

- sources: the subject and its conjuncts; "it" and "they" the subject of the clause
  above; a verb with no subject its controller (clauses.py); an act regretted,
  apologised for or claimed is the regretting side's; and, when the parse has no
  subject at all, the nearest actor before the verb in its clause;
- targets: the first argument that names an actor, a named side before a group of no
  known country ("sent troops to Poland"); a relation with no partner named ("broke
  off ties") is with the sentence's other actor; else the nearest actor after the
  verb before its clause ends. Statements take only a named target of their own.

An actor with no code at all (a name no dictionary or knowledge base knows) is none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from wirewatch.analyze.events.actors import (
    GROUP_OWNERS,
    IMPERSONAL,
    NO_COUNTRY,
    PLACE_TYPES,
    Cast,
    is_country,
)
from wirewatch.analyze.events.clauses import (
    INDIRECT,
    NOUN_ARGS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    PLACE_PREPOSITIONS,
    POSSESSIVES,
    SUBJECTS,
    Frame,
    doers,
    has_lemma,
    is_verbal,
    misread_main,
    preposition,
)
from wirewatch.analyze.events.intent import STATEMENT_ROOTS
from wirewatch.analyze.events.lexicon import builtin_lexicon, fold
from wirewatch.model import ActorRef

# Nouns that name a relation between two sides: an act on one with no partner named
# is with the other actor of the sentence ("broke off ties", "rebuild relations").
RELATIONAL = frozenset(
    "relation tie link contact cooperation dialogue talk friendship partnership alliance "
    "rapprochement reconciliation normalization".split()
)
# Words after which the act that follows is the speaker's own: "regret over last
# year's shooting down of a warplane" was the regretting side's act.
OWNING = frozenset(
    "regret apology apologize apologise remorse responsibility sorry admit acknowledge "
    "claim".split()
)
# Verbs whose object is the subject of their to-complement ("urged Bree to help").
OBJECT_CONTROL = frozenset(
    "urge ask call order tell force persuade invite encourage allow permit help press "
    "push request require compel authorize ban bar prevent stop block prohibit forbid keep "
    "deter discourage warn caution accuse blame charge condemn criticize".split()
)
# Verbs whose object, an act named by a noun, is the subject's own act.
ANNOUNCING = frozenset(
    "announce declare order begin start launch continue resume complete implement "
    "finish approve decree institute".split()
)
# What a side issues, sends or releases to speak: a participle describing one
# ("a statement condemning", "a letter urging") is the issuer's act.
DOCUMENTS = frozenset(
    "statement declaration letter resolution communique message video report note memo "
    "decree order announcement appeal petition".split()
)
# Prepositions that name who an act named by a noun is with or against.
PARTY_PREPOSITIONS = frozenset({"with", "between", "against", "toward", "towards", "to"})
# The media sector: a statement told to the press is addressed to no one.
MEDIA = "MED"
# Roots of acts done to places as well as to people: protest, force, violence.
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Words that stop a search for the nearest actor: the edge of the clause.
CLAUSE_EDGES = frozenset({";", ":", "--", "—", "–", "(", ")"})
MAX_CLIMB = 8
AUXILIARIES = frozenset({"have", "be", "do", "will", "would", "shall", "should"})


def sources(
    frame: Frame, paragraph: int, cast: Cast, known: dict[int, tuple[ActorRef, ...]]
) -> tuple[ActorRef, ...]:
    """Who did it; ``known`` holds the sources of the sentence's frames found so far
    (governors first), for an act regretted or claimed by the side above it."""
    kept, rest = _subjects(frame)
    found = _resolve(kept, paragraph, cast, frame, every=frame.kind == "verb")
    if rest and not any(is_known(a) for a in found):
        # the parse split the phrase the other way: "Russian aircraft including gunships"
        found = _resolve(rest, paragraph, cast, frame) or found
    # a passive's controller is what it was done to, not who did it
    active = frame.kind == "verb" and not frame.passive
    free = misread_main(frame.head)
    controllers = _controllers(frame.head) if active and not found and not free else []
    if controllers:
        found = _resolve(controllers, paragraph, cast, frame)
    if free and not found:
        found = _misread_subject(frame, paragraph, cast)
    if not found:
        found = _owner_of_act(frame, known) or _announcer(frame, paragraph, cast)
    if found or frame.kind != "verb" or frame.passive or frame.agents or controllers:
        return found
    # no subject in the parse at all: the nearest actor before the verb stands in
    return _nearest(frame, paragraph, cast, -1, ())


def _subjects(frame: Frame) -> tuple[list[Token], list[Token]]:
    """The subjects to read, and those to fall back on: two that a conjunction joins
    are both ("Russia and Iran attacked", which parsers may give as two subjects); of
    two that none joins, the parse split one phrase, and the one nearer the verb most
    often heads it, else the one before ("Russian aircraft including gunships")."""
    agents = sorted(frame.agents, key=lambda t: t.i)
    if frame.kind != "verb" or len(agents) < 2:
        return list(frame.agents), []
    kept = [agents[-1]]
    for earlier in reversed(agents[:-1]):
        between = frame.head.doc[earlier.i + 1 : kept[0].i]
        if any(t.dep_ == "cc" or t.lower_ in {"and", "or", "nor"} for t in between):
            kept.insert(0, earlier)
        else:
            break
    rest = [a for a in reversed(agents) if a not in kept]
    return kept, rest


def _resolve(
    tokens: Sequence[Token], paragraph: int, cast: Cast, frame: Frame, every: bool = False
) -> tuple[ActorRef, ...]:
    """The actors of the first phrase that names any, with its conjuncts ("Turkey and
    Russia"); with ``every``, of all the phrases (subjects a parser split in two)."""
    found: list[ActorRef] = []
    for token in tokens:
        for part in (token, *_nominal_conjuncts(token)):
            if _mere_place(part, paragraph, cast, frame):
                continue
            if part.lower_ in IMPERSONAL:
                found.extend(_impersonal(part, paragraph, cast, frame))
            else:
                found.extend(cast.actors(paragraph, part))
        found = [a for a in found if a.code is not None]  # a name no one can code is no actor
        if found and not every:
            break
    return tuple(dict.fromkeys(found))


def _mere_place(token: Token, paragraph: int, cast: Cast, frame: Frame) -> bool:
    """A city or site named as where something happened, not who acted or was acted on:
    "met at Geneva", a dateline's "GENEVA". A capital acting for its country is the
    country already (entity stage); a place attacked is a target ("shelled Juba")."""
    entity = cast.entity(paragraph, token)
    if entity is None or entity.type not in PLACE_TYPES or entity.code is not None:
        return False  # a country, or a place a dictionary codes as an actor of its own
    marked = preposition(token)
    if token not in frame.agents and marked is not None and marked in _named_prepositions(frame):
        return False  # the place the act is done to: "arrived in Amman"
    if token in frame.agents or marked in PLACE_PREPOSITIONS:
        return True
    return frame.code[:2] not in FORCE_ROOTS


def _named_prepositions(frame: Frame) -> frozenset[str]:
    """The prepositions the frame's lexicon entry names: their objects are its arguments."""
    return frozenset(p for slot in frame.entry.prepositions for p in slot.prepositions)


def _nominal_conjuncts(token: Token) -> list[Token]:
    return [c for c in token.conjuncts if not is_verbal(c) and c.i > token.i]


def _impersonal(pronoun: Token, paragraph: int, cast: Cast, frame: Frame) -> list[ActorRef]:
    """ "it" and "they": the subject of the clause above ("Turkey said *it* wanted"),
    else the latest country or organisation named before in the sentence; "its" and
    "their" the latest one named ("sanctions on Iran over *its* crackdown")."""
    if pronoun.dep_ in POSSESSIVES:
        named = _latest_group(pronoun, paragraph, cast, frame.sentence.start, anywhere=True)
        if named:
            return named
    token = frame.head
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            break
        token = token.head
        for child in token.children:
            if child.dep_ in SUBJECTS and child.lower_ not in IMPERSONAL:
                found = cast.actors(paragraph, child)
                if found:
                    return list(found)
    return _latest_group(pronoun, paragraph, cast, frame.sentence.start) or _previous_subject(
        frame.sentence, paragraph, cast
    )


def _previous_subject(sentence: Span, paragraph: int, cast: Cast) -> list[ActorRef]:
    """The country or organisation that is the subject of the sentence before, in the
    same paragraph or at the end of the one before: "Iran ... . *It* also said"."""
    doc = sentence.doc
    if sentence.start > 0:
        before = doc[sentence.start - 1].sent
    elif paragraph > 0 and len(cast.docs[paragraph - 1]) > 0:
        before, paragraph = cast.docs[paragraph - 1][-1].sent, paragraph - 1
    else:
        return []
    for token in before:
        entity = cast.entity(paragraph, token)
        group = entity is not None and (entity.type == "ORG" or is_country(entity))
        if group and token.dep_ in SUBJECTS:
            parts = (token, *_nominal_conjuncts(token))  # "Turkey and Russia met. They ..."
            return [a for part in parts for a in cast.actors(paragraph, part)]
    return []


def _latest_group(
    pronoun: Token, paragraph: int, cast: Cast, sentence_start: int, anywhere: bool = False
) -> list[ActorRef]:
    """The country or organisation named last before the pronoun: as a subject, or
    ``anywhere`` (after a preposition too)."""
    for token in reversed(pronoun.doc[sentence_start : pronoun.i]):
        entity = cast.entity(paragraph, token)
        free = anywhere or preposition(token) is None
        group = entity is not None and (entity.type == "ORG" or is_country(entity))
        if group and free:
            return list(cast.actors(paragraph, token))
    return []


def _controllers(verb: Token) -> list[Token]:
    """Who acts in a verb with no subject of its own: a complement's controller, a
    coordinated verb's subject, the noun a relative clause or participle describes."""
    token = verb
    for _ in range(MAX_CLIMB):
        governor = token.head
        if governor.i == token.i:
            return []
        dep = token.dep_
        if dep == "acl" and has_lemma(governor, DOCUMENTS) and governor.dep_ in OBJECTS:
            # "the PKK issued a declaration *demanding*": the issuer's demand
            issuers = [c for c in governor.head.children if c.dep_ in SUBJECTS]
            return issuers or [governor]
        if dep in {"acl:relcl", "relcl"} or (dep == "acl" and not _has_subject(token)):
            return [governor]
        if dep in {"xcomp", "advcl"} and has_lemma(governor, OBJECT_CONTROL):
            objects = [c for c in governor.children if c.dep_ in OBJECTS | INDIRECT]
            if objects:
                return objects
        if dep not in {"xcomp", "conj", "advcl", "ccomp", "parataxis"}:
            return []
        own = [c for c in governor.children if c.dep_ in SUBJECTS]
        if not own and dep == "xcomp":  # "Turkey is set to restore", "was forced to leave"
            own = [c for c in governor.children if c.dep_ in PASSIVE_SUBJECTS]
        if own:
            return own
        token = governor
    return []


def _misread_subject(frame: Frame, paragraph: int, cast: Cast) -> tuple[ActorRef, ...]:
    """The subject of a main verb the parser hung on a noun: that noun where it comes
    before ("Thousands of workers | demonstrated"), else the nearest actor before."""
    head = frame.head
    if head.head.i < head.i:
        found = _resolve([head.head], paragraph, cast, frame)
        if found:
            return found
    return _nearest(frame, paragraph, cast, -1, ())


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in token.children)


def _owner_of_act(frame: Frame, known: dict[int, tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    """The side that regrets, apologises for or claims an act did it: "Erdogan expressed
    regret over last year's shooting down of a Russian warplane"."""
    head = frame.head
    doc = head.doc
    start = max(frame.sentence.start, head.i - 6)
    for token in reversed(doc[start : head.i]):
        if has_lemma(token, OWNING):
            owner = token if is_verbal(token) else token.head
            for candidate in (owner, owner.head):
                if known.get(candidate.i):
                    return known[candidate.i]
    return ()


def _announcer(frame: Frame, paragraph: int, cast: Cast) -> tuple[ActorRef, ...]:
    """Who announced, ordered or began an act named by a noun with no doer of its own
    did it: "Italy announced a suspension of air links", "ordered a withdrawal"."""
    head = frame.head
    if frame.kind != "noun" or head.dep_ not in OBJECTS or not has_lemma(head.head, ANNOUNCING):
        return ()
    verb = head.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS] or _controllers(verb)
    return _resolve(subjects, paragraph, cast, frame)


def _nearest(
    frame: Frame, paragraph: int, cast: Cast, step: int, exclude: Sequence[ActorRef]
) -> tuple[ActorRef, ...]:
    """The nearest actor before (step -1) or after (step 1) the predicate in its
    clause that is not inside a prepositional phrase: the parse gave none."""
    head, sentence = frame.head, frame.sentence
    index = head.i + step
    grouped = step < 0  # the verb's own auxiliaries and adverbs are no clause edge
    while sentence.start <= index < sentence.end:
        token = head.doc[index]
        grouped = grouped and (token.tag_ in {"RB", "MD"} or token.lemma_ in AUXILIARIES)
        if token.text in CLAUSE_EDGES or (
            token.tag_ in {"VBD", "VBZ", "VBP", "MD"} and not grouped
        ):
            return ()
        if step > 0 and (token.tag_ in {"CC", ",", "WDT", "WP"} or token.text == ","):
            return ()
        found = [a for a in _guessed(cast, paragraph, token, frame) if a not in exclude]
        marked = preposition(token)
        if found and (step > 0 or marked is None) and marked not in PLACE_PREPOSITIONS:
            joined = (
                a for c in _nominal_conjuncts(token) for a in _guessed(cast, paragraph, c, frame)
            )
            return tuple(dict.fromkeys([*found, *(a for a in joined if a not in exclude)]))
        index += step
    return ()


def _guessed(cast: Cast, paragraph: int, token: Token, frame: Frame) -> list[ActorRef]:
    """Actors a fallback may take: named ones, not a modifier's group ("joint
    *military* exercises" names no one), nor a city where a meeting was held."""
    if _mere_place(token, paragraph, cast, frame):
        return []
    return [a for a in cast.actors(paragraph, token) if is_known(a) and (a.code or a.country)]


# ---------------------------------------------------------------- targets


def targets(
    frame: Frame, paragraph: int, cast: Cast, sources: tuple[ActorRef, ...]
) -> tuple[ActorRef, ...]:
    """Whom it was done to: none when neither the clause nor a fallback names anyone."""
    resolved = list(_patients(frame, paragraph, cast, sources))
    # a group of no known country ("sent troops to Poland") yields to a named side
    found = next((r for _, r in resolved if r and is_known(r[0])), None)
    found = found or next((r for _, r in resolved if r), None)
    if found:
        return tuple(a for a in found if _addressable(frame, a))
    if frame.code[:2] in STATEMENT_ROOTS or len(sources) > 1:
        return ()  # "said ..." is no act on anyone near it; "A and B met": each other
    if _relational(frame):
        found_any = _anywhere(frame, paragraph, cast, sources)
        if found_any:
            return found_any
    if frame.kind == "verb" and not frame.passive:
        return _nearest(frame, paragraph, cast, 1, sources)
    return ()


def _patients(
    frame: Frame, paragraph: int, cast: Cast, sources: tuple[ActorRef, ...]
) -> Iterator[tuple[Token, list[ActorRef]]]:
    """Each patient with its actors; an act done about an act is done to its doer,
    tried right after it: "condemned Israel's strike on Damascus" is against Israel."""
    for token in frame.patients:
        resolved = _resolve([token], paragraph, cast, frame)
        if any(_own_group(token, a, sources) for a in resolved):
            verb = token.head if token.dep_ in OBJECTS else None  # "withdrew them *from*"
            stations = (*_stationed(token), *(_stationed(verb) if verb is not None else ()))
            for place in stations:  # "strengthened its forces *in Lebanon*"
                yield place, _station(place, paragraph, cast)
            continue
        found = [a for a in resolved if a not in sources]
        yield token, found
        if not found and _act_noun(token):
            # "held *their* meeting": a possessive pronoun is the subject's own act
            own = [d for d in doers(token) if d.lower_ not in IMPERSONAL]
            for other in (*own, *_parties(token)):
                yield (
                    other,
                    [a for a in _resolve([other], paragraph, cast, frame) if a not in sources],
                )


def _station(place: Token, paragraph: int, cast: Cast) -> list[ActorRef]:
    """Who a side's own forces were sent to, kept in or withdrawn from: the place's
    country where the place is a territory of no code of its own ("from Gaza": PSE)."""
    found = [a for a in cast.actors(paragraph, place) if a.code or a.country]
    return [a if a.code else replace(a, code=a.country) for a in found]


def _stationed(forces: Token) -> Iterator[Token]:
    return (c for c in forces.children if c.dep_ in NOUN_ARGS and preposition(c) in STATIONS)


# Where forces are said to be: "its troops in Lebanon", "their forces to Chad",
# "withdraw its troops from Lebanon".
STATIONS = frozenset({"in", "into", "to", "inside", "from"})
# Sectors of the forces a side acts with.
FORCES = frozenset({"MIL", "COP", "SPY"})


def _own_group(token: Token, actor: ActorRef, sources: tuple[ActorRef, ...]) -> bool:
    """The source's own forces, which it acts with, not on: "Russia sent *its troops*
    to Syria", "withdrew their forces from Lebanon"."""
    owned = any(c.lower_ in GROUP_OWNERS and c.dep_ in POSSESSIVES for c in token.lefts)
    code = actor.code or NO_COUNTRY
    forces = code[3:6] in FORCES
    return owned and forces and any((s.code or NO_COUNTRY)[:3] == code[:3] for s in sources)


def _act_noun(token: Token) -> bool:
    return builtin_lexicon().has(token.lower_, "noun") or fold(token.lower_) in RELATIONAL


def _parties(noun: Token, depth: int = 2) -> Iterator[Token]:
    """Who an act or a relation named by a noun is with, then through the noun it is
    of: "welcomed the resumption of ties *with Osgiliath*" is aimed at Osgiliath, "of
    ties *between Gondor and Osgiliath*" at both."""
    for child in noun.children:
        marked = preposition(child)
        if child.dep_ in NOUN_ARGS and marked in PARTY_PREPOSITIONS:
            yield child
        if depth > 1 and child.dep_ in NOUN_ARGS and marked == "of":
            yield from _parties(child, depth - 1)


def is_known(actor: ActorRef) -> bool:
    return actor.entity is not None or not (actor.code or NO_COUNTRY).startswith(NO_COUNTRY)


def _addressable(frame: Frame, actor: ActorRef) -> bool:
    """A statement's target is someone named, and not the press: "told reporters" and
    "told AFP" are no event."""
    if frame.code[:2] not in STATEMENT_ROOTS:
        return True
    code = actor.code or NO_COUNTRY
    return not code.startswith(NO_COUNTRY) and not code.endswith(MEDIA)


def _relational(frame: Frame) -> bool:
    words = [frame.head, *frame.patients, *(c for c in frame.head.children if c.dep_ in OBJECTS)]
    return any(fold(t.lower_) in RELATIONAL for t in words)


def _anywhere(
    frame: Frame, paragraph: int, cast: Cast, sources: tuple[ActorRef, ...]
) -> tuple[ActorRef, ...]:
    """The actor of the sentence nearest the predicate that is not its source."""
    head, sentence = frame.head, frame.sentence
    order = sorted(range(sentence.start, sentence.end), key=lambda i: abs(i - head.i))
    for index in order:
        guessed = _guessed(cast, paragraph, head.doc[index], frame)
        found = [a for a in guessed if other_side(a, sources)]
        if found:
            return tuple(found)
    return ()


def other_side(actor: ActorRef, sources: Sequence[ActorRef]) -> bool:
    return all(not same(actor, s) for s in sources)


def same(a: ActorRef, b: ActorRef) -> bool:
    """One actor: the same entity in the same capacity ("Russian police" and "Russian
    students" are two sides of one country), or the same code and name."""
    if a.entity is not None and a.entity == b.entity:
        return a.code == b.code or a.code is None or b.code is None
    return a.code is not None and a.code == b.code and a.name == b.name
