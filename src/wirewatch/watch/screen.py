"""Screening: every person and organisation a story names, against a watchlist.

An index over the list's names makes screening fast: each listed name is filed
under keys of its parts (the phonetic key, the key with one letter left out, the
vowel-free shape, the consonant skeleton, adjacent parts joined, an
organisation's initials), and a name from a story is scored only against the
listed names that share keys with enough of its parts to possibly reach the
threshold. The score is `names.name_score`; see docs/watchlists.md.

A person is screened by the fullest names the story gives them: a story that
calls someone only "Putin" names no one a watchlist can be matched against, and a
one-part name is matched only to a one-part listed name.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from wirewatch.model import Analysis, Entity, Evidence, Mention
from wirewatch.watch.names import (
    CONFLICT_COST,
    EXTRA_COST,
    MATCHER,
    NAME,
    SYLLABLE,
    THRESHOLD,
    Kind,
    Name,
    Token,
    name_score,
    phonetic_key,
    prepare,
)
from wirewatch.watch.watchlists import ListedName, WatchlistEntry

__all__ = [
    "Hit",
    "Match",
    "WatchlistIndex",
    "screen",
    "screen_name",
    "screened_names",
    "sentence_of",
]

SCREENED_TYPES: dict[str, Kind] = {"PERSON": "PERSON", "ORG": "ORG"}
# A weak alias ("low" quality: a nickname, a very common name) must match better.
LOW_QUALITY_FACTOR = 0.85
# A one-part name matches only a one-part listed name spelt alike (the same
# phonetic key scores 0.95) and at least this long.
SPELLING = 0.95
LONE_NAME = 5


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity of a story matched to one listed entry.

    `name` is the story's name that matched, `listed_name` the list's; `evidence`
    is the sentence of the mention that gives that name.
    """

    entity: str
    entity_name: str
    entity_type: str
    ref: str
    listed_name: str
    primary_name: str
    quality: str
    score: float
    name: str
    mention: Mention | None
    evidence: Evidence | None
    program: str | None = None
    watchlist: str = ""
    matcher: str = MATCHER

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": {"id": self.entity, "name": self.entity_name, "type": self.entity_type},
            "watchlist": self.watchlist,
            "reference": self.ref,
            "listed_name": self.listed_name,
            "primary_name": self.primary_name,
            "quality": self.quality,
            "program": self.program,
            "score": round(self.score, 3),
            "matcher": self.matcher,
            "name": self.name,
            "mention": self.mention.to_json() if self.mention else None,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class _Listed:
    entry: WatchlistEntry
    listed: ListedName
    name: Name


@dataclass(frozen=True, slots=True)
class Match:
    """A listed name that a screened name reaches the threshold against."""

    entry: WatchlistEntry
    listed: ListedName
    score: float


class WatchlistIndex:
    """The names of a watchlist, filed by keys of their parts for fast screening."""

    def __init__(self, entries: Iterable[WatchlistEntry], name: str = "") -> None:
        self.name = name
        self.entries: tuple[WatchlistEntry, ...] = tuple(entries)
        self._names: list[_Listed] = []
        self._parts: list[int] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for entry in self.entries:
            for listed in entry.names():
                self._add(entry, listed)

    def __len__(self) -> int:
        return len(self.entries)

    def _add(self, entry: WatchlistEntry, listed: ListedName) -> None:
        prepared = prepare(listed.text, entry.kind)
        if not prepared.tokens:
            return
        number = len(self._names)
        self._names.append(_Listed(entry, listed, prepared))
        self._parts.append(_parts(prepared))
        keys = {k for token in prepared.tokens for k in _index_keys(token, entry.kind)}
        keys.update(_join_keys(prepared))
        for key in sorted(keys):
            self._postings[f"{entry.kind}:{key}"].append(number)

    def search(self, text: str | Name, kind: Kind, threshold: float = THRESHOLD) -> list[Match]:
        """The listed names (of entries of `kind`) that `text` matches, best first,
        one per entry."""
        query = text if isinstance(text, Name) else prepare(text, kind)
        best: dict[str, Match] = {}
        for number in self._candidates(query, kind, threshold):
            listed = self._names[number]
            score = name_score(query, listed.name)
            if listed.listed.quality == "low":
                score *= LOW_QUALITY_FACTOR
            if score >= threshold and _allowed(query, listed, score):
                found = best.get(listed.entry.ref)
                if found is None or score > found.score:
                    best[listed.entry.ref] = Match(listed.entry, listed.listed, score)
        return sorted(best.values(), key=lambda m: (-m.score, m.entry.ref))

    def _candidates(self, query: Name, kind: Kind, threshold: float) -> list[int]:
        """Listed names that share keys with enough of the query's parts to reach
        the threshold (a part with no key in common cannot be aligned)."""
        parts = [t for t in query.tokens if t.role in (NAME, SYLLABLE)]
        if not parts:
            return []
        hits: Counter[int] = Counter()
        for token in parts:
            found: set[int] = set()
            for key in _query_keys(token, kind):
                found.update(self._postings.get(f"{kind}:{key}", ()))
            hits.update(found)
        for key, covered in _join_keys(query).items():
            for number in set(self._postings.get(f"{kind}:{key}", ())):
                hits[number] += covered
        needed = _needed(len(parts), kind, threshold)
        return [
            number
            for number, count in hits.items()
            if count >= needed and _reachable(len(parts), self._parts[number], kind, threshold)
        ]


def _needed(parts: int, kind: Kind, threshold: float) -> int:
    """The fewest parts of `parts` that must align for a score of `threshold`:
    h / (h + cost * (parts - h)) >= threshold, the cheapest cost being an extra."""
    bound = _most_left_over(kind, threshold) * parts
    floor = 2 if kind == "PERSON" and parts >= 2 else 1
    return max(floor, min(parts, math.ceil(parts - bound - 1e-9)))


def _reachable(query: int, listed: int, kind: Kind, threshold: float) -> bool:
    """Whether names of `query` and `listed` parts can score `threshold` at all:
    the longer one's parts beyond the shorter's are left over at least."""
    if kind == "PERSON" and query == 1:
        return listed == 1  # see _allowed
    # One part more is allowed for a part that meets two joined ("Alqaida").
    slack = _most_left_over(kind, threshold) * max(min(query, listed), 1) + 1
    return abs(query - listed) <= slack + 1e-9


def _most_left_over(kind: Kind, threshold: float) -> float:
    """How many parts, per part aligned, may be left over at `threshold`:
    h / (h + cost * x) >= threshold gives x <= h * (1 - threshold) / (threshold * cost)."""
    cost = min(EXTRA_COST[kind], CONFLICT_COST)
    return (1 - threshold) / (threshold * cost)


def _allowed(query: Name, listed: _Listed, score: float) -> bool:
    """Whether a match of one-part names is enough to identify anyone.

    A weak alias of one part ("Odnorukiy") never is. A person named by one part
    ("Hambali") is matched only to a listed name of that one part, spelt alike,
    and long enough not to be a common given name ("Adam", "Karim").
    """
    if listed.listed.quality == "low" and _parts(listed.name) < 2:
        return False
    if query.kind != "PERSON" or _parts(query) >= 2:
        return True
    only = len(listed.name.tokens) == 1 and _parts(listed.name) == 1
    return only and score >= SPELLING and len(listed.name.tokens[0].text) >= LONE_NAME


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))} if len(key) >= 4 else set()


def _index_keys(token: Token, kind: Kind) -> set[str]:
    """Keys a listed part is filed under: its phonetic key and the key less one
    letter (so that a query one letter off in either direction, or one letter
    different, shares a key with it), its vowel-free shape and its skeleton."""
    if token.role not in (NAME, SYLLABLE):
        return set()
    keys = {f"k:{token.key}", f"v:{token.shape}", f"s:{token.skeleton}"}
    keys.update(f"d:{d}" for d in _deletions(token.key))
    if not token.vowelled:
        keys.add(f"S:{token.skeleton}")
    if kind == "ORG":
        keys.add(f"a:{token.text}")
    return keys


def _query_keys(token: Token, kind: Kind) -> set[str]:
    keys = {f"k:{token.key}", f"v:{token.shape}", f"d:{token.key}"}
    keys.update(f"d:{d}" for d in _deletions(token.key))
    keys.update(f"k:{d}" for d in _deletions(token.key))
    keys.add(f"S:{token.skeleton}")
    if not token.vowelled:
        keys.add(f"s:{token.skeleton}")
    if kind == "ORG":
        keys.add(f"a:{token.text}")
    return keys


def _join_keys(name: Name) -> dict[str, int]:
    """Keys of adjacent parts joined ("Rami Makhlouf" under "ramimakhlouf") and of
    an organisation's initials ("People's Liberation Army" under "pla"), each with
    how many parts it stands for."""
    tokens = name.tokens
    keys = {
        f"k:{phonetic_key(a.text + b.text)}": 2
        for a, b in itertools.pairwise(tokens)
        if NAME in (a.role, b.role)
    }
    initials = "".join(t.text[0] for t in tokens if t.role == NAME)
    if name.kind == "ORG" and len(initials) >= 2:
        keys[f"a:{initials}"] = len(initials)
    return keys


# --- screening a story ------------------------------------------------------------


def screen(
    analysis: Analysis, index: WatchlistIndex, threshold: float = THRESHOLD
) -> tuple[Hit, ...]:
    """The story's people and organisations that match an entry of the watchlist,
    at most one hit per entity and entry, best first."""
    hits: list[Hit] = []
    for entity in analysis.entities:
        kind = SCREENED_TYPES.get(entity.type)
        if kind is not None:
            hits.extend(_screen_entity(analysis, entity, kind, index, threshold))
    return tuple(sorted(hits, key=lambda h: (-h.score, h.entity, h.ref)))


def screen_name(
    text: str, kind: Kind, index: WatchlistIndex, threshold: float = THRESHOLD
) -> list[Match]:
    """One name, as a story would give it, against the watchlist."""
    return index.search(text, kind, threshold)


def _screen_entity(
    analysis: Analysis, entity: Entity, kind: Kind, index: WatchlistIndex, threshold: float
) -> Iterator[Hit]:
    best: dict[str, tuple[Match, str]] = {}
    for text in screened_names(entity, kind):
        for match in index.search(text, kind, threshold):
            found = best.get(match.entry.ref)
            if found is None or match.score > found[0].score:
                best[match.entry.ref] = (match, text)
    for match, text in best.values():
        mention = _mention(entity, text)
        yield Hit(
            entity=entity.id,
            entity_name=entity.name,
            entity_type=entity.type,
            ref=match.entry.ref,
            listed_name=match.listed.text,
            primary_name=match.entry.name,
            quality=match.listed.quality,
            score=match.score,
            name=text,
            mention=mention,
            evidence=_sentence(analysis, mention) if mention else None,
            program=match.entry.program,
            watchlist=index.name,
        )


def screened_names(entity: Entity, kind: Kind) -> list[str]:
    """The names an entity is screened by: a person's names of two parts or more
    when the story gives one (a lone surname identifies no one), else its names."""
    names: list[str] = []
    for text in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
        clean = " ".join(text.split())
        if clean and clean not in names:
            names.append(clean)
    if kind != "PERSON":
        return names
    full = [n for n in names if _parts(prepare(n, kind)) >= 2]
    return full or names


def _parts(name: Name) -> int:
    return sum(1 for t in name.tokens if t.role in (NAME, SYLLABLE))


def _mention(entity: Entity, text: str) -> Mention | None:
    same = [m for m in entity.mentions if " ".join(m.text.split()) == text]
    found = same or list(entity.mentions)
    return found[0] if found else None


_SENTENCE_END = re.compile(r"(\w*)[.!?][\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
# A full stop after these is not the end of a sentence ("Mr. Putin", "U.S. Army").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt capt maj sen rep gov prof jr sr no vs u.s u.n".split()
)


def sentence_of(analysis: Analysis, mention: Mention) -> Evidence | None:
    """The sentence of the paragraph that holds the mention (None for a mention of
    no paragraph the article has)."""
    return _sentence(analysis, mention)


def _sentence(analysis: Analysis, mention: Mention) -> Evidence | None:
    """The sentence of the paragraph that holds the mention."""
    paragraphs = analysis.article.paragraphs()
    if not 0 <= mention.paragraph < len(paragraphs):
        return None
    text = paragraphs[mention.paragraph]
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        word = boundary.group(1).lower()
        if (
            len(word) == 1
            or word in _ABBREVIATIONS
            or text[boundary.start() - 2 : boundary.start()].endswith(".")
        ):
            continue
        if boundary.end() > mention.start:
            return _evidence(mention.paragraph, text, start, boundary.end())
        start = boundary.end()
    return _evidence(mention.paragraph, text, start, len(text))


def _evidence(paragraph: int, text: str, start: int, end: int) -> Evidence:
    while start < end and text[start].isspace():
        start += 1
    return Evidence(paragraph, start, end, text[start:end].rstrip())
