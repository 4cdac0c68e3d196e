"""When an event happened: time expressions resolved against the publication date.

News dates events relative to the day the story ran: "on Monday", "last week",
"two days ago", "Sept. 5", "in 2015". `find_times` finds every expression in a text
and resolves it; `resolve_date` gives the one an event goes by, in the shape of the
analysis contract: the date, and the expression as written.

A date is always a day. An expression that names a longer period ("last week",
"in March", "last year") resolves to the period's first day, and its `precision`
says how long the period is: day, weekend (Saturday and Sunday), week (ISO weeks,
Monday to Sunday), month or year. "Two weeks ago" is the week that holds the day
fourteen days back, so it too starts on a Monday.

Unanchored days point back, as news uses them: "on Monday" in a story of Wednesday
is two days before it, "Sept. 5" is the latest Sept. 5 on or before publication. A
future marker in the clause before the expression ("will", "is due to", "scheduled",
"ahead of") turns them forward. "Last Monday" is the latest Monday before publication
day, "next Monday" the first after it.

Relative expressions need the publication date; without it they are still found
(so that `date_text` is kept) but their `date` is None. Expressions too vague to
place ("recently", "a few days ago", "in the past week") are not taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span, Token

Precision = Literal["day", "weekend", "week", "month", "year"]
Resolved = tuple[dt.date | None, Precision] | None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression: its text and offsets, and the first day of the time it names."""

    text: str
    start: int
    end: int
    date: dt.date | None
    precision: Precision


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {"Sept": 9, "Sep": 9, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6,
                        "Jul": 7, "Aug": 8, "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Named days that are not the weekday they contain: "Black Friday", "Bloody Sunday".
_NOT_WEEKDAYS = frozenset(
    "good black bloody super ash palm easter holy maundy cyber shrove low whit fat".split()
)
# Newspapers named for their day: "the Sunday Times".
_NEWSPAPER_WORDS = frozenset("Times Telegraph Express Mirror Post Herald Mail Independent".split())

_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_PREFIX = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Sept\.?|Sep\.?|Jan\.?|Feb\.?|Apr\.?|Aug\.?|Oct\.?|Nov\.?|Dec\.?"
    r"|Mar\.|Jun\.|Jul\.)"
)
_FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_ON = r"(?:\b(?i:on)\s+)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EARLY_LATE = r"(?:(?:early|mid|late)[\s-]+)?"
_NOT_A_YEAR_NEXT = r"(?!\s*,?\s*\d)"

# Words before an expression that put it in the future: "will meet on Friday".
_FUTURE = re.compile(
    r"(?:'ll|\b(?:will|shall|would|going\s+to|due\s+to|set\s+to|expected\s+to|scheduled"
    r"|planned|plans?\s+to|upcoming|ahead\s+of))\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[.;!?]")
# Marks that close the clause a future marker stands in: a comma, a quotation mark.
_CLAUSE_END = re.compile(r"[,\"\u201c\u201d]|''|``")
_LOOK_BACK = 80


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    if name in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[name]
    return _MONTHS.index(name) + 1


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    month = match["month"]
    number = int(month) if month.isdigit() else _month_number(month)
    day = _make_date(int(match["year"]), number, int(match["day"]))
    return None if day is None else (day, "day")


def _month_day(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    month, day = _month_number(match["month"]), int(match["day"])
    if _make_date(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 can be a day
        return None
    if published is None:
        return (None, "day")
    # The nearest such day before publication (after it, in the future); five years are
    # tried so that Feb. 29 finds its leap year.
    step = 1 if future else -1
    years = range(published.year, published.year + 5 * step, step)
    for year in years:
        found = _make_date(year, month, day)
        if found is not None and (found >= published if future else found <= published):
            return (found, "day")
    return None


def _month_year(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    return (dt.date(int(match["year"]), _month_number(match["month"]), 1), "month")


def _month_alone(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    if published is None:
        return (None, "month")
    current = published.replace(day=1)
    same_year = dt.date(published.year, _month_number(match["month"]), 1)
    modifier = match["modifier"].lower()
    if modifier == "this":
        return (same_year, "month")
    if modifier == "last" or (modifier != "next" and not future):
        # "last March" is never this month; "in March" may be.
        before = same_year < current if modifier == "last" else same_year <= current
        return (same_year if before else same_year.replace(year=published.year - 1), "month")
    after = same_year > current if modifier == "next" else same_year >= current
    return (same_year if after else same_year.replace(year=published.year + 1), "month")


def _year(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    return (dt.date(int(match["year"]), 1, 1), "year")


def _weekday(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    before = match.string[: match.start()].split()
    after = match.string[match.end() :].split()
    if match["modifier"] is None and before and before[-1].lower() in _NOT_WEEKDAYS:
        return None
    if after and after[0] in _NEWSPAPER_WORDS:
        return None
    if published is None:
        return (None, "day")
    wanted = _WEEKDAYS.index(match["weekday"])
    modifier = (match["modifier"] or "").lower()
    if modifier == "last":
        back = (published.weekday() - wanted - 1) % 7 + 1
        return (published - dt.timedelta(days=back), "day")
    if modifier == "next":
        return (published + dt.timedelta(days=(wanted - published.weekday() - 1) % 7 + 1), "day")
    if future:
        return (published + dt.timedelta(days=(wanted - published.weekday()) % 7), "day")
    return (published - dt.timedelta(days=(published.weekday() - wanted) % 7), "day")


def _relative_day(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    if published is None:
        return (None, "day")
    text = match[0].lower()
    if "tomorrow" in text:
        return (published + dt.timedelta(days=1), "day")
    if "day before" in text:
        return (published - dt.timedelta(days=2), "day")
    if "yesterday" in text or "last night" in text:
        return (published - dt.timedelta(days=1), "day")
    return (published, "day")


def _ago(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    count = match["count"].lower()
    number = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
    unit = match["unit"].lower()
    if published is None:
        return (None, _unit_precision(unit))
    return _period(unit, -number, published)


def _unit_precision(unit: str) -> Precision:
    precisions: dict[str, Precision] = {"day": "day", "week": "week", "month": "month"}
    return precisions.get(unit, "year")


def _period(unit: str, offset: int, published: dt.date) -> tuple[dt.date, Precision]:
    """The first day of the day, week, month or year `offset` units from publication's."""
    if unit == "day":
        return (published + dt.timedelta(days=offset), "day")
    if unit == "week":
        return (_monday(published) + dt.timedelta(weeks=offset), "week")
    if unit == "month":
        return (_shift_month(published, offset), "month")
    return (dt.date(published.year + offset, 1, 1), "year")


def _named_period(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    unit = match["unit"].lower()
    if unit == "weekend":
        return _weekend(match, published, future)
    if published is None:
        return (None, _unit_precision(unit))
    offset = {"last": -1, "this": 0, "next": 1}[match["relation"].lower()]
    return _period(unit, offset, published)


def _weekend(match: re.Match[str], published: dt.date | None, future: bool) -> Resolved:
    if published is None:
        return (None, "weekend")
    relation = (match.groupdict().get("relation") or "").lower()
    saturday = _monday(published) + dt.timedelta(days=5)  # of the publication's week
    week = dt.timedelta(weeks=1)
    if relation in ("last", "next"):
        return (saturday - week if relation == "last" else saturday + week, "weekend")
    if relation == "this":
        return (saturday, "weekend")
    if future:
        return (saturday if published <= saturday else saturday + week, "weekend")
    return (saturday if published >= saturday else saturday - week, "weekend")


_FULL_MDY = rf"{_ON}{_WEEKDAY_PREFIX}\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"
_FULL_DMY = rf"{_ON}{_WEEKDAY_PREFIX}\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"
_ISO = r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"
# "Sept. 11 attacks" is a name, not a date.
_MD = rf"{_ON}{_WEEKDAY_PREFIX}\b{_MONTH}\s+{_DAY}\b{_NOT_A_YEAR_NEXT}(?!\s+attacks)"
_DM = rf"{_ON}{_WEEKDAY_PREFIX}(?:\bthe\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w){_NOT_A_YEAR_NEXT}"
_MY = rf"(?:\b(?i:in|since|during|until|from)\s+)?\b{_EARLY_LATE}{_MONTH}\s+(?:of\s+)?{_YEAR}\b"
# A month alone only after a word that makes it one: "in May", not "Theresa May".
_M = (
    r"\b(?P<modifier>(?i:in|since|during|until|(?:earlier|later)\s+in"
    r"|(?:the\s+)?(?:end|start|beginning|middle)\s+of|early|mid|late|last|next|this))[\s-]+"
    rf"{_EARLY_LATE}{_FULL_MONTH}\b{_NOT_A_YEAR_NEXT}"
)
# A year alone only after a preposition: "the 2015 agreement" dates nothing.
_Y = (
    rf"\b(?i:in|during|since|until)\s+(?:{_EARLY_LATE}|the\s+(?:spring|summer|autumn|fall"
    rf"|winter|first\s+half|second\s+half|end|start|beginning|middle)\s+of\s+){_YEAR}\b"
    r"(?![-–/]?\d)"
)
_WD = (
    r"(?:\b(?P<modifier>(?i:last|next|this|on|early|late|earlier|later))"
    rf"\s+(?:on\s+)?)?\b{_WEEKDAY}\b{_PART_OF_DAY}"
)
_RELATIVE_DAY = (
    r"\b(?:(?:earlier|later)\s+)?(?<!USA\s)today\b|\btonight\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b"
    r"|\b(?:the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?\b"
    r"|\blast\s+night\b|\btomorrow(?:\s+(?:morning|afternoon|evening|night))?\b"
)
_AGO = (
    r"\b(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b"
)
_NAMED_PERIOD = (
    r"\b(?:(?:early|late|earlier|later|mid)[\s-]+|(?:at\s+)?the\s+(?:end|start|beginning"
    r"|middle)\s+of\s+)?(?P<relation>last|this|next)\s+(?P<unit>week|month|year|weekend)\b"
)
_THE_WEEKEND = r"\b(?:over|at|on|during)\s+the\s+(?P<unit>weekend)\b"

Handler = Callable[[re.Match[str], dt.date | None, bool], Resolved]

# Month and weekday names are matched with their capitals ("may" is a verb, "march" a
# noun); the words of relative expressions in any case.
_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(_FULL_MDY), _full_date),
    (re.compile(_FULL_DMY), _full_date),
    (re.compile(_ISO), _full_date),
    (re.compile(_MD), _month_day),
    (re.compile(_DM), _month_day),
    (re.compile(_MY), _month_year),
    (re.compile(_M), _month_alone),
    (re.compile(_Y), _year),
    (re.compile(_WD), _weekday),
    (re.compile(_RELATIVE_DAY, re.I), _relative_day),
    (re.compile(_AGO, re.I), _ago),
    (re.compile(_NAMED_PERIOD, re.I), _named_period),
    (re.compile(_THE_WEEKEND, re.I), _weekend),
)


def _is_future(text: str, start: int) -> bool:
    """Whether a future marker governs the expression at ``start``: one in its clause,
    with no comma or quotation mark between them ("'We will fight,' he said on Sunday"
    is last Sunday; "will meet on Friday" next Friday)."""
    window = text[max(0, start - _LOOK_BACK) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    markers = list(_FUTURE.finditer(window))
    return bool(markers) and _CLAUSE_END.search(window, markers[-1].end()) is None


def find_times(text: str | Span, published: dt.date | None) -> list[TimeRef]:
    """Every time expression in `text`, in order, resolved against `published`."""
    plain = text.text if isinstance(text, Span) else text
    found: list[TimeRef] = []
    for pattern, handler in _PATTERNS:
        for match in pattern.finditer(plain):
            resolved = handler(match, published, _is_future(plain, match.start()))
            if resolved is not None:
                start, end = match.span()
                found.append(TimeRef(match[0], start, end, resolved[0], resolved[1]))
    return _without_overlaps(found)


def _without_overlaps(found: list[TimeRef]) -> list[TimeRef]:
    """The longest of overlapping expressions: "Monday, July 4, 2016" over "Monday"."""
    kept: list[TimeRef] = []
    for ref in sorted(found, key=lambda ref: (ref.start, ref.start - ref.end)):
        if not kept or ref.start >= kept[-1].end:
            kept.append(ref)
    return kept


def event_time(
    text: str | Span, published: dt.date | None, anchor: int | None = None
) -> TimeRef | None:
    """The expression an event goes by: the nearest to `anchor` (the offset of its verb in
    `text`), or the first when no anchor is given; None when the text has none."""
    found = find_times(text, published)
    if not found:
        return None
    if anchor is None:
        return found[0]
    return min(found, key=lambda ref: max(ref.start - anchor, anchor - ref.end, 0))


def act_time(
    head: Token, times: list[TimeRef], published: dt.date | None, anchor: int
) -> tuple[dt.date | None, str | None, Precision | None]:
    """When the act whose word is `head` happened: date, date text and precision.

    `times` are the expressions of its sentence (`find_times` on the sentence's text)
    and `anchor` the offset of `head` in that text. The nearest to the act's word dates
    it, at the precision it states. With none, an act told as the day's news ("has
    dropped", "said", "are protesting") is dated the publication day, precision
    ``day``; one told in the past perfect ("had broken off ties", "had been holding
    talks") happened before the news, at a time the text does not give: it keeps the
    publication date, the day it was known by, with no precision.
    """
    if not times:
        if published is None:
            return (None, None, None)
        return (published, None, None if told_before(head) else "day")
    found = min(times, key=lambda ref: max(ref.start - anchor, anchor - ref.end, 0))
    return (found.date, found.text, found.precision if found.date is not None else None)


def told_before(head: Token) -> bool:
    """Whether a verb (or the verb it is conjoined to) is in the past perfect."""
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "had" for c in head.children)


def resolve_date(
    text: str | Span, published: dt.date | None, anchor: int | None = None
) -> tuple[dt.date | None, str | None]:
    """An event's date and date text, as the analysis contract carries them.

    The date of the event's own time expression (see `event_time`), else the publication
    date with no text. A relative expression with no publication date gives (None, text)."""
    found = event_time(text, published, anchor)
    if found is None:
        return (published, None)
    return (found.date, found.text)
