"""The publication date: stated by the page, or inferred from what the text says.

A page that prints or declares its date gives `stated`. A page that does not
(scraped text, like the seed) still dates itself: captions and the body name
days ("Thursday, June 30, 2016"), the story cannot be older than the latest of
them, and the lead's weekday ("Turkey said on Monday") is, in news style, the
day the story ran: the first such weekday on or after that latest date.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateutil import parser as dateparser
from lxml.html import HtmlElement

from wirewatch.model import Published

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = r"(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# "Thursday, June 30, 2016", "June 30, 2016", "30 June 2016", "2016-06-30".
_FULL_DATES = (
    re.compile(
        rf"\b{_WEEKDAY_RE}{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(
        rf"\b{_WEEKDAY_RE}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE},?\s+(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
_LEAD_WEEKDAY = re.compile(
    r"\b(?:on|late|early|this)\s+(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
# A date in a sentence about what will happen says nothing about when the story ran.
_FUTURE = re.compile(
    r"\b(?:will|next|scheduled|due|until|expected|planned|set for|from)\b[^.]{0,40}$", re.I
)
EARLIEST = dt.date(1990, 1, 1)


@dataclass(frozen=True, slots=True)
class Stated:
    """A publication date the page gives, and where it gives it."""

    date: dt.date
    where: str


@dataclass(frozen=True, slots=True)
class DatedReference:
    date: dt.date
    text: str


def parse_date(value: str) -> dt.date | None:
    """A date from a markup value ("2019-11-19T08:57:40+01:00", "Tue, 19 Nov 2019")."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    try:
        with warnings.catch_warnings():
            # Time-zone names dateutil does not know ("EST") do not change the day.
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            parsed = dateparser.parse(value, fuzzy=False, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or parsed.year < EARLIEST.year:
        return None
    return parsed.date()


_LABEL = re.compile(
    r"^\W*(?:published|posted|first published|date|dated|on)\b\s*(?:on|at)?\s*:?\s*", re.I
)
_MODIFIED = re.compile(r"^\W*(?:updated|last updated|modified|last modified|edited)\b", re.I)


def date_in_line(text: str) -> dt.date | None:
    """The publication date a short printed line gives ("Published: 12 March 2024").

    A line that gives the last-modified date ("Updated: …") gives none: the
    publication date is the original one.
    """
    if _MODIFIED.match(text) or len(text) > 80:
        return None
    return parse_date(_LABEL.sub("", text))


def stated_date(claims: Iterable[str], root: HtmlElement, *, search: bool = True) -> Stated | None:
    """The publication date the page declares: its markup's claim, else (if `search`)
    what htmldate finds in the markup."""
    today = dt.date.today() + dt.timedelta(days=1)
    for claim in claims:
        found = parse_date(claim)
        if found and EARLIEST <= found <= today:
            return Stated(found, f"the page's metadata gives '{claim}'")
    if not search:
        return None
    from htmldate import find_date  # deferred: only pages without a markup date need it

    try:
        value = find_date(root, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    found = parse_date(value) if value else None
    return Stated(found, "a date in the page's markup (found by htmldate)") if found else None


def _month_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    lowered = text.lower()[:3]
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(lowered))


def dated_references(texts: Iterable[str]) -> list[DatedReference]:
    """Full dates the texts name, except dates of what is yet to happen."""
    found: list[DatedReference] = []
    for text in texts:
        for pattern in _FULL_DATES:
            for match in pattern.finditer(text):
                if _FUTURE.search(text[max(0, match.start() - 60) : match.start()]):
                    continue
                try:
                    day = dt.date(
                        int(match.group("year")),
                        _month_number(match.group("month")),
                        int(match.group("day")),
                    )
                except ValueError:
                    continue
                found.append(DatedReference(day, match.group(0)))
    return found


def next_weekday(start: dt.date, weekday: str) -> dt.date:
    """The first date on or after `start` that falls on `weekday`."""
    target = WEEKDAYS.index(weekday.lower())
    return start + dt.timedelta(days=(target - start.weekday()) % 7)


def infer(paragraphs: Sequence[str], captions: Sequence[str]) -> Published:
    """Reason the publication date from dated references and the lead's weekday."""
    references = dated_references([*captions, *paragraphs])
    if not references:
        return Published(basis="unknown: no date is printed and the text names no full date")
    latest = max(references, key=lambda r: r.date)
    basis = (
        f"inferred: no date is printed; the latest dated reference is '{latest.text}' "
        f"({latest.date})"
    )
    lead = _LEAD_WEEKDAY.search(paragraphs[0]) if paragraphs else None
    if not lead:
        return Published(inferred=latest.date, basis=basis)
    day = lead.group("day")
    inferred = next_weekday(latest.date, day)
    basis += (
        f"; the lead's '{lead.group(0)}' is the day the story ran, the first "
        f"{day.capitalize()} on or after it: {inferred}"
    )
    if any("last week" in p.lower() for p in paragraphs):
        monday = inferred - dt.timedelta(days=inferred.weekday())
        agrees = monday - dt.timedelta(days=7) <= latest.date < monday
        basis += "; 'last week' " + ("agrees" if agrees else "does not agree")
    return Published(inferred=inferred, basis=basis)


def published(
    stated: Stated | None, paragraphs: Sequence[str], captions: Sequence[str]
) -> Published:
    """The Published record: the stated date when there is one, else the inference."""
    if stated is not None:
        return Published(stated=stated.date, basis=f"stated: {stated.where}")
    return infer(paragraphs, captions)
