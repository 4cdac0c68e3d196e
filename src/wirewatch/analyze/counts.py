"""How many: people killed, wounded, arrested, displaced and missing, as numbers.

News gives the figures in a few shapes, all read here:

- the number before the outcome: "45 people dead", "three soldiers were killed",
  "more than 1,000 displaced", "a dozen injured", "12 people remain missing";
- the outcome before the number: "killing at least 12", "police arrested 30";
- a toll or a noun: "the death toll rose to 45", "12 civilian deaths", "200 arrests";
- one person: "a soldier was killed"; nobody: "no one was hurt", "no casualties".

Numbers are read in digits ("1,200", "1.5 million") and words ("twenty-five", "two
dozen"). Hedges are dropped and the figure is taken as written: "at least 12",
"more than 1,000" and "nearly 50" count 12, 1,000 and 50. Plural round numbers count
as the least they can mean: "dozens" is 24, "scores" 40, "hundreds" 200, "thousands"
2,000, "tens of thousands" 20,000, "hundreds of thousands" 200,000, "millions"
2,000,000. "Casualties" says nothing of which kind, so only "no casualties" is read
(none killed, none wounded). When a text gives several figures of one kind, the
largest is the count: a toll that rises is reported again with the new figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("killed", "wounded", "arrested", "displaced", "missing")


@dataclass(frozen=True, slots=True)
class CountMention:
    """One figure in the text: its kind, its value and where it is."""

    kind: str
    value: int
    text: str
    start: int
    end: int


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# The least a plural round number can mean: two of the unit.
_VAGUE = {
    "dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000,
    "millions": 2_000_000,
}  # fmt: skip

_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
# "A" counts only before a round number: "a dozen", not "a number of people".
_WORDS = (
    rf"half\s+a\s+dozen|(?:an?|one)\s+dozen|(?:an?\s+(?:hundred|thousand|million)|{_UNIT_WORD})"
    rf"(?:[\s-]+(?:and\s+)?(?:{_UNIT_WORD}|hundred|thousand|million|dozen))*"
)
_ROUND = r"(?:tens|hundreds|thousands|dozens|scores|millions)(?:\s+of\s+(?:thousands|millions))?"
_NUMBER = (
    rf"(?<![$£€\w.,])(?<!\bno\s)(?P<number>(?:{_DIGITS})(?:\s+(?:hundred|thousand|million))?"
    rf"|{_ROUND}|{_WORDS})\b"
    # not an age, a distance, a share, a time or a sum: "12-year-old", "10 km", "5 percent"
    r"(?!\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet|miles?|met(?:er|re)"
    r"|percent|per\s+cent|%|times|a\.m|p\.m|o'clock|dollars?|euros?|pounds?|tons?|tonnes?))"
)
_HEDGE = (
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|as\s+many\s+as"
    r"|an\s+estimated|roughly|approximately|close\s+to|fewer\s+than|less\s+than|well\s+over"
    r"|another|a\s+further|an\s+additional|at\s+most|just\s+over|just\s+under)\s+)?"
)
# Words that can stand between a figure and its outcome ("12 members of the security
# forces were killed") end at a word that starts a new clause.
_NOT_IN_PHRASE = (
    r"(?!(?:that|which|who|whom|whose|and|or|but|were|was|are|is|have|has|had|been|being|be"
    r"|will|would|could|may|might|not|by|in|on|at|after|before|during|when|while|as|from"
    r"|with|said|says|say|including|killed|dead|died|wounded|injured|hurt|arrested"
    r"|detained|displaced|missing|than)\b)"
)
_PHRASE = rf"(?:{_NOT_IN_PHRASE}[A-Za-z0-9][\w'’-]*\s+){{0,5}}?"
_PEOPLE = (
    r"(?:people|persons?|civilians?|soldiers?|troops|servicemen|policemen|police\s+officers"
    r"|officers|children|kids|women|men|protesters|demonstrators|militants|fighters|rebels"
    r"|insurgents|jihadists|migrants|refugees|residents|villagers|passengers|workers"
    r"|students|journalists|worshippers|pilgrims|members|others|more|guards|staff|personnel"
    r"|prisoners|inmates|miners|tourists|pedestrians|bystanders|activists|suspects"
    r"|individuals|[A-Z][a-z]+s)"
)
_PERSON_PHRASE = rf"(?:(?:{_NOT_IN_PHRASE}[\w-]+\s+){{0,2}}?{_PEOPLE}\s+)?"
_AUXILIARY = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|be|remain|remained|remains|reportedly"
    r"|reported|feared|believed|confirmed|now|still|also|all|later|allegedly|subsequently)\s+)+"
)
# What happened to them, after the figure ("45 people dead") and before it ("killing 12").
_OUTCOMES_AFTER = {
    "killed": r"killed|dead|died|slain|massacred|executed|perished|shot\s+dead"
    r"|lost\s+their\s+lives",
    "wounded": r"wounded|injured|hurt",
    "arrested": r"arrested|detained|taken\s+into\s+custody|rounded\s+up",
    "displaced": r"displaced|fled|uprooted|evacuated|(?:left|made)\s+homeless|homeless"
    r"|forced\s+(?:to\s+flee|from\s+their\s+homes)",
    "missing": r"missing|unaccounted\s+for",
}
_OUTCOMES_BEFORE = {
    "killed": r"killing|killed|kills|slaying|massacring|massacred|claiming\s+the\s+lives\s+of"
    r"|claimed\s+the\s+lives\s+of",
    "wounded": r"wounding|wounded|injuring|injured",
    "arrested": r"arresting|arrested|detaining|detained|rounded\s+up|rounding\s+up"
    r"|arrests?\s+of|detention\s+of",
    "displaced": r"displacing|displaced|uprooting|uprooted|evacuating|evacuated",
}
_NOUNS = {
    "killed": r"deaths|fatalities",
    "wounded": r"injuries",
    "arrested": r"arrests",
}
_TOLL = re.compile(
    rf"\bdeath\s+toll\b[^.;:!?]{{0,60}}?\b(?:to|of|at|reached|hit|passed|topped|exceeded)\s+"
    rf"{_HEDGE}{_NUMBER}",
    re.I,
)
_FORCED_TO_FLEE = re.compile(
    rf"\bforc(?:ed|ing)\s+{_HEDGE}{_NUMBER}\s+{_PHRASE}(?:to\s+flee|from\s+their\s+homes)",
    re.I,
)
_NONE = {
    "killed": r"killed|dead|died",
    "wounded": r"wounded|injured|hurt",
    "arrested": r"arrested|detained",
}
_NO_CASUALTIES = re.compile(r"(?<!of\s)\bno\s+(?:(?:other|further)\s+)?casualties\b", re.I)


def _compile(kind: str) -> tuple[re.Pattern[str], ...]:
    after = _OUTCOMES_AFTER[kind]
    patterns = [
        # Without an auxiliary the words between must name people: "2015 attack killed"
        # is no figure, "45 people dead" is.
        rf"\b{_HEDGE}{_NUMBER}\s+(?:{_PHRASE}{_AUXILIARY}|{_PERSON_PHRASE})(?:{after})\b",
        # "A soldier was killed": one.
        rf"(?<!\bno\s)\b(?P<one>an?|one)\s+{_PHRASE}(?:was|has\s+been|had\s+been|is)\s+"
        rf"(?:{after})\b",
    ]
    if kind in _OUTCOMES_BEFORE:
        patterns.append(rf"\b(?:{_OUTCOMES_BEFORE[kind]})\s+{_HEDGE}{_NUMBER}")
    if kind in _NOUNS:
        patterns.append(rf"\b{_HEDGE}{_NUMBER}\s+(?:[A-Za-z-]+\s+)?(?:{_NOUNS[kind]})\b")
    if kind in _NONE:
        patterns.append(
            r"\b(?P<zero>no\s+one|nobody|none)\s+(?:(?:was|were|has\s+been|had\s+been|is|got)"
            rf"\s+)(?:(?:reported|seriously|badly)\s+)?(?:{_NONE[kind]})\b"
        )
    return tuple(re.compile(pattern, re.I) for pattern in patterns)


_PATTERNS = {kind: _compile(kind) for kind in KINDS}


def parse_number(text: str) -> int | None:
    """The value of a number as news writes it: "1,200", "1.5 million", "twenty-five",
    "a dozen", "hundreds"; None for what is not one."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    if words[0] in _VAGUE:
        value = _VAGUE[words[0]]
        return value * _SCALES[words[-1][:-1]] if len(words) == 3 else value
    if words[0][0].isdigit():
        scale = _SCALES.get(words[-1], 1) if len(words) == 2 else 1
        try:
            return round(float(words[0]) * scale) if len(words) <= 2 else None
        except ValueError:
            return None
    return _number_words(words)


def _number_words(words: list[str]) -> int | None:
    if words == ["half", "a", "dozen"]:
        return 6
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in ("dozen", "hundred"):
            current = (current or 1) * (12 if word == "dozen" else 100)
        elif word in ("thousand", "million"):
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word not in ("a", "an", "and"):
            return None
    return total + current


def _is_year(number: str) -> bool:
    # "in 2015 killed" is a year, not a figure; news writes figures that large with a comma.
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def _value(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("one"):
        return 1
    if groups.get("zero"):
        return 0
    number = groups["number"]
    return None if _is_year(number) else parse_number(number)


def find_counts(text: str) -> list[CountMention]:
    """Every figure in `text` of people killed, wounded, arrested, displaced or missing."""
    found: list[CountMention] = []
    for kind, patterns in _PATTERNS.items():
        extra = (_TOLL,) if kind == "killed" else (_FORCED_TO_FLEE,) if kind == "displaced" else ()
        for pattern in (*patterns, *extra):
            for match in pattern.finditer(text):
                value = _value(match)
                if value is not None:
                    found.append(CountMention(kind, value, match[0], *match.span()))
    for match in _NO_CASUALTIES.finditer(text):
        found += [CountMention(kind, 0, match[0], *match.span()) for kind in KINDS[:2]]
    return sorted(found, key=lambda mention: (mention.start, KINDS.index(mention.kind)))


def counts(text: str) -> dict[str, int]:
    """The count of each kind the text gives a figure for: the largest figure of the kind.

    Kinds without a figure are left out; "no one was hurt" gives {"wounded": 0}."""
    result: dict[str, int] = {}
    for mention in find_counts(text):
        result[mention.kind] = max(result.get(mention.kind, 0), mention.value)
    return {kind: result[kind] for kind in KINDS if kind in result}
