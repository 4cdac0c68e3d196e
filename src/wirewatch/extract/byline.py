"""Bylines, news agencies and datelines, as both readers meet them.

"By Ece Toksabay and Dmitry Solovyov", "Tess Bonn - 11/19/19 06:56 AM EST",
"ISTANBUL (Reuters) -", "REUTERS --", "WASHINGTON (AP) —": who wrote a story,
which agency it came from, and where it was filed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Agency names as printed, and the name wirewatch reports for each.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "dpa": "dpa",
    "ansa": "ANSA",
    "efe": "EFE",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "interfax": "Interfax",
    "ria novosti": "RIA Novosti",
    "sputnik": "Sputnik",
    "upi": "UPI",
    "pa": "PA Media",
    "pa media": "PA Media",
    "press association": "PA Media",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "yonhap": "Yonhap",
    "ani": "ANI",
    "ians": "IANS",
    "pti": "PTI",
    "aap": "AAP",
    "the canadian press": "Canadian Press",
    "canadian press": "Canadian Press",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "irna": "IRNA",
    "wafa": "WAFA",
    "kuna": "KUNA",
    "mena": "MENA",
    "cna": "CNA",
    "apa": "APA",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
# "REUTERS --", "(AP) —", "AFP -": a bare agency tag opening the first paragraph.
_AGENCY_TAG = re.compile(rf"^\(?(?P<agency>{_AGENCY_ALT})\)?\s*(?:--|[-—–:|])\s*", re.I)
# "ISTANBUL (Reuters) -", "BUFFALO, N.Y. —", "NEW DELHI:": a place, maybe an agency, a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’ ]{1,25})?)"
    rf"(?:\s*\((?P<agency>{_AGENCY_ALT})\))?\s*(?:--|[—–-]|:)\s+(?=\S)",
    re.I,
)
_BY = re.compile(r"^\W*(?:by|written by|words by|von|par|por|di|door|av|af)\s+", re.I)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\|)\s*")
_NAME = re.compile(
    r"^[A-Z\u00c0-\u024f][\w'’.-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w'’.-]*|de|da|van|von|der|del|la|le|bin|al|el|di|du|dos|das))*$"
)
_ROLES = "staff|editor|reporter|correspondent|writer|contributor|updated|published|min read"
_NOT_NAME = re.compile(rf"\d|@|https?:|www\.|\b(?:{_ROLES})\b", re.I)


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    agency: str | None


def agency_name(text: str) -> str | None:
    """The canonical agency for a printed name ("REUTERS" -> "Reuters"), or None."""
    return AGENCIES.get(" ".join(text.lower().replace(".", "").split()))


def is_person_name(text: str) -> bool:
    """Looks like a person's name: two to five capitalised words, no digits or roles."""
    words = text.split()
    return 2 <= len(words) <= 5 and not _NOT_NAME.search(text) and bool(_NAME.match(text))


# Words that make a credited name an organisation, not a person.
_ORGANISATION = re.compile(
    r"\b(?:news|bureau|staff|press|media|times|post|herald|journal|tribune|international"
    r"|agency|network|online|desk|team|editors?|magazine|daily|nast|radio|tv|television"
    r"|sources|sports?|^the)\b",
    re.I,
)


_TRAILING_DAY = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$", re.I
)


def _person(part: str) -> str | None:
    """A person's name as it should be reported, or None for an organisation or noise."""
    part = _TRAILING_DAY.sub("", part)
    if not is_person_name(part) or _ORGANISATION.search(part):
        return None
    letters = [c for c in part if c.isalpha()]
    # "TOM KRISHER" is a byline's typography, not the name.
    return part.title() if letters and all(c.isupper() for c in letters) else part


def same_person(a: str, b: str) -> bool:
    """ "Troy L. Smith" and "Troy Smith" name one person: same first and last word."""
    x, y = a.lower().split(), b.lower().split()
    return x[0] == y[0] and x[-1] == y[-1]


def parse_byline(text: str) -> Byline:
    """Authors and agency from one byline: "By A and B, Reuters" -> ((A, B), "Reuters")."""
    text = " ".join(text.split())
    text = re.split(r"\s+[-—–|]\s+|\s{2,}|\s*\bupdated\b|\s*\bpublished\b", text, flags=re.I)[0]
    text = _BY.sub("", text)
    authors: list[str] = []
    agency: str | None = None
    for part in _SPLIT.split(text):
        part = part.strip(" .;:()")
        if not part:
            continue
        found = agency_name(part)
        person = _person(part)
        if found:
            agency = agency or found
        elif person and not any(same_person(person, a) for a in authors):
            authors.append(person)
    return Byline(tuple(authors), agency)


def is_byline(text: str) -> bool:
    """A line that is only a byline: "By Jane Doe", "Ece Toksabay and Dmitry Solovyov"."""
    text = " ".join(text.split())
    if len(text) > 120 or (text.endswith((".", "?", "!", ":")) and not _BY.match(text)):
        return False
    parsed = parse_byline(text)
    if not parsed.authors:
        return bool(_BY.match(text)) and parsed.agency is not None
    rest = _SPLIT.split(_BY.sub("", text))
    named = sum(
        1
        for p in rest
        if p.strip(" .;:()")
        and (is_person_name(p.strip(" .;:()")) or agency_name(p.strip(" .;:()")))
    )
    return named == len([p for p in rest if p.strip(" .;:()")])


def _is_place(text: str) -> bool:
    """A dateline's place: the city in capitals, then maybe a state or country as printed."""
    city = text.split(",")[0]
    return city.upper() == city and any(c.isalpha() for c in city)


@dataclass(frozen=True, slots=True)
class Lead:
    """The opening of a first paragraph: dateline place, agency, and the text after them."""

    place: str | None
    agency: str | None
    rest: str
    bare_tag: bool


def split_lead(paragraph: str) -> Lead:
    """Split "ISTANBUL (Reuters) - Turkey said …" or "REUTERS -- Turkey said …"."""
    match = _AGENCY_TAG.match(paragraph)
    if match:
        return Lead(None, agency_name(match.group("agency")), paragraph[match.end() :], True)
    match = _DATELINE.match(paragraph)
    if match and _is_place(match.group("place")):
        agency = agency_name(match.group("agency")) if match.group("agency") else None
        return Lead(match.group("place").strip(), agency, paragraph[match.end() :], False)
    return Lead(None, None, paragraph, False)
