"""Every mention keyed to its referent, and the mentions of each referent grouped.

A key is a knowledge-base id ("country:TUR", an organisation's or a place's id), a
person's ("person:0", from the name chains in ``people``) or, for what the knowledge
base does not know, the normalised name ("name:..."). Capitals that act as their
governments take their country's key (``capitals``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from wirewatch import knowledge
from wirewatch.analyze.capitals import acts_as_government, capital_of
from wirewatch.analyze.mentions import Found, tokens_of
from wirewatch.analyze.people import chain_people, name_key, same_person, surnames
from wirewatch.analyze.roles import RoleTable, Words, title_ending_in
from wirewatch.knowledge import Country, Organisation, People, Place
from wirewatch.knowledge.names import normalise

# A place this large is the place even where the NER said PERSON ("Istanbul"); smaller ones
# may be people's names too ("Lincoln", "Victoria").
BIG_CITY = 1_000_000


@dataclass(slots=True)
class Group:
    """The mentions of one referent, and what is known of it so far."""

    key: str
    mentions: list[Found]
    type: str = ""
    name: str = ""
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    code: str | None = None


def keyed(found: list[Found], words: Sequence[Words], table: RoleTable) -> list[Found]:
    """Every mention with the key of its referent; people chained by name.
    ``words[i]`` holds the words of paragraph ``i``."""
    found = _retyped(found, words, table)
    others = [_with_key(f) for f in found if f.label != "PERSON"]
    people = chain_people([f for f in found if f.label == "PERSON"])
    more = surnames(words, people, others)
    named = {(f.paragraph, i) for f in more for i in tokens_of(f.span)}
    others = [f for f in others if _known(f) or not _overlaps(f, named)]
    return sorted(others + people + more, key=lambda f: f.order)


def grouped(found: list[Found]) -> list[Group]:
    """The keyed mentions grouped by referent, in order of first mention."""
    by_key: dict[str, Group] = {}
    for f in found:
        by_key.setdefault(f.key, Group(f.key, [])).mentions.append(f)
    _merge_acronyms(by_key)
    return sorted(by_key.values(), key=lambda g: g.mentions[0].order)


def bare(text: str) -> str:
    """A name without its leading "the"."""
    return text[4:] if text.lower().startswith("the ") else text


def place_type(place: Place) -> str:
    if place.kind == "facility":
        return "FAC"
    return "GPE" if place.kind in knowledge.GPE_KINDS else "LOC"


def _known(f: Found) -> bool:
    return not f.key.startswith("name:")


def _overlaps(f: Found, tokens: set[tuple[int, int]]) -> bool:
    return any((f.paragraph, i) in tokens for i in tokens_of(f.span))


# ---------------------------------------------------------------- the knowledge base


def _retyped(found: list[Found], words: Sequence[Words], table: RoleTable) -> list[Found]:
    """PERSON mentions that are plainly a country, capital, organisation or large place,
    given the label the knowledge base gives them. A name stays a person's when a title
    stands before it or a fuller person's name ends with it ("Michael Jordan" ... "Jordan")."""
    fuller = [name_key(f.span) for f in found if f.label == "PERSON" and len(f.span) > 1]
    out = []
    for f in found:
        label = _kb_label(f.span.text) if f.label == "PERSON" else None
        if label is None or title_ending_in(words[f.paragraph], f.span.start, table) is not None:
            out.append(f)
        elif not any(same_person(name_key(f.span), other) for other in fuller):
            out.append(replace(f, label=label))
        else:
            out.append(f)
    return out


def _kb_label(text: str) -> str | None:
    """The label a name has in the knowledge base when it plainly names no person."""
    for hit in knowledge.lookup(text):
        entry = hit.entry
        if hit.via == "ambiguous":
            continue
        if isinstance(entry, Country):
            return {"metonym": "ORG", "adjective": "NORP", "demonym": "NORP"}.get(hit.via, "GPE")
        if isinstance(entry, Organisation):
            return "ORG"
        if isinstance(entry, Place) and (entry.curated or (entry.population or 0) >= BIG_CITY):
            return place_type(entry)
    return None


def _with_key(f: Found) -> Found:
    kb = f.span.kb_id_ or _kb_of(f.span.text, f.label)
    capital = capital_of(f.span.text)
    if kb.startswith("country:"):
        return replace(f, key=kb)
    if capital is not None and acts_as_government(f.span):
        return replace(f, key=f"country:{capital}", label="GPE")
    if kb:
        return replace(f, key=kb)
    return replace(f, key=f"name:{normalise(f.span.text)}")


def _kb_of(text: str, label: str) -> str:
    """A knowledge-base id for an entity the gazetteer did not match (another pipeline's)."""
    hits = [h for h in knowledge.lookup(bare(text)) if h.via not in ("ambiguous", "capital")]
    countries = {h.entry.iso3 for h in hits if isinstance(h.entry, Country) and h.via != "seat"}
    if len(countries) == 1:
        return f"country:{countries.pop()}"
    for kind in (Organisation, People, Place):
        entry = next((h.entry for h in hits if isinstance(h.entry, kind)), None)
        if entry is not None and (kind is not Place or label != "ORG"):
            return str(entry.id)
    return ""


# ---------------------------------------------------------------- acronyms


def _initials(text: str) -> str:
    return "".join(w[0] for w in bare(text).replace("-", " ").split() if w[:1].isupper())


def _merge_acronyms(by_key: dict[str, Group]) -> None:
    """An unknown acronym that spells an unknown organisation's name is that organisation:
    "Syrian Observatory for Human Rights" = "SOHR"."""
    names = {
        _initials(g.mentions[0].span.text): g
        for g in by_key.values()
        if g.key.startswith("name:") and len(g.mentions[0].span) > 1
    }
    for key, group in list(by_key.items()):
        text = group.mentions[0].span.text.replace(".", "")
        target = names.get(text) if key.startswith("name:") and text.isupper() else None
        if target is not None and target is not group and len(text) > 1:
            target.mentions = sorted(target.mentions + group.mentions, key=lambda f: f.order)
            del by_key[key]
