"""What each group of mentions is: its name, type, country, role, sector and actor code,
and the Entity records built from the groups.

Known referents are described by the knowledge base, unknown ones by their mentions.
People take their role, and with it often their country and sector, from the titles
and appositions around their names ("Turkish Foreign Minister" -> TUR, GOV, TURGOV).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import cache

from spacy.tokens import Doc, Span

from wirewatch import knowledge
from wirewatch.analyze.actors import ActorDictionary, split_code
from wirewatch.analyze.linking import Group, bare, place_type
from wirewatch.analyze.mentions import Found
from wirewatch.analyze.roles import Role, RoleTable, role_after, role_before
from wirewatch.knowledge import Organisation, People, Place
from wirewatch.model import Entity, Mention

# The sector an organisation type gives when its CAMEO code names none.
TYPE_SECTORS = {
    "IGO": "IGO",
    "UN body": "IGO",
    "alliance": "IGO",
    "court": "JUD",
    "NGO": "NGO",
    "armed group": "REB",
    "government": "GOV",
    "military": "MIL",
    "security service": "SPY",
    "legislature": "LEG",
    "party": "PTY",
    "media": "MED",
}


@cache
def _places() -> dict[str, Place]:
    return {p.id: p for p in knowledge.places()}


@cache
def _organisations() -> dict[str, Organisation]:
    return {o.id: o for o in knowledge.organisations()}


@cache
def _peoples() -> dict[str, People]:
    return {p.id: p for p in knowledge.peoples()}


def describe(group: Group) -> None:
    """Name, type, country and code from the knowledge base, or from the mentions."""
    key = group.key
    if key.startswith("country:"):
        _describe_country(group, key.partition(":")[2])
    elif key in _organisations():
        _describe_organisation(group, _organisations()[key])
    elif key in _peoples():
        people = _peoples()[key]
        group.type, group.name, group.country = "NORP", people.name, people.country
    elif key in _places():
        place = _places()[key]
        group.type, group.name, group.country = place_type(place), place.name, place.country
    else:
        _describe_unknown(group)


def _describe_country(group: Group, iso3: str) -> None:
    found = knowledge.country(iso3)
    group.type = "GPE"
    group.country = iso3
    group.code = iso3
    group.name = found.name if found is not None else group.mentions[0].span.text


def _describe_organisation(group: Group, org: Organisation) -> None:
    group.type, group.name, group.country, group.code = "ORG", org.name, org.country, org.cameo
    group.sector = split_code(org.cameo)[1] or TYPE_SECTORS.get(org.type)


# The sector an organisation the knowledge base does not know takes from the last word
# of its name ("the French National Assembly" LEG, "Baghdad University" EDU).
ORG_HEADS = {
    **dict.fromkeys("ministry government cabinet administration".split(), "GOV"),
    **dict.fromkeys("assembly parliament congress senate legislature".split(), "LEG"),
    **dict.fromkeys("court tribunal judiciary".split(), "JUD"),
    **dict.fromkeys("army navy military".split(), "MIL"),
    **dict.fromkeys(["police"], "COP"),
    **dict.fromkeys("party".split(), "PTY"),
    **dict.fromkeys("union".split(), "LAB"),
    **dict.fromkeys("university school college academy".split(), "EDU"),
    **dict.fromkeys("newspaper radio television".split(), "MED"),
}
# Words that name part of a country ("South Lebanon", "northern Iraq").
COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern".split()
)
# The most words of a name's start read as whose it is ("South African ...").
OWNER_WORDS = 2


def _describe_unknown(group: Group) -> None:
    labels = [f.label for f in group.mentions]
    group.type = max(dict.fromkeys(labels), key=labels.count)
    group.name = bare(_fullest(group.mentions).span.text)
    countries = {f.country for f in group.mentions if f.country}
    group.country = countries.pop() if len(countries) == 1 else None
    if group.type == "ORG":
        group.country = group.country or country_in_name(group.name)
        group.sector = ORG_HEADS.get(group.name.partition(" of ")[0].split()[-1].lower())
    elif group.type in {"GPE", "LOC"} and group.country is None:
        group.country = _part_of_country(group.name)
    elif group.type == "PERSON" and group.country is None and " of " in group.name:
        found = knowledge.country(group.name.rpartition(" of ")[2])  # "King Hassan of Morocco"
        group.country = found.iso3 if found is not None else None


def _part_of_country(name: str) -> str | None:
    """The country a region named by its compass point is part of: "South Lebanon",
    "Western Cambodia", "northern Iraq"."""
    first, _, rest = bare(name).partition(" ")
    if first.lower() not in COMPASS or not rest:
        return None
    found = knowledge.country(rest)
    return found.iso3 if found is not None else None


def country_in_name(text: str) -> str | None:
    """The country a name or title starts with, by its name or adjective: "French
    National Assembly" and "Russian Foreign Minister" are FRA and RUS."""
    words = bare(text).split()
    for length in range(min(OWNER_WORDS, len(words) - 1), 0, -1):
        found = knowledge.country_of(" ".join(words[:length]))
        if found is not None:
            return found.iso3
    return None


# ---------------------------------------------------------------- roles


def add_roles(groups: list[Group], docs: Sequence[Doc], table: RoleTable) -> None:
    """Each person's role from a title before or an apposition after one of their names;
    looking stops once a role and a country are known."""
    owners = _owners(groups)
    for group in groups:
        if group.type != "PERSON":
            continue
        for f in group.mentions:
            doc = docs[f.paragraph]
            role = role_before(doc, f.span.start, table, owners.get(f.paragraph, {}))
            role = role or role_after(doc, f.span.end, table, owners.get(f.paragraph, {}))
            if role is not None:
                _take_role(group, role, groups)
            if group.role is not None and group.country is not None:
                break


def _owners(groups: list[Group]) -> dict[int, dict[int, Span]]:
    """By paragraph, the entities that can hold an office, by the token they end before."""
    out: dict[int, dict[int, Span]] = {}
    for group in groups:
        if group.type == "PERSON" or (group.country is None and group.code is None):
            continue
        for f in group.mentions:
            out.setdefault(f.paragraph, {})[f.span.end] = f.span
    return out


def _owner_group(span: Span, groups: list[Group]) -> Group | None:
    for group in groups:
        if any(f.span.doc is span.doc and f.span.start == span.start for f in group.mentions):
            return group
    return None


def _take_role(person: Group, role: Role, groups: list[Group]) -> None:
    owner = _owner_group(role.owner, groups) if role.owner is not None else None
    if person.role is None:
        person.role = role.text
        person.sector = role.sector
    if owner is None:
        person.country = person.country or country_in_name(role.text)
        return
    if owner.key in _organisations() and person.code is None:
        person.code = owner.code
        person.sector = person.sector or owner.sector
    elif owner.key.startswith("country:") and person.sector is None:
        person.sector = "GOV"  # a country's spokesman or leader speaks for its government
    person.country = person.country or owner.country


# ---------------------------------------------------------------- actor codes


def code_from(group: Group, actors: ActorDictionary, on: dt.date | None) -> None:
    """The user's code for the entity, tried on its fullest names first."""
    for name in _names_to_try(group):
        actor = actors.actor(name)
        if actor is None:
            continue
        code = actor.code(on)
        if code is None:
            return
        country, sector = split_code(code)
        group.code = code
        group.country = country or group.country
        group.sector = sector or group.sector
        return


def _names_to_try(group: Group) -> Iterator[str]:
    yield group.name
    texts = sorted({f.span.text for f in group.mentions}, key=lambda t: -len(t))
    yield from texts
    if group.type == "PERSON":
        yield group.name.split()[-1]


# ---------------------------------------------------------------- records


def build_entities(groups: list[Group]) -> tuple[Entity, ...]:
    """The groups as Entity records, numbered e1, e2, ... in the groups' order."""
    return tuple(_entity(f"e{n}", group) for n, group in enumerate(groups, start=1))


def _entity(ident: str, group: Group) -> Entity:
    if group.type == "PERSON":
        group.name = _person_name(group)
    mentions = tuple(
        Mention(f.span.text, f.paragraph, f.span.start_char, f.span.end_char)
        for f in _unique(group.mentions)
    )
    aliases = tuple(dict.fromkeys(m.text for m in mentions if m.text != group.name))
    code = group.code
    if code is None and group.type == "PERSON" and group.country is not None:
        code = group.country + (group.sector or "")
    return Entity(
        ident,
        group.name,
        group.type,
        mentions,
        country=group.country,
        role=group.role,
        sector=group.sector,
        code=code,
        aliases=aliases,
    )


def _person_name(group: Group) -> str:
    """The fullest form a person is named by (the earliest of equal length)."""
    return _fullest(group.mentions).span.text


def _fullest(found: list[Found]) -> Found:
    """The mention with the most words; of equals, one not in capitals (a dateline's
    "KADUGLI" names the town less well than "Kadugli"), then the first."""
    return max(found, key=lambda f: (len(f.span), not f.span.text.isupper(), -f.paragraph))


def _unique(found: list[Found]) -> Iterator[Found]:
    seen: set[tuple[int, int, int]] = set()
    for f in found:
        where = (f.paragraph, f.span.start_char, f.span.end_char)
        if where not in seen:
            seen.add(where)
            yield f
