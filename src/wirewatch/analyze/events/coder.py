"""The event coder: an article's parsed paragraphs and entities in, coded events out.

For every sentence, each predicate the action lexicon codes (clauses.py) becomes a
candidate event: its source and target are the actors its arguments stand for
(actors.py), with fallbacks where the parse gives none; its modality is read from the
clause and the clauses above it (modality.py); its date from its own time expression
(the nearest to the predicate), else the publication date; its place from a place it
is said to happen in, or the place it is done to; its counts (killed, wounded,
arrested, displaced, missing) from its sentence, for acts of force.

A candidate names one act; an event is one source acting on one target, so a compound
actor ("Turkey and Russia") gives one event per pair, and a compound subject with no
target ("Turkey and Russia signed an accord") one event each way. An act named twice
("the bomb attack on the airport ... the bombers behind the airport attack") is one
event: a definite noun later in the article fills in what the first mention left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from wirewatch import knowledge
from wirewatch.analyze.actors import ActorDictionary
from wirewatch.analyze.counts import counts
from wirewatch.analyze.events.actors import (
    NO_COUNTRY,
    PLACE_TYPES,
    Cast,
    build_cast,
    countryless,
    is_country,
)
from wirewatch.analyze.events.arguments import is_known, other_side, same
from wirewatch.analyze.events.arguments import sources as find_sources
from wirewatch.analyze.events.arguments import targets as find_targets
from wirewatch.analyze.events.clauses import (
    NOUN_ARGS,
    PASSIVE_SUBJECTS,
    PLACE_PREPOSITIONS,
    SUBJECTS,
    Frame,
    find_frames,
    preposition,
)
from wirewatch.analyze.events.codebook import CameoCode, cameo
from wirewatch.analyze.events.intent import announcement, demand, specific_intent
from wirewatch.analyze.events.lexicon import Lexicon, builtin_lexicon
from wirewatch.analyze.events.modality import Modality
from wirewatch.analyze.timex import TimeRef, act_time, find_times
from wirewatch.model import ActorRef, Entity, Event, Evidence, Location, Quote

# Roots whose acts need no one acted on: protests, military posture, violence.
NO_TARGET_ROOTS = frozenset({"14", "15", "18", "19", "20"})
# Roots of acts that sides joined as subjects do to each other ("Turkey and Russia
# agreed", "met", "signed", "clashed"); joint statements, demands and protests are
# no act of one on the other.
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
# Acts of those roots that one side does for or to another, not with it: praising,
# defending, rallying support, apologising, forgiving, offering aid or reform,
# mediating (a ceasefire agreed, 0356, is both sides'). "Fornost and Gondor welcomed
# the resumption of ties" is no praise of each other.
ONE_WAY = frozenset({"033", "034", "039", "051", "052", "053", "055", "056"})
# Acts that take two, whoever the sentence makes the subject: a meeting, a call and
# talks are each side's ("Gondor held talks with Arnor" is Arnor's talks with Gondor).
MUTUAL_ACTS = frozenset({"040", "041", "046"})
# Roots of intents, demands and threats: with no one named, they are aimed at whom
# the act they announce is done to.
AIMED_BY_CONTENT = frozenset({"03", "10", "13"})
# How an announced act hangs from the announcing verb: "threatened *to impose* a
# curfew", "vowed to wage *war*", "demanded the *withdrawal* of".
ANNOUNCED_PATH = frozenset({"xcomp", "ccomp", "obj", "dobj", "advcl", "acl", "nmod", "obl"})
# Acts done to a place, whose country is the one acted on where no one else is named:
# yielding (a curfew lifted, troops withdrawn "in Montenegro") and coercion (a curfew
# imposed), and the announcements of both.
PLACED_ACTS = ("08", "12", "16", "17", "035", "132", "137")
# The root of protests: a people's protest with no target is against its own state.
PROTEST_ROOT = "14"
# Roots whose events carry counts of people killed, wounded, arrested or displaced.
COUNTED_ROOTS = frozenset({"17", "18", "19", "20"})
# Every time expression timex reads has one of these (a digit, a month, a weekday,
# "week", "ago", "tonight", ...): a sentence with none is not searched.
_TIMELY = re.compile(
    r"\d|day|night|morning|afternoon|evening|tomorrow|ago\b|week|month|year"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    re.I,
)
# Every figure counts reads ends in an outcome with one of these stems: a sentence
# with none has no count.
_TOLLISH = re.compile(
    r"kill|dead|die|death|slain|massacr|execut|perish|lives|fatalit|casualt|wound|injur"
    r"|hurt|arrest|detain|custody|rounded|rounding|displac|fled|flee|uproot|evacuat"
    r"|homeless|missing|unaccounted",
    re.I,
)
# Sectors of a country's institutions ("the government", "the police", "the courts").
INSTITUTIONS = frozenset({"GOV", "COP", "JUD", "LEG"})
# Roots of acts a state does at home (arrests, curfews, repression): a group of no
# known country acted on is of the acting side's country.
DOMESTIC_ROOTS = frozenset({"17"})
# Roots of violence that news reports without its perpetrator ("a car bomb killed 12",
# "three soldiers were killed"): the source is unidentified armed forces (UAF) of the
# country it happened in, as CAMEO and PLOVER coders write it.
UNATTRIBUTED_ROOTS = frozenset({"18", "19", "20"})
UNIDENTIFIED = "UAF"
# Doers spoken of in general, who are no unidentified attackers.
ANYONE = frozenset("everyone everybody anyone anybody whoever all those each".split())
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
RELATIVE_CLAUSES = frozenset({"acl:relcl", "relcl", "acl"})
# The sector of people of no stated kind ("one person was killed"): any named group of
# the same act is more precise.
GENERIC_PEOPLE = "CVL"
# Sectors of a state's own organs. A person of no known country who deals with one of
# the one country the sentence names is not taken to be of that country: "President
# Mitterrand welcomed the South African leader" is no South African welcoming another.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
# A state's organs and institutions: they act for the state, and never protest it.
STATE_ORGANS = STATE_SECTORS | INSTITUTIONS
# How far apart two mentions of one act may stand, in paragraphs.
SAME_ACT_PARAGRAPHS = 3
# What a sentence ends in: a parser's sentence that ends otherwise was split in error.
SENTENCE_ENDS = frozenset(".!?:;\"'\u201d\u2019)")
# A list or a run of headlines has no stops either: mending stops at this length.
LONGEST_MENDED = 80
# The longest sentence coded, in tokens (news sentences run to 60 or so).
MAX_SENTENCE_TOKENS = 300


@dataclass(frozen=True, slots=True)
class Candidate:
    """One coded act before it is split into events: all its sources and targets."""

    frame: Frame
    paragraph: int
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    modality: Modality
    date: dt.date | None
    date_text: str | None
    location: Location | None
    counts: tuple[tuple[str, int], ...]
    evidence: Evidence
    definite: bool
    context: str | None = None  # the one country the sentence names, if only one
    date_precision: str | None = None


def code_events(
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    published: dt.date | None,
    lexicon: Lexicon | None = None,
    *,
    quotes: Sequence[Quote] = (),
    actors: ActorDictionary | None = None,
) -> tuple[Event, ...]:
    """The events of an article: ``docs[i]`` is the parse of its paragraph ``i``.

    ``entities`` are the article's resolved entities, ``published`` its date (events
    with no time expression of their own take it), ``quotes`` its attributed quotes
    ("we" in a quote is its speaker) and ``actors`` a user's actor dictionary, whose
    phrases code actors the entity stage did not find.
    """
    chosen = lexicon or builtin_lexicon()
    cast = build_cast(docs, entities, quotes, actors, published)
    candidates: list[Candidate] = []
    for paragraph, doc in enumerate(docs):
        for sentence in _sentences(doc):
            candidates.extend(_sentence(sentence, paragraph, cast, chosen, published))
    return tuple(_dedupe(e for c in _merge_mentions(candidates) for e in _events(c)))


def _sentences(doc: Doc) -> Iterator[Span]:
    """The sentences worth coding: a "sentence" of hundreds of words is a table or a
    list the sentence rules could not split, and reading it would take long for
    nothing."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        yield from (s for s in _whole_sentences(doc) if len(s) <= MAX_SENTENCE_TOKENS)
    elif 0 < len(doc) <= MAX_SENTENCE_TOKENS:
        yield doc[:]


def _whole_sentences(doc: Doc) -> Iterator[Span]:
    """The sentences, a parser's split in mid-sentence mended: a "sentence" that ends in
    no stop ("Japanese Prime Minister Shinzo Abe met | Chinese President Xi ...") goes
    on into the next."""
    start = 0
    for sentence in doc.sents:
        last = sentence[-1].text
        ended = last[-1:] in SENTENCE_ENDS or last in {"''", "``"}
        if ended or sentence.end == len(doc) or sentence.end - start >= LONGEST_MENDED:
            yield doc[start : sentence.end]
            start = sentence.end


# ---------------------------------------------------------------- one sentence


def _sentence(
    sentence: Span, paragraph: int, cast: Cast, lexicon: Lexicon, published: dt.date | None
) -> Iterator[Candidate]:
    frames = _acts(find_frames(sentence, lexicon))
    if not frames:
        return
    sources: dict[int, tuple[ActorRef, ...]] = {}
    for frame in sorted(frames, key=lambda f: len(list(f.head.ancestors))):
        sources[frame.head.i] = find_sources(frame, paragraph, cast, sources)
    text = sentence.text
    times = find_times(text, published) if _TIMELY.search(text) else []
    evidence = Evidence(paragraph, sentence.start_char, sentence.end_char, text)
    context = _context_country(sentence, paragraph, cast)
    found = list(_sentence_candidates(frames, evidence, cast, lexicon, sources, times, published))
    yield from (replace(_aimed_as_announced(c, found), context=context) for c in found)


def _sentence_candidates(
    frames: list[Frame],
    evidence: Evidence,
    cast: Cast,
    lexicon: Lexicon,
    sources: dict[int, tuple[ActorRef, ...]],
    times: list[TimeRef],
    published: dt.date | None,
) -> Iterator[Candidate]:
    sentence, text = frames[0].sentence, evidence.sentence
    figures: list[tuple[tuple[str, int], ...]] = []
    for frame in frames:
        when = _when(frame, sentence, times, published)
        if frame.code[:2] in COUNTED_ROOTS and not figures:
            figures.append(tuple(counts(text).items()) if _TOLLISH.search(text) else ())
        counted = figures[0] if figures and frame.code[:2] in COUNTED_ROOTS else ()
        frame = specific_intent(frame, lexicon)
        yield _candidate(frame, evidence, cast, sources[frame.head.i], when, counted)


def _aimed_as_announced(candidate: Candidate, found: list[Candidate]) -> Candidate:
    """An intent, threat or demand that names no one is aimed where the act it announces
    is: "threatened to impose a curfew in Algiers" is a threat to Algeria."""
    if candidate.targets or candidate.frame.code[:2] not in AIMED_BY_CONTENT:
        return candidate
    for inner in found:
        if _announces(candidate.frame, inner.frame):
            targets = tuple(t for t in inner.targets if other_side(t, candidate.sources))
            where = _place_state(inner.location) if _placed_act(inner.frame.code) else None
            if not targets and where is not None and other_side(where, candidate.sources):
                targets = (where,)  # "threatened to resume attacks in Israel"
            return replace(
                candidate,
                targets=targets,
                location=candidate.location or inner.location,
            )
    return candidate


def _placed_act(code: str) -> bool:
    return code[:2] in NO_TARGET_ROOTS or code.startswith(PLACED_ACTS)


def _announces(outer: Frame, inner: Frame) -> bool:
    """The inner act is what the outer one announces: its complement or object, or
    a word of theirs, with no other act between."""
    for ancestor in inner.head.ancestors:
        if ancestor.i == outer.head.i:
            return True
        if ancestor.dep_ not in ANNOUNCED_PATH:
            return False
    return False


def _context_country(sentence: Span, paragraph: int, cast: Cast) -> str | None:
    """The one country the sentence names, by a name, an adjective, a place in it or a
    person of it; None where it names none or several."""
    found: set[str] = set()
    for token in sentence:
        entity = cast.entity(paragraph, token)
        phrase = cast.phrases.get((paragraph, token.i))
        country = entity.country if entity is not None else None
        found |= {c for c in (country, phrase.country if phrase else None) if c}
        if len(found) > 1:
            return None
    return found.pop() if found else None


def _acts(frames: list[Frame]) -> list[Frame]:
    """The frames that name acts: a verb whose subject is an act ("the airstrikes
    *killed* 20 civilians in Sanaa") tells what the act did, and is not an act of its
    own; the act takes over whom and where it names."""
    nouns = {f.head.i: f for f in frames if f.kind == "noun"}
    effects: dict[int, list[Frame]] = {}
    for frame in frames:
        if frame.kind == "verb":
            for agent in frame.agents:
                if agent.i in nouns:
                    effects.setdefault(agent.i, []).append(frame)
    told = {f.head.i for found in effects.values() for f in found}
    return [_with_effects(f, effects.get(f.head.i, [])) for f in frames if f.head.i not in told]


def _with_effects(act: Frame, effects: list[Frame]) -> Frame:
    if not effects:
        return act
    patients = act.patients + tuple(p for e in effects for p in e.patients)
    places = act.places + tuple(p for e in effects for p in e.places)
    return replace(act, patients=patients, places=places)


def _when(
    frame: Frame, sentence: Span, times: list[TimeRef], published: dt.date | None
) -> tuple[dt.date | None, str | None, str | None]:
    """The date of the time expression nearest the predicate, else the publication date."""
    return act_time(frame.head, times, published, frame.head.idx - sentence.start_char)


def _candidate(
    frame: Frame,
    evidence: Evidence,
    cast: Cast,
    sources: tuple[ActorRef, ...],
    when: tuple[dt.date | None, str | None, str | None],
    counted: tuple[tuple[str, int], ...],
) -> Candidate:
    paragraph = evidence.paragraph
    frame = demand(frame)
    found = find_targets(frame, paragraph, cast, sources)
    date, date_text, precision = when
    frame, mood = announcement(frame)
    return Candidate(
        frame,
        paragraph,
        sources,
        found,
        mood,
        date,
        date_text,
        _location(frame, paragraph, cast),
        counted if frame.code[:2] in COUNTED_ROOTS else (),  # a threat has no toll
        evidence,
        _definite(frame.head),
        date_precision=precision,
    )


# ---------------------------------------------------------------- place and form


def _location(frame: Frame, paragraph: int, cast: Cast) -> Location | None:
    """A place the act is said to happen in ("in Kirkuk"), else, for an act of force,
    the place acted on ("the attack on the airport in Istanbul")."""
    for token in frame.places:
        entity = _place(token, paragraph, cast) or _place_within(token, paragraph, cast)
        if entity is not None:
            return Location(entity.name, entity.country)
    if frame.code[:2] not in COUNTED_ROOTS | NO_TARGET_ROOTS:
        return None
    for token in frame.patients:
        entity = _place(token, paragraph, cast)
        if entity is not None and not is_country(entity):
            return Location(entity.name, entity.country)
    return None


def _place(token: Token, paragraph: int, cast: Cast) -> Entity | None:
    for part in (token, *token.children):
        entity = cast.entity(paragraph, part)
        beside = part is token or part.dep_ in {"flat", "appos", "compound", "nmod:unmarked"}
        beside = beside or (part.dep_ == "nmod" and preposition(part) == "of")  # "the town of X"
        if entity is not None and entity.type in PLACE_TYPES and beside:
            return entity
    return None


def _place_within(token: Token, paragraph: int, cast: Cast) -> Entity | None:
    """A place named inside the phrase of where it happened: "in a gunbattle *in
    southeastern Serbia*"."""
    for child in token.children:
        if child.dep_ in NOUN_ARGS and preposition(child) in PLACE_PREPOSITIONS:
            entity = _place(child, paragraph, cast)
            if entity is not None:
                return entity
    return None


def _definite(head: Token) -> bool:
    """A noun that points back to an act named before: "the attack", "the airport attack"."""
    return any(
        c.lower_ in {"the", "this", "that"} and c.dep_ in {"det", "det:predet"}
        for c in head.children
    )


# ---------------------------------------------------------------- one act, named twice


def _vaguer(event: Event, other: Event) -> bool:
    """The same act (the events are of one sentence) told of a side of no known country
    where another reading names it: "Egyptian police opened fire on demonstrators,
    killing one person" is against Egyptian civilians, not civilians of nowhere too."""
    if event.cameo[:2] != other.cameo[:2] or event.target is None or other.target is None:
        return False
    vaguer = (
        _vaguer_side(event.source, other.source),
        _vaguer_side(event.target, other.target),
    )
    return all(v is not None for v in vaguer) and any(vaguer)


def _vaguer_side(side: ActorRef, other: ActorRef) -> bool | None:
    """True where ``side`` is a vaguer ``other`` ("---MIL" beside "ISRMIL", "UKR" beside
    "UKRMIL"), False where they are one code, None where they differ otherwise."""
    code, known = side.code or NO_COUNTRY, other.code or NO_COUNTRY
    if code == known:
        return False
    if len(code) == len(NO_COUNTRY) and known.startswith(code) and not countryless(side):
        return True  # a country beside a group of it: "Russia" beside "Ukrainian soldiers"
    if not countryless(side) or countryless(other):
        return None
    sector = code[len(NO_COUNTRY) :]
    return True if sector in {"", GENERIC_PEOPLE} or known[3:].startswith(sector) else None


def _merge_mentions(candidates: list[Candidate]) -> list[Candidate]:
    """Fold a definite noun that names an act already named ("the airport attack")
    into the first mention, which takes the source or target it lacked."""
    kept: list[Candidate] = []
    for candidate in candidates:
        earlier = _first_mention(candidate, kept) if candidate.definite else None
        if earlier is None:
            kept.append(candidate)
            continue
        kept[earlier] = _filled(kept[earlier], candidate)
    return kept


def _first_mention(candidate: Candidate, kept: list[Candidate]) -> int | None:
    """The latest earlier mention of the same act the candidate can be: a noun of the
    same word, a few paragraphs back, whose actors do not contradict it."""
    lemma = _act_noun(candidate.frame)
    if candidate.frame.kind != "noun" or lemma is None:
        return None
    for index in range(len(kept) - 1, -1, -1):
        earlier = kept[index]
        close = candidate.paragraph - earlier.paragraph <= SAME_ACT_PARAGRAPHS
        same = _act_noun(earlier.frame) == lemma
        other = earlier.evidence != candidate.evidence
        if close and same and other and _agree(earlier, candidate):
            return index
    return None


def _act_noun(frame: Frame) -> str | None:
    """The noun that names the act, also where a light verb carries it ("launched an
    *attack*")."""
    return frame.entry.lemma if frame.entry.kind == "noun" else None


def _agree(earlier: Candidate, later: Candidate) -> bool:
    return _compatible(earlier.sources, later.sources) and _compatible(
        earlier.targets, later.targets
    )


def _compatible(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...]) -> bool:
    return not a or not b or any(same(x, y) for x in a for y in b)


def _filled(first: Candidate, later: Candidate) -> Candidate:
    return replace(
        first,
        sources=first.sources or later.sources,
        targets=first.targets or later.targets,
        counts=first.counts or later.counts,
        location=first.location or later.location,
    )


# ---------------------------------------------------------------- events


def _events(candidate: Candidate) -> Iterator[Event]:
    code = cameo(candidate.frame.code)
    sources, targets = _sides(candidate, code.root)
    for source, target in _pairs(candidate, code, sources, targets):
        yield Event(
            source,
            target,
            code.code,
            code.name,
            code.goldstein,
            code.quad_class,
            code.plover_event,
            code.plover_mode,
            candidate.modality,
            candidate.date,
            candidate.date_text,
            candidate.location,
            candidate.counts,
            candidate.evidence,
            date_precision=candidate.date_precision,
        )


Actors = tuple[ActorRef, ...]


def _sides(candidate: Candidate, root: str) -> tuple[Actors, Actors]:
    """The sources and targets with the countries the place and the sentence give them."""
    place = candidate.location.country if candidate.location else None
    sources = tuple(_placed(a, place) for a in candidate.sources)
    if place is None and root in DOMESTIC_ROOTS and len(sources) == 1:
        place = sources[0].country  # "police in Paris arrested 120 people": French people
    targets = tuple(_placed(a, place) for a in candidate.targets)
    home = sources[0].country if len(sources) == 1 else None
    targets = tuple(_institution_of(a, home) for a in targets)
    sources = sources or _unnamed_doers(candidate, targets)
    context = candidate.context
    return (
        tuple(_of_context(a, context, targets) for a in sources),
        tuple(_of_context(a, context, sources) for a in targets),
    )


def _pairs(
    candidate: Candidate, code: CameoCode, sources: Actors, targets: Actors
) -> list[tuple[ActorRef, ActorRef | None]]:
    """Source and target of each event: every pair; sides that act on each other; or,
    for a protest, a show of force or violence, the country it happened in or no one."""
    if targets:
        pairs = [(s, t) for s in sources for t in targets if _distinct(s, t)]
        mutual = code.code[:3] in MUTUAL_ACTS
        return [*pairs, *((t, s) for s, t in pairs if mutual and is_known(t))]
    if len(sources) > 1 and code.root in RECIPROCAL_ROOTS and code.code[:3] not in ONE_WAY:
        return [(s, t) for s in sources for t in sources if _distinct(s, t)]
    where = _place_state(candidate.location)
    if code.root == PROTEST_ROOT and where is None:
        return [(s, _protested_state(s)) for s in sources]
    if code.root in NO_TARGET_ROOTS:
        return [(s, where if where and _distinct(s, where) else None) for s in sources]
    if code.code.startswith(PLACED_ACTS) and where is not None:
        return [(s, where) for s in sources if _distinct(s, where)]
    if code.code.startswith(PLACED_ACTS):
        return [(s, home) for s in sources if (home := _home_state(s)) is not None]
    return []


def _home_state(actor: ActorRef) -> ActorRef | None:
    """The country a state's organ acts on at home when the sentence names no place:
    "Sudan's government lifted the state of emergency" eases it for Sudan."""
    code = actor.code or NO_COUNTRY
    if countryless(actor) or code[3:6] not in STATE_ORGANS:
        return None
    return _state(code[:3])


def _state(country: str) -> ActorRef:
    home = knowledge.country(country)
    return ActorRef(home.name if home else country, None, country, country)


def _protested_state(actor: ActorRef) -> ActorRef | None:
    """The state a people's protest that names no one and no place is aimed at: its
    own ("opposition parties in Nepal organized a general strike" is against Nepal's
    state), as CAMEO and PLOVER coders write it. A state's own protest names whom."""
    code = actor.code or NO_COUNTRY
    sector = code[3:6]
    if countryless(actor) or not sector or sector in STATE_ORGANS:
        return None
    return _state(code[:3])


def _unattributed(candidate: Candidate, targets: tuple[ActorRef, ...]) -> bool:
    """Violence done to a side the text names, by no one it names: a verb with no doer
    ("three soldiers were killed") or an act that is the subject ("a roadside bombing
    killed one soldier"), not a mere mention of fighting."""
    frame = candidate.frame
    if frame.code[:2] not in UNATTRIBUTED_ROOTS or not any(not countryless(t) for t in targets):
        return False
    if frame.kind == "verb":
        return not any(_anyone(agent) for agent in frame.agents)
    return frame.head.dep_ in SUBJECTS | PASSIVE_SUBJECTS


def _anyone(subject: Token) -> bool:
    """A doer the sentence speaks of in general, not one unidentified: "we will
    cooperate with everyone *who fights* Daesh"."""
    word = subject.lower_
    if word in RELATIVE_PRONOUNS and subject.head.dep_ in RELATIVE_CLAUSES:
        word = subject.head.head.lower_
    return word in ANYONE


def _unnamed_doers(candidate: Candidate, targets: Actors) -> Actors:
    """Who did an act the text names no doer of: unidentified forces for violence, the
    state of the place for coercion told in the passive ("a missionary was arrested in
    Lebanon": arrests are the acts of the state where they happen)."""
    if _unattributed(candidate, targets):
        return (_unidentified(candidate.location),)
    frame = candidate.frame
    state = _place_state(candidate.location)
    coerced = frame.code[:2] in DOMESTIC_ROOTS and frame.kind == "verb" and frame.passive
    if coerced and state is not None and any(not countryless(t) for t in targets):
        return (state,)
    return ()


def _unidentified(location: Location | None) -> ActorRef:
    """Unidentified attackers, of the country the violence happened in if known."""
    country = location.country if location is not None else None
    return ActorRef("unidentified attackers", None, (country or NO_COUNTRY) + UNIDENTIFIED, country)


def _place_state(location: Location | None) -> ActorRef | None:
    """The country a protest or an act of force with no one named as its target is
    done in, which it is aimed at: "demonstrated in Serbia", "shelled Juba"."""
    if location is None or location.country is None:
        return None
    return ActorRef(location.name, None, location.country, location.country)


def _placed(actor: ActorRef, country: str | None) -> ActorRef:
    """A group of no known country acting where the event happened is of that country:
    "police arrested 30 protesters in Cairo" is EGYCOP."""
    code = actor.code or ""
    if country is None or not code.startswith(NO_COUNTRY) or actor.entity is not None:
        return actor
    return replace(actor, code=country + code[len(NO_COUNTRY) :], country=country)


def _of_context(actor: ActorRef, country: str | None, others: Sequence[ActorRef]) -> ActorRef:
    """A person or group of no known country ("President Museveni", "demonstrators") is
    of the one country the sentence names ("banned Ugandan opposition candidates",
    "Egyptian police opened fire on demonstrators"); a person not where the act is
    between them and that country's state, which a foreign leader deals with as often."""
    if country is None or not countryless(actor) or actor.code is None:
        return actor
    if actor.entity is not None and any(_state_of(other, country) for other in others):
        return actor
    sector = (actor.code or NO_COUNTRY)[len(NO_COUNTRY) :]
    return replace(actor, code=country + sector, country=country)


def _state_of(actor: ActorRef, country: str) -> bool:
    """The country itself or one of its state's organs ("ZAF", "ZAFGOV", "ZAFMIL")."""
    code = actor.code or ""
    return code == country or (code[:3] == country and code[3:] in STATE_SECTORS)


def _institution_of(actor: ActorRef, country: str | None) -> ActorRef:
    """ "The government", "the police" with no country named are the acting side's own:
    "opposition groups in Zimbabwe demanded that the government resign" is ZWEGOV."""
    code = actor.code or ""
    if country is None or code[len(NO_COUNTRY) :] not in INSTITUTIONS:
        return actor
    return _placed(actor, country)


def _distinct(source: ActorRef, target: ActorRef) -> bool:
    """Two sides, not one: the same entity or the same code acting on itself is no event;
    two people of one code are two sides ("President X met Prime Minister Y")."""
    if same(source, target):
        return False
    if source.entity and target.entity and countryless(source) and countryless(target):
        return True
    return source.code is None or source.code != target.code


def _dedupe(events: Iterator[Event]) -> Iterator[Event]:
    """Each event once; and an act of force with no target is dropped where its
    sentence has the same source doing the same with a target ("attacked the post,
    killing 14 soldiers and wounding 20": the wounding is that attack's)."""
    found = list(events)
    aimed = {(e.evidence, e.source.code, e.cameo[:2]) for e in found if e.target is not None}
    by_sentence: dict[Evidence, list[Event]] = {}
    for event in found:
        by_sentence.setdefault(event.evidence, []).append(event)
    seen: set[tuple[object, ...]] = set()
    for event in found:
        if event.target is None and (event.evidence, event.source.code, event.cameo[:2]) in aimed:
            continue
        if any(_vaguer(event, other) for other in by_sentence[event.evidence]):
            continue
        target = event.target.code if event.target else None
        key = (event.evidence, event.source.code, event.source.name, target, event.cameo)
        if key not in seen:
            seen.add(key)
            yield event
