"""What one line of text is when it is not story: a date, a byline, a credit.

Both readers meet the same lines around a story, "Updated on: November 19, 2019
/ 10:07 AM", "By Jane Doe", "@handle", "Reporting by A; editing by B", and
judge them with these predicates.
"""

from __future__ import annotations

import re

from wirewatch.extract.captions import is_credit_line

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that only dates or times something: "Nov 18", "9:24 pm ET", "32M ago",
# "November 19, 2019, 9:02 AM", "2019-11-19 08:57".
_DATE_ONLY = re.compile(
    rf"^\W*(?:(?:updated|published|posted|last updated|modified)\s*(?:on|at)?\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    rf"(?:\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}\.?\s+{_MONTH}(?:\s+\d{{4}})?|\d{{1,2}}\s*[hm]\s+ago|\d+\s+\w+\s+ago)?"
    rf"[,\s|/-]*(?:(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{{2,4}})?)?\W*$",
    re.I,
)
# A date or a time anywhere in a short line: "Updated on: November 19, 2019 / 10:07 AM".
_DATE_IN_LINE = re.compile(
    rf"\b\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+{_MONTH}"
    r"|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d\d\b",
    re.I,
)
DATED_META_MAX_WORDS = 3
_DATE_WORDS = frozenset(
    """updated published posted modified last on at am pm a m p m et est edt pst pdt gmt
    utc bst cet ist jst""".split()
)
# Credits for the reporting, at a story's end: not the story.
_CONTRIBUTORS = re.compile(
    r"^\W*(?:(?:additional |with )?reporting by|(?:writing|editing|edited|compiled|produced)"
    r" by|.{0,80}\bcontributed (?:reporting|research|to this (?:report|story|article)))\b",
    re.I,
)
_EMAIL_ONLY = re.compile(r"^\W*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\W*$")
_BYLINE = re.compile(r"^\W*(?:by|von|par|por|di|door|av|af)\s+\S.{0,120}$", re.I)
_HANDLE = re.compile(r"^@\w{2,30}$")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text reduced to its lower-cased words, to compare lines that differ in punctuation."""
    return " ".join(_WORD.findall(text.lower()))


def is_date_only(text: str) -> bool:
    """A line that only dates or times something ("Nov 18", "Posted 9:24 pm ET")."""
    return len(text) <= 80 and bool(_DATE_ONLY.match(text)) and any(c.isdigit() for c in text)


def is_dated_meta(text: str) -> bool:
    """A short line that is a date or time with a label or a source: "15:23 2019"."""
    if len(text) > 80 or not _DATE_IN_LINE.search(text):
        return False
    rest = _DATE_IN_LINE.sub(" ", text)
    words = [w for w in _WORD.findall(rest.lower()) if not w.isdigit() and w not in _DATE_WORDS]
    return len(words) <= DATED_META_MAX_WORDS


def is_contributor_line(text: str) -> bool:
    """ "Reporting by A; editing by B", "C contributed reporting": credits, not story."""
    return len(text) < 400 and bool(_CONTRIBUTORS.match(text))


def is_meta_line(text: str) -> bool:
    """A byline, a date or time, an @handle, a credit: what stands around a story."""
    return (
        is_date_only(text)
        or is_dated_meta(text)
        or bool(_BYLINE.match(text) and len(text) < 100)
        or bool(_HANDLE.match(text))
        or bool(_EMAIL_ONLY.match(text))
        or is_credit_line(text)
        or is_contributor_line(text)
    )
