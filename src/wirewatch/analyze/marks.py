"""Quotation marks: where quoted text starts and ends in one paragraph.

Curly marks say which way they face; a straight mark faces the way its
neighbours say (a space before and a letter after opens). Single quotes are
read only outside double-quoted text, where British copy uses them as the main
marks ('revive'), and only where they cannot be an apostrophe. A paragraph that
ends inside a quote leaves it open: in news copy that means the same speaker
goes on in the next paragraph, which opens with a mark again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_DOUBLE = "“„«‟"
_CLOSE_DOUBLE = "”»"
_STRAIGHT_DOUBLE = '"'
_OPEN_SINGLE = "‘‚‹"
_CLOSE_SINGLE = "’›"
_STRAIGHT_SINGLE = "'"
# A mark after one of these (or at the start) opens; a mark before one of these closes.
_BEFORE_OPENING = " \t\n([{—–-/:;" + _OPEN_DOUBLE + _OPEN_SINGLE
_AFTER_CLOSING = " \t\n)]}.,;:!?—–-" + _CLOSE_DOUBLE + _CLOSE_SINGLE + _STRAIGHT_DOUBLE
# Quoted stretches longer than this are a stray mark, not a quote.
MAX_QUOTE_CHARS = 4000
MAX_SINGLE_QUOTE_CHARS = 300
# Only the marks themselves matter: a search skips the text between them in C.
_DOUBLE_MARK = re.compile("[" + re.escape(_OPEN_DOUBLE + _CLOSE_DOUBLE + _STRAIGHT_DOUBLE) + "]")
_SINGLE_MARK = re.compile("[" + re.escape(_OPEN_SINGLE + _CLOSE_SINGLE + _STRAIGHT_SINGLE) + "]")


@dataclass(frozen=True, slots=True)
class Marked:
    """Quoted text: `start`/`end` are the offsets inside the marks; `closed` is False
    for a quote still open where the paragraph (or the next quote) begins."""

    start: int
    end: int
    closed: bool = True


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPENING and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and after in _AFTER_CLOSING


def _double(text: str) -> list[Marked]:
    found: list[Marked] = []
    open_at: int | None = None
    for found_mark in _DOUBLE_MARK.finditer(text):
        i, char = found_mark.start(), found_mark.group()
        if char in _OPEN_DOUBLE or (
            char == _STRAIGHT_DOUBLE and open_at is None and _opens(text, i)
        ):
            if open_at is not None:  # a quote left unclosed ends where the next opens
                found.append(Marked(open_at, i, closed=False))
            open_at = i + 1
        elif (char in _CLOSE_DOUBLE or char == _STRAIGHT_DOUBLE) and open_at is not None:
            found.append(Marked(open_at, i))
            open_at = None
    if open_at is not None:
        found.append(Marked(open_at, len(text), closed=False))
    return [m for m in found if _plausible(text, m, MAX_QUOTE_CHARS)]


def _single(text: str, start: int, end: int) -> list[Marked]:
    found: list[Marked] = []
    open_at: int | None = None
    for found_mark in _SINGLE_MARK.finditer(text, start, end):
        i, char = found_mark.start(), found_mark.group()
        if open_at is None:
            # "'90s" is an elision, not a quote: a single quote opens before a letter.
            if char not in _CLOSE_SINGLE and _opens(text, i) and text[i + 1 : i + 2].isalpha():
                open_at = i + 1
        elif char not in _OPEN_SINGLE and _closes(text, i):
            found.append(Marked(open_at, i))
            open_at = None
    return [m for m in found if _plausible(text, m, MAX_SINGLE_QUOTE_CHARS)]


def _plausible(text: str, marked: Marked, limit: int) -> bool:
    inside = text[marked.start : marked.end]
    return bool(inside.strip()) and (not marked.closed or len(inside) <= limit)


def _gaps(text: str, quotes: list[Marked]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    at = 0
    for quote in quotes:
        gaps.append((at, max(at, quote.start - 1)))
        at = quote.end + 1
    gaps.append((min(at, len(text)), len(text)))
    return gaps


def quoted(text: str) -> tuple[Marked, ...]:
    """The quoted stretches of one paragraph, in order; a stray closing mark is ignored."""
    doubles = _double(text)
    singles = [m for a, b in _gaps(text, doubles) for m in _single(text, a, b)]
    return tuple(sorted([*doubles, *singles], key=lambda m: m.start))
