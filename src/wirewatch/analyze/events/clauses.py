"""Predicates and their arguments, read from the dependency parse.

A ``Frame`` is one predicate of a sentence that the action lexicon codes: a verb with
its particles, object, prepositions and to-complement ("broke off ties with Ankara",
"agreed to provide aid"), or a noun that names an act ("the attack on the airport",
"last year's shooting down of a warplane"). With the code come the words that stand
for who acted (``agents``) and on whom (``patients``), in the order they are tried:

- active verbs: the subject acts on the indirect object, the object, then the objects
  of its prepositions; a passive ("was attacked by rebels") turns them round;
- a verb with no subject of its own takes its controller's: a to-complement its
  governor's object or subject ("urged Bree to help", "wants to meet"), a coordinated
  verb its first conjunct's ("broke off ties and banned tourists"), a relative clause
  the noun it describes ("Moscow, which had broken off ties");
- a noun takes its possessor, an agent ("by X") or an actor in a compound ("Israeli
  raid") as the one who acted, and the object of "on", "against", "of", "with" as the
  one acted on; the person behind it ("the bombers behind the attack") acted too.

A gerund after a preposition with no object ("because of fighting between A and B")
is read as a noun. Parsers make mistakes: arguments.py falls back on the words next
to the predicate when the parse gives it no subject or object.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from wirewatch.analyze.events.lexicon import (
    PARTICLES,
    PREPOSITIONS,
    Clause,
    Entry,
    Kind,
    Lexicon,
    Word,
    clause,
    fold,
)

# Dependency labels (Universal Dependencies, as the shipped parser writes them; the
# ClearNLP names of other spaCy pipelines alongside).
SUBJECTS = frozenset({"nsubj", "nsubj:outer", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubj:pass", "nsubjpass", "csubj:pass"})
OBJECTS = frozenset({"obj", "dobj"})
INDIRECT = frozenset({"iobj", "dative"})
OBLIQUES = frozenset({"obl", "nmod", "obl:agent", "prep", "pobj", "obl:unmarked", "agent"})
NOUN_ARGS = frozenset({"nmod", "nmod:poss", "prep", "poss", "obl"})
COMPLEMENTS = frozenset({"xcomp", "ccomp"})
COMPOUNDS = frozenset({"compound", "amod", "nmod:desc", "flat", "nmod:unmarked"})
POSSESSIVES = frozenset({"nmod:poss", "poss"})
PREPOSITION_DEPS = frozenset({"case", "prep", "mark"})
# Prepositions whose object is where something happened rather than to whom.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
# Prepositions that name the one acted on, tried in this order after those the
# lexicon entry names.
TARGET_PREPOSITIONS = (
    "with",
    "against",
    "on",
    "to",
    "toward",
    "towards",
    "at",
    "upon",
    "into",
    "for",
    "from",
    "over",
    "between",
    "of",
    "about",
)
# A noun whose phrase, through "behind", "of" or "for", names the one behind an act:
# "the bombers behind the attack", "the organizer of the attack".
PERPETRATORS = frozenset(
    "bomber attacker gunman gunmen assailant perpetrator organizer organiser mastermind "
    "planner militant fighter group".split()
)
# Participles that after "be" say what the subject itself holds to, not what was done
# to it: "is opposed to", "is committed to", "is prepared to", "is determined to".
STATIVE = frozenset("oppose commit prepare determine dedicate devote resolve".split())
# Nouns of measure and amount, which stand for what they are of.
MEASURES = frozenset(
    "kg kilogram kilo ton tonne pound litre liter barrel gallon dollar euro pound yuan yen "
    "rupee million billion thousand hundred worth shipment consignment batch cargo load "
    "truckload planeload convoy quantity amount supply".split()
)
_NEVER_HEADS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PART", "PUNCT", "SYM"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# The words a noun phrase begins with, and those that begin a time phrase instead.
_NOUN_PHRASE_TAGS = frozenset(
    {"DT", "PDT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP$", "$"}
)
_TIME_MODIFIERS = frozenset({"last", "this", "next", "earlier", "late", "early"})
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "week month year day night morning evening weekend".split()
)


@dataclass(frozen=True, slots=True)
class Frame:
    """A coded predicate: its head token, the lexicon entry that fits, and its arguments.

    ``agents`` and ``patients`` are the heads of the phrases that may name the source
    and the target, best first; ``consumed`` holds the tokens the entry used up (a
    complement verb it codes, the noun of a light verb), which are not coded again.
    """

    head: Token
    kind: Kind
    entry: Entry
    sentence: Span
    agents: tuple[Token, ...]
    patients: tuple[Token, ...]
    places: tuple[Token, ...]
    passive: bool
    consumed: frozenset[int]
    complement: Token | None = None  # the complement the entry used up, if any

    @property
    def code(self) -> str:
        return self.entry.code or ""


# ---------------------------------------------------------------- lemmas


def verb_lemmas(token: Token) -> Iterator[str]:
    """The lemma the parser gave, then guesses from the word itself: a lemmatiser
    trained on little data writes "bann" for "banned" and "ty" for "ties"."""
    yield token.lemma_.lower()
    word = token.lower_
    yield word
    for ending, stems in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            yield from (stem + extra for extra in stems)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # "banned" -> "bann" -> "ban"


def has_lemma(token: Token, lemmas: frozenset[str]) -> bool:
    """Whether the token is one of these words, whichever lemma the parser gave it."""
    return any(candidate in lemmas for candidate in verb_lemmas(token))


_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ied", ("y",)),
    ("ies", ("y",)),
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("es", ("", "e")),
    ("s", ("",)),
)


def lemma_of(token: Token, lexicon: Lexicon, kind: Kind) -> str | None:
    """The first lemma of the token that the lexicon has an entry for, or None."""
    if kind == "noun":
        for candidate in (token.lower_, token.lemma_.lower()):
            if lexicon.has(candidate, "noun"):
                return candidate
        return None
    # a light verb has no entry of its own for most objects ("launched an offensive")
    return next((c for c in verb_lemmas(token) if lexicon.has(c, "verb") or lexicon.light(c)), None)


def word(token: Token) -> Word:
    """A token as the lexicon reads a word: its own form (folded there) and modifiers;
    a measure stands for what it measures ("700 kg *of medicine*", "$5 million *of
    aid*")."""
    token = measured(token)
    modifiers = frozenset(
        fold(c.lower_) for c in token.children if c.dep_ in COMPOUNDS or c.dep_ == "advmod"
    )
    return Word(token.lower_, modifiers)


def measured(token: Token) -> Token:
    """What a measure or an amount is of: "tons of wheat", "millions of dollars of aid"."""
    for _ in range(2):
        if fold(token.lower_) not in MEASURES:
            break
        found = next(
            (c for c in token.children if c.dep_ in NOUN_ARGS and preposition(c) == "of"), None
        )
        if found is None:
            break
        token = found
    return token


def verb_word(token: Token, lemma: str) -> Word:
    modifiers = frozenset(fold(c.lower_) for c in token.children if c.dep_ == "advmod")
    return Word(lemma, modifiers)


# ---------------------------------------------------------------- finding frames


def is_verbal(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_ in _VERB_TAGS


def is_nominal(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} or token.tag_ in {"NN", "NNS"}


def find_frames(sentence: Span, lexicon: Lexicon) -> list[Frame]:
    """Every predicate of the sentence that the lexicon codes, governors first.

    Going down the tree lets a governor use up its complement ("agreed to *provide*
    aid") or its light verb's noun ("held *talks*") before either is coded alone.
    """
    heads = [
        (t, options) for t in sentence if (options := list(dict.fromkeys(_predicate(t, lexicon))))
    ]
    consumed: set[int] = set()
    frames: list[Frame] = []
    for token, options in sorted(heads, key=lambda h: _depth(h[0])):
        if token.i in consumed:
            continue
        frame = _first_frame(token, options, lexicon, sentence)
        if frame is not None:
            frames.append(frame)
            consumed |= frame.consumed
    return sorted(frames, key=lambda f: f.head.i)


def _first_frame(
    token: Token, options: list[tuple[Kind, str]], lexicon: Lexicon, sentence: Span
) -> Frame | None:
    """The token read as a verb, else as a noun ("bombing" tagged as either)."""
    for kind, lemma in options:
        build = _verb_frame if kind == "verb" else _noun_frame
        frame = build(token, lemma, lexicon, sentence)
        if frame is not None:
            return frame
    return None


def _depth(token: Token) -> tuple[int, int]:
    return len(list(token.ancestors)), token.i


def _predicate(token: Token, lexicon: Lexicon) -> Iterator[tuple[Kind, str]]:
    """Whether the token may head a coded predicate, as a verb or a noun, and its lemma:
    a cheap test on every token before any clause is built."""
    if token.is_punct or token.pos_ in _NEVER_HEADS:
        return
    if _nominal_gerund(token):
        yield from _as_noun(token, lexicon)  # "because of fighting between A and B"
    if is_verbal(token) or token.pos_ == "ADJ":
        lemma = lemma_of(token, lexicon, "verb")
        if lemma is not None:
            yield "verb", lemma
    if is_nominal(token) or token.tag_ == "VBG":
        yield from _as_noun(token, lexicon)


def _nominal_gerund(token: Token) -> bool:
    """A gerund after a preposition with no object of its own names an act, as a noun
    does ("because of fighting between A and B"); with an object it is a clause whose
    subject is the sentence's ("after meeting Putin, Erdogan said")."""
    if token.tag_ != "VBG":
        return False
    marked = any(c.dep_ in {"case", "mark"} for c in token.lefts)
    return marked and not any(c.dep_ in OBJECTS | INDIRECT for c in token.children)


def _as_noun(token: Token, lexicon: Lexicon) -> Iterator[tuple[Kind, str]]:
    lemma = lemma_of(token, lexicon, "noun")
    if lemma is not None:
        yield "noun", lemma


def best(lexicon: Lexicon, query: Clause, kind: Kind) -> Entry | None:
    """The lexicon's best entry: a noun entry written for a compound beats one that only
    names a preposition ("bomb attack on the airport" is a bombing, 183, and "heart
    attack on Monday" no act at all), as the lexicon ranks them."""
    return lexicon.best(query, kind)


# ---------------------------------------------------------------- verbs


def _verb_frame(verb: Token, lemma: str, lexicon: Lexicon, sentence: Span) -> Frame | None:
    passive = is_passive(verb) and not misread_main(verb)
    obj = _object(verb, passive)
    complement = complement_of(verb)
    query = clause(
        verb_word(verb, lemma),
        particles=[p.lower_ for p in particles(verb)],
        obj=word(obj) if obj is not None else None,
        prepositions=[*_prepositions(verb, obj), *stray_particles(verb)],
        complement=_complement_lemma(complement, lexicon) if complement is not None else None,
        complement_object=_complement_object(complement),
    )
    entry = best(lexicon, query, "verb")
    if entry is None or entry.code is None:
        return None
    used = complement if complement is not None and _uses_complement(entry, query) else None
    consumed = _consumed(verb, obj, entry, used)
    agents, patients = _verb_roles(verb, obj, passive, entry, complement, consumed)
    places = tuple(_place_args(verb, obj))
    if used is not None:  # "refused to deploy peacekeepers *in Iraq*"
        places += tuple(_place_args(used, _object(used, False)))
    return Frame(
        verb,
        "verb",
        entry,
        sentence,
        agents,
        patients,
        places,
        passive,
        frozenset(consumed),
        used,
    )


def _consumed(verb: Token, obj: Token | None, entry: Entry, used: Token | None) -> set[int]:
    """The tokens an entry codes with the verb, not to be coded again: a complement it
    names ("agreed to *provide*") and an object it names ("held talks", "provided aid",
    "handed over aid")."""
    consumed = {verb.i}
    if used is not None:
        consumed |= {t.i for t in used.subtree if t.i != verb.i and is_verbal(t)}
    marker = _object_marker(verb, obj)
    marked = any(marker in slot.prepositions for slot in entry.prepositions)
    if obj is not None and (entry.kind == "noun" or entry.object is not None or marked):
        consumed.add(obj.i)
    return consumed


def that_clauses(verb: Token) -> Iterator[Token]:
    """The verb's clausal complements, with one the parser hung on a day named between
    them: "declared (on) *Tuesday* that China must drop barriers" reads the day as an
    argument and the that-clause as describing it."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            yield child
        elif child.lower_ in _TIME_WORDS and child.dep_ not in SUBJECTS:
            for clause_ in child.children:
                if clause_.dep_ in {"acl:relcl", "relcl", "acl", "ccomp"} and has_that(clause_):
                    yield clause_


def has_that(clause_: Token) -> bool:
    """A clause introduced by "that"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause_.children)


def verb_frame(verb: Token, lexicon: Lexicon, sentence: Span) -> Frame | None:
    """The frame of a verb on its own, or None: what a complement would code alone."""
    lemma = lemma_of(verb, lexicon, "verb")
    return _verb_frame(verb, lemma, lexicon, sentence) if lemma is not None else None


def is_passive(verb: Token) -> bool:
    """A passive verb: one with a passive subject or auxiliary, or a past participle
    describing a noun ("an attack carried out by rebels")."""
    deps = {c.dep_ for c in verb.children}
    if _stative(verb):
        return False  # "Israel is opposed to the plan": a state of the subject's own
    if deps & (PASSIVE_SUBJECTS | {"aux:pass", "auxpass"}):
        return True
    if verb.tag_ != "VBN" or deps & (OBJECTS | SUBJECTS):
        return False
    # a participle without "have" is passive: "hundreds wounded", "an attack carried out"
    return not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def misread_main(verb: Token) -> bool:
    """A main verb the parser read as a participle describing a noun: after "have"
    ("officials have *shared* evidence", parsed as "have (shared evidence)"), or as
    the first verb of its sentence ("The United Nations on Tuesday *reduced* food
    supplies", "Zambia *extradited* a militant"), where either the sentence has no
    finite verb at all or an object follows, which a participle describing a noun
    ("the weapons seized last year") does not take."""
    if verb.tag_ not in {"VBN", "VBD"} or verb.dep_ not in {"amod", "acl"}:
        return False
    if any(c.dep_.startswith("aux") or c.dep_ == "cop" for c in verb.children):
        return False
    if any(preposition(c) == "by" for c in verb.children):
        return False
    before = _auxiliary_before(verb)
    if before is not None:
        return before.lemma_.lower() == "have"
    sentence = verb.sent
    if any(is_verbal(t) and not _in_name(t) for t in verb.doc[sentence.start : verb.i]):
        return False
    finite = any(t.tag_ in _FINITE_TAGS for t in sentence if t.i != verb.i)
    return not finite or _object_follows(verb, sentence)


def _in_name(token: Token) -> bool:
    """A word tagged as a verb that is part of a name: "United" in "the United
    Nations" or "United States" is no verb before the sentence's main one."""
    if token.ent_iob_ in {"B", "I"}:
        return True
    return token.is_title and token.head.pos_ == "PROPN" and token.head.i > token.i


def _auxiliary_before(verb: Token) -> Token | None:
    """A form of "have" or "be" right before the verb, adverbs aside."""
    index = verb.i - 1
    while index >= 0 and verb.doc[index].tag_ in {"RB", "RBR"}:
        index -= 1
    if index < 0:
        return None
    token = verb.doc[index]
    return token if token.lemma_.lower() in {"have", "be"} and token.tag_ in _FINITE_TAGS else None


def _object_follows(verb: Token, sentence: Span) -> bool:
    following = verb.doc[verb.i + 1] if verb.i + 1 < sentence.end else None
    if following is None or following.lower_ in _TIME_WORDS | _TIME_MODIFIERS:
        return False
    return following.tag_ in _NOUN_PHRASE_TAGS or (
        following.tag_ in {"VBN", "VBG"} and following.dep_ == "amod"
    )


def _stative(verb: Token) -> bool:
    """ "is opposed to", "are committed to": a stative participle after "be" with no
    "by" phrase (not "crimes committed in Bosnia", nor "was opposed by Iran")."""
    after_be = any(
        c.dep_ in {"aux:pass", "auxpass", "aux", "cop"} and c.lemma_.lower() == "be"
        for c in verb.children
    )
    return after_be and has_lemma(verb, STATIVE) and not _by_agents(verb)


def particles(verb: Token) -> list[Token]:
    """Particles of a phrasal verb ("cut off", "crack down"), as the parser labels them or
    as a particle word right after the verb."""
    # only words that are particles: parsers also label "over" in "regret over" so
    found = [c for c in verb.children if c.dep_ in {"compound:prt", "prt"} and _particle(c)]
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if (
        following is not None
        and (following.head.i == verb.i or _particle_object(verb) is not None)
        and following.lower_ in PARTICLES
        and following.dep_ in {"advmod", "case", "dep"}
        and following not in found
    ):
        found.append(following)
    return found


def _particle_object(verb: Token) -> Token | None:
    """The noun a particle right after the verb was hung on as its preposition: parsers
    read "broke *off* relations" as "broke (off relations)"; the noun is the object."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is None or following.lower_ not in PARTICLES or following.dep_ != "case":
        return None
    noun = following.head
    return noun if noun.head.i == verb.i and noun.dep_ in OBLIQUES and noun.i > verb.i else None


def _object(verb: Token, passive: bool) -> Token | None:
    """The direct object: the passive subject of a passive; an unmarked oblique noun
    right after the verb, which parsers confuse with objects ("broke off all ties");
    "of" after a gerund ("the shooting down of a plane")."""
    kids = list(verb.children)
    if passive:
        found = next((c for c in kids if c.dep_ in PASSIVE_SUBJECTS), None)
        if found is not None or verb.dep_ != "acl":
            return found
        return verb.head  # "an attack carried out by rebels": the noun it describes
    found = next((c for c in kids if c.dep_ in OBJECTS), None)
    found = found or next(
        (c for c in kids if c.dep_ in INDIRECT), None
    )  # "allow *inspectors* to return"
    if found is not None:
        return found
    for child in kids:
        if _unmarked_object(verb, child):
            return child
    if verb.head.i > verb.i and misread_main(verb):
        return verb.head  # "have (shared evidence)": the noun it was hung on
    particled = _particle_object(verb)
    if particled is not None:
        return particled
    if verb.tag_ == "VBG" or verb.pos_ == "NOUN":
        return next((c for c in kids if c.dep_ in OBLIQUES and preposition(c) == "of"), None)
    return None


def _particle(token: Token) -> bool:
    return token.lower_ in PARTICLES


def stray_particles(verb: Token) -> Iterator[tuple[str, None]]:
    """Words the parser labelled particles that are prepositions ("regret *over*")."""
    for child in verb.children:
        if child.dep_ in {"compound:prt", "prt"} and not _particle(child):
            yield child.lower_, None


def _unmarked_object(verb: Token, child: Token) -> bool:
    return (
        child.dep_ in {"obl", "obl:unmarked"}
        and child.i > verb.i
        and is_nominal(child)
        and preposition(child) is None
        and child.lower_ not in _TIME_WORDS
    )


def preposition(token: Token) -> str | None:
    """The preposition that marks a noun ("with" in "with Gondor"), if any: the one
    nearest it ("of" in "shooting down of a warplane", where "down" hangs there too)."""
    found = None
    for child in token.children:
        if child.i > token.i:
            break
        marks = child.dep_ == "case" or (
            child.dep_ in PREPOSITION_DEPS and child.pos_ in {"ADP", "SCONJ"}
        )
        if marks:
            found = child.lower_
    if found is not None:
        return found
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.lower_
    return None


def _prepositions(verb: Token, obj: Token | None) -> Iterator[tuple[str, Word | None]]:
    """Prepositions with their objects, on the verb and on its object; a particle that
    parsers read as a preposition stands alone too ("gave in")."""
    for holder in (verb, obj):
        if holder is None:
            continue
        for child in holder.children:
            if child.dep_ in OBLIQUES or (holder is obj and child.dep_ in NOUN_ARGS):
                prep = preposition(child)
                if prep is not None and not (holder is verb and child is obj):
                    yield prep, word(child)
    marker = _object_marker(verb, obj)
    if marker is not None and obj is not None:
        yield marker, word(obj)


def _object_marker(verb: Token, obj: Token | None) -> str | None:
    """A preposition right after the verb that the parser hung inside its object, which
    the lexicon writes as the verb's ("handed *over* aid", "handed *over* 700 kg of
    medicine"): "hand over $AID"."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if obj is None or following is None or following.lower_ not in PREPOSITIONS:
        return None
    inside = following.head == obj or obj in following.ancestors
    return following.lower_ if inside and following.lower_ not in PARTICLES else None


def complement_of(verb: Token) -> Token | None:
    """A to-infinitive or that-clause the verb governs ("agreed to meet", "said that")."""
    for child in verb.children:
        if child.dep_ in COMPLEMENTS and is_verbal(child):
            return child
        if child.dep_ == "advcl" and any(m.lower_ == "to" for m in child.children):
            return child  # "pledged in return to help": parsers hang it as an adverbial
    return None


def _complement_lemma(complement: Token, lexicon: Lexicon) -> str:
    return lemma_of(complement, lexicon, "verb") or complement.lemma_.lower()


def _complement_object(complement: Token | None) -> Word | None:
    if complement is None:
        return None
    obj = _object(complement, is_passive(complement))
    return word(obj) if obj is not None else None


def _uses_complement(entry: Entry, query: Clause) -> bool:
    """Whether the entry needs the complement to fit: then the complement's act is what
    the entry codes ("agreed to meet" is 036), and it is not coded again alone."""
    return entry.fit(replace(query, complement=None, complement_object=None)) is None


def _verb_roles(
    verb: Token,
    obj: Token | None,
    passive: bool,
    entry: Entry,
    complement: Token | None,
    consumed: set[int],
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    named = [p for slot in entry.prepositions for p in sorted(slot.prepositions)]
    holders = [verb] + ([complement] if complement is not None and complement.i in consumed else [])
    if passive:
        agents = _by_agents(verb)
        patients = [obj] if obj is not None else []
    else:  # a stative participle's subject is labelled passive ("is opposed to")
        # "Denmark today accepted": a time word read as the subject is none
        agents = [
            c
            for c in verb.children
            if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.lower_ not in _TIME_WORDS
        ]
        patients = [c for c in verb.children if c.dep_ in INDIRECT]
        patients += [obj] if obj is not None else []
    for holder in holders:
        if holder is not verb:
            patients += [c for c in holder.children if c.dep_ in INDIRECT | OBJECTS]
        patients += _prepositional(holder, named, exclude={obj})
    if obj is not None:
        patients += _prepositional(obj, named, exclude=set())
    return tuple(agents), tuple(dict.fromkeys(patients))


def _by_agents(verb: Token) -> list[Token]:
    return [
        c
        for c in verb.children
        if c.dep_ in {"obl:agent", "agent"} or (c.dep_ in OBLIQUES and preposition(c) == "by")
    ]


def _prepositional(holder: Token, named: list[str], exclude: set[Token | None]) -> list[Token]:
    """Objects of the holder's prepositions that may name a target: those the entry
    names first, then the usual ones in order; places ("in Syria") are left out."""
    marked = [
        (preposition(c), c)
        for c in holder.children
        if (c.dep_ in OBLIQUES or c.dep_ in NOUN_ARGS) and c not in exclude
    ]
    order = [*named, *TARGET_PREPOSITIONS]
    ranked = sorted(
        ((order.index(p), c.i, c) for p, c in marked if p in order and p != "by"),
        key=lambda r: (r[0], r[1]),
    )
    return [c for _, _, c in ranked]


def _place_args(holder: Token, obj: Token | None) -> Iterator[Token]:
    for token in (holder, obj):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ in OBLIQUES | NOUN_ARGS and preposition(child) in PLACE_PREPOSITIONS:
                yield child


# ---------------------------------------------------------------- nouns


def _noun_frame(noun: Token, lemma: str, lexicon: Lexicon, sentence: Span) -> Frame | None:
    preps = [(p, word(c)) for c in noun.children if (p := _noun_preposition(c)) is not None]
    complement = next(
        (c for c in noun.children if c.dep_ in {"acl", "xcomp"} and is_verbal(c)), None
    )
    modifiers = frozenset(fold(c.lower_) for c in noun.children if c.dep_ in COMPOUNDS)
    query = clause(
        Word(lemma, modifiers),
        prepositions=preps,
        complement=complement.lemma_.lower() if complement is not None else None,
    )
    entry = best(lexicon, query, "noun")
    if entry is None or entry.code is None:
        return None
    agents, patients = _noun_roles(noun)
    places = tuple(_place_args(noun, None))
    return Frame(
        noun, "noun", entry, sentence, agents, patients, places, False, frozenset({noun.i})
    )


def _noun_preposition(child: Token) -> str | None:
    if child.dep_ not in NOUN_ARGS and child.dep_ not in {"acl", "nmod:poss"}:
        return None
    return preposition(child)


def doers(noun: Token) -> list[Token]:
    """Who did the act a noun names, as the words about it say: its possessor and its
    "by" phrase ("Israel's raid", "an attack by Osgiliath soldiers")."""
    kids = list(noun.children)
    found = [c for c in kids if c.dep_ in POSSESSIVES]
    return found + [c for c in kids if c.dep_ in NOUN_ARGS and preposition(c) == "by"]


def _noun_roles(noun: Token) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    kids = list(noun.children)
    agents = doers(noun)
    agents += [c for c in kids if c.dep_ in COMPOUNDS and c.i < noun.i]
    behind = _perpetrator(noun)
    agents += [behind] if behind is not None else []
    patients = [c for c in kids if c.dep_ in NOUN_ARGS and preposition(c) in TARGET_PREPOSITIONS]
    patients.sort(key=lambda c: TARGET_PREPOSITIONS.index(preposition(c) or "of"))
    return tuple(agents), tuple(patients)


def _perpetrator(noun: Token) -> Token | None:
    """The noun whose phrase the act hangs on by "behind", "of" or "for", when it names
    a perpetrator: "the bombers behind the attack", "the organizer of the attack"."""
    head = noun.head
    if head.i == noun.i or preposition(noun) not in {"behind", "of", "for"}:
        return None
    return head if fold(head.lower_) in PERPETRATORS or head.lemma_ in PERPETRATORS else None
