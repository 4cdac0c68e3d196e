"""Events as rows of GDELT 2.0's event table, so that tools that read GDELT read ours.

The 61 columns are GDELT 2.0's, in its order, written as GDELT writes them: tab
separated, no header. What wirewatch does not know stays empty (religion and
ethnic codes, coordinates, feature ids, FIPS country codes of places, tone); see
docs/store.md for the mapping column by column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wirewatch import knowledge

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{who}Geo_{field}"
        for who in ("Actor1", "Actor2", "Action")
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)

# CAMEO's actor role and sector codes (the three-letter parts after a country); any
# other part is a known group (UNO, NAT, HMS...), as GDELT splits them.
ACTOR_TYPES = frozenset(
    "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS INT JUD LAB LEG MED MIL "
    "MNC MOD NGM NGO OPP PTY RAD REB REF REL SEP SET SPY UAF".split()
)
# GDELT's geographic resolution: 1 a country, 4 a place within one (a "world city").
GEO_COUNTRY, GEO_PLACE = 1, 4


def split_actor(code: str | None, country: str | None) -> tuple[str, str, list[str]]:
    """A CAMEO actor code as (country, known group, types): TURGOV -> TUR, "", [GOV]."""
    parts = [code[i : i + 3] for i in range(0, len(code or ""), 3)] if code else []
    found_country = ""
    if parts and (parts[0] == country or (parts[0] not in ACTOR_TYPES and parts[0] != "---")):
        found_country = parts.pop(0)
    elif parts and parts[0] == "---":
        parts.pop(0)
    types = [p for p in parts if p in ACTOR_TYPES][:3]
    groups = [p for p in parts if p not in ACTOR_TYPES]
    return found_country or (country or ""), groups[0] if groups else "", types


def _actor(code: str | None, name: str | None, country: str | None) -> list[Any]:
    if name is None:
        return [""] * 10
    where, group, types = split_actor(code, country)
    types += [""] * (3 - len(types))
    return [code or "", name.upper(), where, group, "", "", "", *types]


def _fraction(day: dt.date) -> str:
    """GDELT's FractionDate: the year plus the share of it gone by, to four places."""
    days = 366 if day.year % 4 == 0 and (day.year % 100 or day.year % 400 == 0) else 365
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def _geo(name: str | None, country: str | None) -> list[Any]:
    if not name:
        return [0, "", "", "", "", "", "", ""]
    named = knowledge.country(name)
    kind = GEO_COUNTRY if named is not None and named.iso3 == country else GEO_PLACE
    return [kind, name, "", "", "", "", "", ""]


def row(event: dict[str, Any], added: dt.datetime, url: str, pages: int) -> list[Any]:
    """One GDELT row from an event row joined with its article's first page and count."""
    day: dt.date | None = event["day"]
    date_cols: list[Any] = ["", "", "", ""]
    if day is not None:
        date_cols = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, _fraction(day)]
    cameo: str = event["cameo"]
    return [
        event["id"],
        *date_cols,
        *_actor(event["source_code"], event["source_name"], event["source_country"]),
        *_actor(event["target_code"], event["target_name"], event["target_country"]),
        # GDELT marks events of a story's lead paragraph as its root events.
        1 if event["paragraph"] == 0 else 0,
        cameo,
        cameo[:3],
        cameo[:2],
        event["quad_class"],
        event["goldstein"],
        1,
        pages,
        pages,
        "",
        *_geo(None, None),
        *_geo(None, None),
        *_geo(event["location_name"], event["location_country"]),
        added.strftime("%Y%m%d%H%M%S"),
        url,
    ]


def line(values: list[Any]) -> str:
    """A row as GDELT writes it: tab separated, no quoting (tabs and newlines removed)."""
    return "\t".join(_cell(value) for value in values) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
