"""Watchlists: the UN Security Council consolidated list (XML) and FollowTheMoney
JSON lines (OpenSanctions' export format), read into one kind of record.

Both readers stream: an entry is handed on as soon as it is read, so a list of any
size is read in constant memory. A record that cannot be used (no reference, no
name, a line that is not JSON) becomes a coded error in the stream and the rest of
the list is still read; only a file that cannot be opened, or is in neither
format, stops the reading (WirewatchError).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from lxml import etree

from wirewatch.errors import WirewatchError

__all__ = [
    "Alias",
    "ListedName",
    "WatchlistEntry",
    "WatchlistItem",
    "entry_from_json",
    "load_watchlist",
    "read_ftm",
    "read_un_xml",
]

EntryKind = Literal["PERSON", "ORG"]
Quality = Literal["good", "low"]


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name of a listed entry. `quality` is the list's own judgement:
    ``low`` for a weak alias (a nickname, a name too common to identify anyone)."""

    name: str
    quality: Quality = "good"
    original_script: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quality": self.quality,
            "original_script": self.original_script,
        }


@dataclass(frozen=True, slots=True)
class ListedName:
    """One name an entry can be found by: its text, quality and where it came from
    (``primary``, ``alias`` or ``original`` for a name in its original script)."""

    text: str
    quality: Quality
    origin: Literal["primary", "alias", "original"]


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """One listed person or organisation.

    `ref` is the list's reference number (``QDi.365``) or, for a FollowTheMoney
    entity without one, its id. Dates of birth are strings as precise as the list
    is: ``1980-07-04``, ``1967``, ``1954~`` (about 1954) or ``1950/1955`` (between).
    """

    ref: str
    kind: EntryKind
    name: str
    aliases: tuple[Alias, ...] = ()
    original_script: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    nationality: tuple[str, ...] = ()
    listed_on: dt.date | None = None
    program: str | None = None
    source: str = ""

    def names(self) -> tuple[ListedName, ...]:
        """Every name to match against, primary first, each once."""
        found: list[ListedName] = [ListedName(self.name, "good", "primary")]
        found.extend(ListedName(t, "good", "original") for t in self.original_script)
        for alias in self.aliases:
            found.append(ListedName(alias.name, alias.quality, "alias"))
            if alias.original_script:
                found.append(ListedName(alias.original_script, alias.quality, "original"))
        seen: set[str] = set()
        unique = []
        for listed in found:
            if listed.text.casefold() not in seen:
                seen.add(listed.text.casefold())
                unique.append(listed)
        return tuple(unique)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "kind": self.kind,
            "name": self.name,
            "aliases": [a.to_json() for a in self.aliases],
            "original_script": list(self.original_script),
            "dates_of_birth": list(self.dates_of_birth),
            "nationality": list(self.nationality),
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "program": self.program,
            "source": self.source,
        }


WatchlistItem = WatchlistEntry | WirewatchError


def entry_from_json(data: dict[str, Any]) -> WatchlistEntry:
    """An entry back from its `to_json` (as the store keeps imported lists)."""
    listed = data.get("listed_on")
    return WatchlistEntry(
        ref=data["ref"],
        kind="PERSON" if data["kind"] == "PERSON" else "ORG",
        name=data["name"],
        aliases=tuple(
            Alias(
                a["name"], "low" if a.get("quality") == "low" else "good", a.get("original_script")
            )
            for a in data.get("aliases", ())
        ),
        original_script=tuple(data.get("original_script", ())),
        dates_of_birth=tuple(data.get("dates_of_birth", ())),
        nationality=tuple(data.get("nationality", ())),
        listed_on=dt.date.fromisoformat(listed) if listed else None,
        program=data.get("program"),
        source=data.get("source", ""),
    )


def load_watchlist(path: str | Path) -> Iterator[WatchlistItem]:
    """The entries of a watchlist file, in order, with an error for each bad record.

    The format is read from the content: XML for the UN consolidated list, JSON
    lines for FollowTheMoney. Raises WW700 when the file cannot be read and WW701
    when it is in neither format.
    """
    where = str(path)
    try:
        stream = Path(path).open("rb")  # noqa: SIM115 - closed by the generator below
    except OSError as exc:
        raise WirewatchError("WW700", exc.strerror or type(exc).__name__, source=where) from exc
    return _read(stream, where)


def _read(stream: IO[bytes], where: str) -> Iterator[WatchlistItem]:
    with stream:
        try:
            first = _first_character(stream)
        except OSError as exc:
            raise WirewatchError("WW700", exc.strerror or "", source=where) from exc
        if first == "<":
            yield from read_un_xml(stream, where)
        elif first == "{":
            yield from read_ftm(stream, where)
        else:
            detail = "empty file" if first == "" else f"starts with {first!r}"
            raise WirewatchError("WW701", detail, source=where)


def _first_character(stream: IO[bytes]) -> str:
    """The first character that is not white space or a byte-order mark; the stream
    is left at its start."""
    head = stream.read(4096)
    stream.seek(0)
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return text[:1]


def _alias(data: dict[str, Any]) -> Alias:
    quality: Quality = "low" if data.get("quality") == "low" else "good"
    return Alias(data["name"], quality, data.get("original_script"))


# --- the UN Security Council consolidated list ------------------------------------

_UN_RECORDS = ("INDIVIDUAL", "ENTITY")
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ORIGINAL_NOTE = re.compile(r"original script:\s*(.+)", re.I)


def read_un_xml(stream: IO[bytes], where: str = "watchlist") -> Iterator[WatchlistItem]:
    """Entries of the UN consolidated list (INDIVIDUAL and ENTITY records).

    Broken XML ends the stream with a WW702 error after the entries before it.
    """
    parser = etree.iterparse(
        stream, events=("start", "end"), recover=False, resolve_entities=False, no_network=True
    )
    seen_root = False
    try:
        for event, element in parser:
            if not seen_root:
                seen_root = True
                if element.tag != "CONSOLIDATED_LIST":
                    raise WirewatchError("WW701", f"XML root <{element.tag}>", source=where)
            if event == "end" and element.tag in _UN_RECORDS:
                yield _un_record(element, where)
                element.clear()
                _drop_previous(element)
    except etree.XMLSyntaxError as exc:
        yield WirewatchError("WW702", f"line {exc.lineno}: {exc.msg}", source=where)


def _drop_previous(element: Any) -> None:
    # iterparse keeps the tree it has built; dropping read records bounds memory.
    while element.getprevious() is not None:
        del element.getparent()[0]


def _un_record(element: Any, where: str) -> WatchlistItem:
    person = element.tag == "INDIVIDUAL"
    ref = _text(element.findtext("REFERENCE_NUMBER"))
    name = " ".join(filter(None, (_text(element.findtext(t)) for t in _NAME_PARTS)))
    dataid = _text(element.findtext("DATAID")) or "?"
    if not ref or not name:
        missing = "reference number" if not ref else "name"
        return WirewatchError("WW703", f"record DATAID {dataid} has no {missing}", source=where)
    alias_tag = "INDIVIDUAL_ALIAS" if person else "ENTITY_ALIAS"
    original = _text(element.findtext("NAME_ORIGINAL_SCRIPT"))
    return WatchlistEntry(
        ref=ref,
        kind="PERSON" if person else "ORG",
        name=name,
        aliases=tuple(a for a in (_un_alias(x) for x in element.iter(alias_tag)) if a),
        original_script=(original,) if original else (),
        dates_of_birth=tuple(
            d for d in (_un_birth(x) for x in element.iter("INDIVIDUAL_DATE_OF_BIRTH")) if d
        ),
        nationality=tuple(
            v for v in (_text(x.text) for x in element.iterfind("NATIONALITY/VALUE")) if v
        ),
        listed_on=_date(element.findtext("LISTED_ON")),
        program=_text(element.findtext("UN_LIST_TYPE")) or None,
        source="un",
    )


def _un_alias(element: Any) -> Alias | None:
    name = _text(element.findtext("ALIAS_NAME"))
    if not name:
        return None
    # The list grades aliases Good or Low; a.k.a. and f.k.a. (entities) are good.
    quality: Quality = "low" if _text(element.findtext("QUALITY")).lower() == "low" else "good"
    note = _ORIGINAL_NOTE.search(_text(element.findtext("NOTE")))
    return Alias(name, quality, _text(note.group(1)) if note else None)


def _un_birth(element: Any) -> str | None:
    kind = _text(element.findtext("TYPE_OF_DATE")).upper()
    date = _text(element.findtext("DATE"))
    year = _text(element.findtext("YEAR"))
    if kind == "BETWEEN":
        start = _text(element.findtext("FROM_YEAR"))
        end = _text(element.findtext("TO_YEAR"))
        return f"{start}/{end}" if start and end else None
    value = (date[:10] if date else "") or year
    if not value:
        return None
    return f"{value}~" if kind == "APPROXIMATELY" else value


# --- FollowTheMoney JSON lines ----------------------------------------------------

_FTM_KINDS: dict[str, EntryKind] = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Company": "ORG",
    "LegalEntity": "ORG",
    "PublicBody": "ORG",
}


def read_ftm(stream: IO[bytes], where: str = "watchlist") -> Iterator[WatchlistItem]:
    """Entries from FollowTheMoney entities, one JSON object per line.

    People and organisations (Person; Organization, Company, LegalEntity,
    PublicBody) become entries; other schemata (Sanction, Address, Vessel, ...)
    are passed over. A line that is not an entity is a WW704 error.
    """
    for number, raw in enumerate(stream, start=1):
        line = raw.decode("utf-8", "replace").strip()
        if not line:
            continue
        found = _ftm_line(line, f"{where}:{number}")
        if found is not None:
            yield found


def _ftm_line(line: str, where: str) -> WatchlistItem | None:
    try:
        record = json.loads(line)
    except ValueError:
        return WirewatchError("WW704", "not JSON", source=where)
    if not isinstance(record, dict) or not isinstance(record.get("schema"), str):
        return WirewatchError("WW704", "not an entity (no schema)", source=where)
    kind = _FTM_KINDS.get(record["schema"])
    if kind is None:
        return None
    properties = record.get("properties")
    if not isinstance(properties, dict):
        return WirewatchError("WW704", "entity without properties", source=where)
    return _ftm_entity(record, kind, properties, where)


def _ftm_entity(
    record: dict[str, Any], kind: EntryKind, props: dict[str, Any], where: str
) -> WatchlistItem:
    ref = (_values(props, "unscId") or [_text(str(record.get("id") or ""))])[0]
    names = _values(props, "name") or _person_name(props)
    if not ref or not names:
        missing = "id" if not ref else "name"
        return WirewatchError("WW703", f"entity without {missing}", source=where)
    latin = [n for n in names if _is_latin(n)]
    primary = (latin or names)[0]
    aliases = [Alias(n) for n in names if n != primary and _is_latin(n)]
    aliases += [Alias(n) for n in _values(props, "alias") + _values(props, "previousName")]
    aliases += [Alias(n, "low") for n in _values(props, "weakAlias")]
    others = [n for n in names if n != primary and not _is_latin(n)]
    return WatchlistEntry(
        ref=ref,
        kind=kind,
        name=primary,
        aliases=tuple(a for a in aliases if _is_latin(a.name)),
        original_script=tuple(others + [a.name for a in aliases if not _is_latin(a.name)]),
        dates_of_birth=tuple(_values(props, "birthDate")),
        nationality=tuple(_values(props, "nationality") + _values(props, "citizenship")),
        listed_on=_date((_values(props, "createdAt") or [str(record.get("first_seen") or "")])[0]),
        program=(_values(props, "program") + _values(props, "programId") + [""])[0] or None,
        source="ftm",
    )


def _person_name(props: dict[str, Any]) -> list[str]:
    parts = [
        (_values(props, p) or [""])[0]
        for p in ("firstName", "middleName", "fatherName", "lastName")
    ]
    name = " ".join(p for p in parts if p)
    return [name] if name else []


def _values(props: dict[str, Any], key: str) -> list[str]:
    found = props.get(key)
    if not isinstance(found, list):
        return []
    return [t for t in (_text(v) for v in found if isinstance(v, str)) if t]


# --- shared -----------------------------------------------------------------------


def _text(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text(value)[:10]) if value else None
    except ValueError:
        return None


def _is_latin(text: str) -> bool:
    """Whether every letter is a Latin one (with or without accents)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)
