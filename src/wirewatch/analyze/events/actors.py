"""Who a phrase stands for: an article's words mapped to entities and CAMEO actor codes.

An event's source and target are the phrases the clause gives (clauses.py); this module
says which actor each one is:

- a name the entity stage resolved is that entity: a country by its code ("TUR"), an
  organisation by its CAMEO code ("IGOUNO"), a person by the office they hold
  ("TURGOV"), a city or other place by its country ("Istanbul" -> TUR);
- a group noun ("police", "troops", "rebels", "government", "foreign minister") is an
  agent: its country comes from a name beside it ("Israeli troops", "Gondor's
  government", "soldiers from Gondor", "lawmakers in Fornost and Gondor") and its
  sector from the roles table or a user's agents dictionary ("ISRMIL"); with no country
  the code starts with ``---`` ("---REB"), as PETRARCH writes it;
- a noun a name modifies stands for that name ("a Russian warplane" -> RUS); a
  quantity stands for what it is of ("thousands of protesters"); an ethnic group
  ("ethnic Albanians") has no country of its own, and goes by where it is;
- a person no one could code, after a title, takes the title's sector and whose
  office it is ("Bree Prime Minister Romendacil" -> BREGOV with a dictionary);
- a phrase of a user's actor dictionary that the entity stage did not pick up is coded
  by the dictionary (PETRARCH/TABARI actors, with dates);
- pronouns: "I" and "we" in a quote are its speaker; "he" and "she" the latest person
  named; "it" and "they" are resolved by the coder from the clause above them
  ("Turkey said it wanted ...").
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Token

from wirewatch.analyze.actors import Actor, ActorDictionary, split_code
from wirewatch.analyze.events.clauses import (
    COMPOUNDS,
    NOUN_ARGS,
    POSSESSIVES,
    SUBJECTS,
    preposition,
)
from wirewatch.analyze.events.lexicon import fold
from wirewatch.analyze.roles import role_table, title_key
from wirewatch.model import ActorRef, Entity, Quote

NO_COUNTRY = "---"
FIRST_PERSON = frozenset("i we me us my our ourselves myself".split())
THIRD_PERSON = frozenset("he she him her his".split())
IMPERSONAL = frozenset("it they them its their itself themselves".split())
RELATIVE = frozenset("which who whom that whose".split())
# Possessives that make a group the subject's own ("its troops", "their forces").
GROUP_OWNERS = frozenset({"its", "their"})
PRONOUNS = FIRST_PERSON | THIRD_PERSON | IMPERSONAL
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Nouns that count or gather a group: the actor is what they are "of".
QUANTITIES = frozenset(
    "thousand hundred dozen million score ten number group handful couple some many "
    "member majority most rest delegation contingent batch".split()
)
GROUP_TYPES = frozenset({"GPE", "ORG", "NORP"})
# Prepositions whose object says whose a group is: "soldiers from Gondor", "lawmakers
# in Fornost", "students across Indonesia".
GROUP_PLACES = frozenset({"of", "from", "in", "across", "throughout"})
# Phrases of a user's actor dictionary are looked for up to this many tokens long.
LONGEST_PHRASE = 6
LONGEST_AGENT = 4
# A pronoun looks back this many paragraphs for whom it stands for.
LOOK_BACK = 2
# Groups news names by what they are rather than by a title: their CAMEO sector. The
# roles table (knowledge/roles.tsv) holds the titles of people.
GROUPS: dict[str, str] = {
    **dict.fromkeys(
        "government authority administration regime cabinet ministry state_department "
        "delegation official_media".split(),
        "GOV",
    ),
    **dict.fromkeys(
        "troop army military force armed_force navy air_force marine paratrooper "
        "warplane jet warship tank artillery unit battalion brigade aircraft helicopter "
        "gunship fighter_jet drone".split(),
        "MIL",
    ),
    **dict.fromkeys("police security_force riot_police border_police".split(), "COP"),
    **dict.fromkeys(
        "rebel insurgent guerrilla separatist militia jihadist extremist terrorist".split(),
        "REB",
    ),
    **dict.fromkeys("gunman gunmen assailant attacker".split(), "UAF"),
    **dict.fromkeys(
        "opposition opposition_group opposition_party opposition_candidate opposition_member "
        "opposition_supporter opposition_activist".split(),
        "OPP",
    ),
    **dict.fromkeys(
        "protester demonstrator crowd mob civilian villager resident citizen people person "
        "inhabitant youth".split(),
        "CVL",
    ),
    **dict.fromkeys("fundamentalist islamist radical hardliner".split(), "RAD"),
    **dict.fromkeys("parliament legislature congress senate lawmaker".split(), "LEG"),
    **dict.fromkeys("court tribunal judiciary".split(), "JUD"),
    **dict.fromkeys("media newspaper press television broadcaster".split(), "MED"),
    **dict.fromkeys("company firm business businessman".split(), "BUS"),
    **dict.fromkeys("student university school".split(), "EDU"),
    **dict.fromkeys("refugee migrant".split(), "REF"),
    **dict.fromkeys("worker union".split(), "LAB"),
}


@dataclass(frozen=True, slots=True)
class Agent:
    """A group noun's code part: a sector ("GOV") or a user agent's code ("GOVFRM"),
    written after the country, or before it for a prefix agent ("NGO~")."""

    code: str
    prefix: bool = False


@dataclass(slots=True)
class Cast:
    """The actors of one article, by paragraph and token.

    Built once per article (``cast``); ``actors`` maps a phrase's head token to the
    actors it stands for.
    """

    docs: Sequence[Doc]
    by_id: dict[str, Entity]
    at: dict[tuple[int, int], Entity]
    phrases: dict[tuple[int, int], ActorRef]
    agents: dict[str, Agent]
    speakers: list[tuple[int, int, int, Entity]]  # (paragraph, start, end, speaker)
    people: list[tuple[int, int, Entity]]  # person mentions in reading order
    agent_ends: frozenset[str]  # the last words of the agents' names, for a quick test
    on: dt.date | None = None
    _cache: dict[tuple[int, int], tuple[ActorRef, ...]] = field(default_factory=dict)

    def entity(self, paragraph: int, token: Token) -> Entity | None:
        return self.at.get((paragraph, token.i))

    def actors(self, paragraph: int, token: Token) -> tuple[ActorRef, ...]:
        """The actors the phrase headed by ``token`` stands for (several for "lawmakers
        in Fornost and Gondor"); none for a phrase that names no actor."""
        key = (paragraph, token.i)
        if key not in self._cache:
            self._cache[key] = tuple(dict.fromkeys(self._actors(paragraph, token)))
        return self._cache[key]

    def _actors(self, paragraph: int, token: Token) -> Iterator[ActorRef]:
        named = self._named(paragraph, token)
        if named is not None and _ethnic(token):
            yield ActorRef(_phrase(token), None, NO_COUNTRY + "CVL")  # of where they live
            return
        if named is not None and countryless(named):
            named = self._titled(paragraph, token, named)
        if named is not None and named.code is not None:
            yield named
            return
        # a name no one could code may still be a group noun ("Protesters clashed")
        part_of = _quantity_of(token)
        if part_of is not None:
            yield from self.actors(paragraph, part_of)  # "thousands of ethnic Albanians"
            return
        if token.lower_ in RELATIVE and token.head.dep_ in {"acl:relcl", "relcl", "parataxis"}:
            yield from self.actors(paragraph, token.head.head)  # "Moscow, which had ..."
            return
        if token.lower_ in FIRST_PERSON | THIRD_PERSON:
            found = self.pronoun(paragraph, token)
            if found is not None:
                yield found
            return
        # an adjective names a kind, not a group: "official contact", "a general strike"
        agent = None if token.tag_.startswith("JJ") else self._agent(token)
        owners = list(self._owners(paragraph, token, agent is not None))
        holders = self._holders(paragraph, token)
        if agent is not None and holders:
            yield from (_of_owner(h, owners) for h in holders)  # "Iran's leader Khomeini"
        elif agent is not None:
            name = _phrase(token)
            yield from (_with_agent(o, agent, name) for o in owners or [ActorRef(name)])
        elif owners:
            # "Osama bin Laden's al-Qaeda terror network": the owner a code is known for
            yield next((o for o in owners if o.code is not None), owners[0])

    def _holders(self, paragraph: int, token: Token) -> list[ActorRef]:
        """The people a title is followed by in apposition, with the people joined to
        them: "Libyan leader *Muammar Gaddafi* and *Bulgarian President Todor Zhivkov*"."""
        for child in token.children:
            entity = self.at.get((paragraph, child.i))
            if child.dep_ == "appos" and entity is not None and entity.type == "PERSON":
                parts = (child, *(c for c in child.conjuncts if c.i > child.i))
                found = [self._named(paragraph, part) for part in parts]
                return [f for f in found if f is not None and f.code is not None]
        return []

    def _named(self, paragraph: int, token: Token) -> ActorRef | None:
        """The entity or dictionary phrase the token is part of, or None; a dictionary
        phrase wins over an entity no one could code."""
        entity = self.at.get((paragraph, token.i))
        phrase = self.phrases.get((paragraph, token.i))
        if entity is None or (phrase is not None and countryless(ref(entity))):
            return phrase
        return ref(entity)

    def _titled(self, paragraph: int, token: Token, named: ActorRef) -> ActorRef:
        """A person no one could code, by the title written before the name and whose
        office it is: "Bree Prime Minister Romendacil" is BRE + GOV."""
        doc = token.doc
        first = token.i
        while first > 0 and self.at.get((paragraph, first - 1)) is self.at.get((paragraph, first)):
            first -= 1
        for end in range(first - 1, max(first - LONGEST_AGENT, -1), -1):
            found = self._agent_span(doc[end])
            if found is not None:
                agent, start = found
                owner = self._owner_before(paragraph, doc, start)
                return _with_agent(owner, agent, named.name) if owner is not None else named
        return named

    def _owner_before(self, paragraph: int, doc: Doc, start: int) -> ActorRef | None:
        """The name a title stands after ("Bree Prime Minister", "Arnor's foreign minister")."""
        for index in range(start - 1, max(start - 3, -1), -1):
            if doc[index].tag_ == "POS" or doc[index].lower_ in {"'s", "the"}:
                continue
            found = self._named(paragraph, doc[index])
            return found if found is not None and not countryless(found) else None
        return None

    def _agent(self, token: Token) -> Agent | None:
        """The agent a group noun and the words before it name ("foreign minister")."""
        found = self._agent_span(token)
        return found[0] if found is not None else None

    def _agent_span(self, token: Token) -> tuple[Agent, int] | None:
        """The longest agent ending at the token, with the index of its first word."""
        lasts = {token.lower_, fold(token.lower_), token.lemma_.lower()}
        if not lasts & self.agent_ends:
            return None
        doc = token.doc
        for length in range(min(LONGEST_AGENT, token.i + 1), 0, -1):
            start = token.i - length + 1
            words = [t.lower_ for t in doc[start : token.i + 1]]
            for last in dict.fromkeys((words[-1], fold(words[-1]), token.lemma_.lower())):
                found = self.agents.get(title_key(" ".join([*words[:-1], last])))
                if found is not None:
                    return found, start
        return None

    def _owners(self, paragraph: int, token: Token, group: bool) -> Iterator[ActorRef]:
        """Names beside a noun that say whose it is: modifiers ("Israeli troops",
        "Gondor's government", "a Russian warplane") and, for a group, "of", "from",
        "in" phrases ("soldiers from Gondor"; "a ceasefire in Gaza" is no one's)."""
        modified = False
        for child in token.lefts:
            if group and child.dep_ in POSSESSIVES and child.lower_ in GROUP_OWNERS:
                found = self._subject_owner(paragraph, token)
                if found is not None:
                    modified = True
                    yield found  # "Russia sent *its* troops": Russia's
            elif child.dep_ in COMPOUNDS or child.dep_ in POSSESSIVES:
                for part in (child, *child.conjuncts):  # "Hungarian and Romanian officials"
                    found = self._named(paragraph, part) or self._owner_name(paragraph, part)
                    if found is not None:
                        modified = True
                        yield found
        for child in token.children:
            if child.dep_ == "appos" and self.at.get((paragraph, child.i)) is not None:
                yield ref(self.at[(paragraph, child.i)])  # "the main airport, Istanbul"
            # "Osgiliath soldiers in south Ithilen" are Osgiliath's, wherever they are
            of_place = not modified and preposition(child) in GROUP_PLACES
            if group and child.dep_ in NOUN_ARGS and of_place:
                for part in (child, *child.conjuncts):
                    found = self._named(paragraph, part)
                    if found is not None:
                        yield found

    def _subject_owner(self, paragraph: int, token: Token) -> ActorRef | None:
        """Whose "its" or "their" group is: the nearest subject above it that names a
        country or an organisation ("Syria says it will withdraw its troops")."""
        for ancestor in token.ancestors:
            for child in ancestor.children:
                if child.dep_ not in SUBJECTS or child.i == token.i:
                    continue
                named = self._named(paragraph, child) or self._owner_name(paragraph, child)
                if named is not None and not countryless(named):
                    return named
        return None

    def _owner_name(self, paragraph: int, token: Token) -> ActorRef | None:
        """A name inside a modifier, however the parser built it ("the U.S. Air Force's
        planes", "suspected Islamic States suicide bombers")."""
        for part in token.subtree:
            if part.i != token.i and part.dep_ in COMPOUNDS | POSSESSIVES:
                found = self._named(paragraph, part)
                if found is not None:
                    return found
        return None

    def pronoun(self, paragraph: int, token: Token) -> ActorRef | None:
        """I and we in a quote: its speaker; he and she: the latest person named before."""
        if token.lower_ in FIRST_PERSON:
            return self._speaker(paragraph, token.idx)
        if token.lower_ in THIRD_PERSON:
            return self._latest_person(paragraph, token.idx)
        return None

    def _speaker(self, paragraph: int, offset: int) -> ActorRef | None:
        for para, start, end, speaker in self.speakers:
            if para == paragraph and start <= offset < end:
                return ref(speaker)
        return None

    def _latest_person(self, paragraph: int, offset: int) -> ActorRef | None:
        index = bisect.bisect_left(self.people, (paragraph, offset))
        if index == 0:
            return None
        para, _, entity = self.people[index - 1]
        return ref(entity) if paragraph - para <= LOOK_BACK else None


def ref(entity: Entity) -> ActorRef:
    """An entity as an event's actor: places go by their country's code; a person whose
    title gives a sector but no country ("President Bush", "the archbishop") is of no
    known country ("---GOV"), as PETRARCH writes a group of no known country."""
    code = entity.code
    if entity.type == "PERSON" and code is not None and len(code) == len(NO_COUNTRY):
        code += entity.sector or ""  # a dictionary's "BRE" for a Bree Prime Minister: BREGOV
    if code is None and entity.type in PLACE_TYPES | {"NORP"}:
        code = entity.country
    if code is None and entity.sector:
        code = (entity.country or NO_COUNTRY) + entity.sector
    return ActorRef(entity.name, entity.id, code, entity.country)


def countryless(actor: ActorRef) -> bool:
    """An actor whose code says what it is but not whose ("---GOV")."""
    return (actor.code or NO_COUNTRY).startswith(NO_COUNTRY)


def is_country(entity: Entity) -> bool:
    """A country (or a dictionary's country-like actor, "ARN"), not a place in one."""
    code = entity.code
    return entity.type == "GPE" and code is not None and (code == entity.country or len(code) == 3)


def _with_agent(owner: ActorRef, agent: Agent, name: str) -> ActorRef:
    """A group of an actor: "Israeli" + troops -> ISRMIL; no owner -> ---MIL."""
    base = owner.code or NO_COUNTRY
    if len(base) != len(NO_COUNTRY):
        return owner  # an organisation or person keeps its own code ("Hamas militants")
    if not agent.code and base == NO_COUNTRY:
        return ActorRef(name)  # a title that says no sector, of no one known ("the head")
    code = agent.code + base if agent.prefix else base + agent.code
    return ActorRef(name, owner.entity, code, owner.country)


def _of_owner(person: ActorRef, owners: list[ActorRef]) -> ActorRef:
    """A person of no known country under a title whose owner is known is of it."""
    owner = next((o for o in owners if o.country), None)
    if owner is None or not countryless(person) or owner.country is None:
        return person
    sector = (person.code or NO_COUNTRY)[len(NO_COUNTRY) :]
    return replace(person, code=owner.country + sector, country=owner.country)


def _quantity_of(token: Token) -> Token | None:
    """The group a quantity is of: "thousands of protesters", "a group of diplomats"."""
    if fold(token.lower_) not in QUANTITIES:
        return None
    return next((c for c in token.children if c.dep_ in NOUN_ARGS and preposition(c) == "of"), None)


def _ethnic(token: Token) -> bool:
    """ "Ethnic Albanians in Serbia" are a people, not Albania: they go by where they are."""
    return any(t.lower_ == "ethnic" for t in token.doc[token.left_edge.i : token.i])


def _phrase(token: Token) -> str:
    """A group noun with the names and modifiers before it, as written: "Gondor's
    government", "ethnic Albanians" (no article, no figure)."""
    doc = token.doc
    words = [
        t.i
        for t in doc[token.left_edge.i : token.i]
        if t.dep_ in COMPOUNDS or t.dep_ in POSSESSIVES
    ]
    start = min(words, default=token.i)
    return doc[start : token.i + 1].text


# ---------------------------------------------------------------- building the cast


def build_cast(
    docs: Sequence[Doc],
    entities: Sequence[Entity],
    quotes: Sequence[Quote] = (),
    actors: ActorDictionary | None = None,
    on: dt.date | None = None,
) -> Cast:
    """The actors of an article: ``docs[i]`` is paragraph i, parsed."""
    at: dict[tuple[int, int], Entity] = {}
    people: list[tuple[int, int, Entity]] = []
    for entity in entities:
        for mention in entity.mentions:
            for index in _tokens(docs, mention.paragraph, mention.start, mention.end):
                at[(mention.paragraph, index)] = entity
            if entity.type == "PERSON":
                people.append((mention.paragraph, mention.start, entity))
    by_id = {e.id: e for e in entities}
    speakers = [
        (q.paragraph, q.start, q.end, by_id[q.speaker.entity])
        for q in quotes
        if q.speaker is not None and q.speaker.entity in by_id
    ]
    phrases = _dictionary_phrases(docs, at, actors, on) if actors is not None else {}
    people.sort(key=lambda p: (p[0], p[1]))
    agents, ends = _agents_for(actors)
    return Cast(docs, by_id, at, phrases, agents, speakers, people, ends, on)


# The agent tables of the dictionaries seen last: an article or a batch of sentences
# is coded with one dictionary, and building its table takes longer than coding.
_TABLES: dict[int, tuple[ActorDictionary | None, dict[str, Agent], frozenset[str]]] = {}
_TABLES_KEPT = 4


def _agents_for(actors: ActorDictionary | None) -> tuple[dict[str, Agent], frozenset[str]]:
    kept = _TABLES.get(id(actors))
    if kept is not None and kept[0] is actors:
        return kept[1], kept[2]
    table = agent_table(actors)
    ends = frozenset(key.rsplit(" ", 1)[-1] for key in table)
    if len(_TABLES) >= _TABLES_KEPT:
        _TABLES.clear()
    _TABLES[id(actors)] = (actors, table, ends)
    return table, ends


def _tokens(docs: Sequence[Doc], paragraph: int, start: int, end: int) -> list[int]:
    if not 0 <= paragraph < len(docs):
        return []
    span = docs[paragraph].char_span(start, end, alignment_mode="expand")
    return [t.i for t in span] if span is not None else []


def agent_table(actors: ActorDictionary | None) -> dict[str, Agent]:
    """Group nouns and titles with their code parts: the roles table, the groups above,
    then a user's agents dictionary, whose codes win."""
    table = {key: Agent(sector) for key, sector in _builtin_agents().items()}
    if actors is not None:
        for agent in actors.agents:
            prefix = agent.code.endswith("~")
            code = agent.code.strip("~")
            for form in agent.forms:
                table[title_key(form.replace("_", " "))] = Agent(code, prefix)
    return table


@cache
def _builtin_agents() -> dict[str, str]:
    table = {key: title.sector for key, title in role_table().titles.items()}
    table.update({key.replace("_", " "): sector for key, sector in GROUPS.items()})
    return table


def _dictionary_phrases(
    docs: Sequence[Doc],
    at: dict[tuple[int, int], Entity],
    actors: ActorDictionary,
    on: dt.date | None,
) -> dict[tuple[int, int], ActorRef]:
    """Phrases of the user's actor dictionary in the text that no entity covers,
    longest first, each with the code it has on the article's date."""
    found: dict[tuple[int, int], ActorRef] = {}
    for paragraph, doc in enumerate(docs):
        index = 0
        while index < len(doc):
            match = _longest_phrase(doc, index, actors)
            entity = at.get((paragraph, index))
            if match is None or (entity is not None and not countryless(ref(entity))):
                index += 1
                continue
            end, actor = match
            code = actor.code(on)
            if code is not None:
                country, _ = split_code(code)
                name = doc[index:end].text
                for i in range(index, end):
                    found[(paragraph, i)] = ActorRef(name, None, code, country)
            index = end
    return found


def _longest_phrase(doc: Doc, start: int, actors: ActorDictionary) -> tuple[int, Actor] | None:
    if not (doc[start].is_alpha or doc[start].text[:1].isalnum()):
        return None
    for end in range(min(len(doc), start + LONGEST_PHRASE), start, -1):
        actor = actors.actor(doc[start:end].text)
        if actor is not None:
            return end, actor
    return None
