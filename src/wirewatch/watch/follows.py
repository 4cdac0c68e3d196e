"""Follows and what they produce: saved queries with a channel, the reasons a story
matched one, the alerts in the outbox, a follow's feed entries and stored watchlist hits.

The records are frozen, like those of `wirewatch.model`; `validate` is the one place
a follow's query and channel are checked and put in canonical form, so the command
line, the store and (later) the web API accept exactly the same follows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from wirewatch.errors import WirewatchError

KINDS = ("entity", "actors", "root", "plover", "query", "country", "watchlist")
CHANNELS = ("email", "webhook", "feed")
MODES = ("immediate", "daily", "weekly")
STATUSES = ("pending", "sent", "failed")
PLOVER_EVENTS = frozenset(
    "ACCUSE AGREE AID ASSAULT COERCE CONCEDE CONSULT COOPERATE MOBILIZE PROTEST REJECT "
    "REQUEST RETREAT SANCTION SUPPORT THREATEN".split()
)

_ACTOR = re.compile(r"^[A-Z0-9-]{3,32}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
_URL = re.compile(r"^https?://[^\s/]+", re.I)
_NAME = re.compile(r"^[\w][\w .:@+-]{0,99}$")


@dataclass(frozen=True, slots=True)
class Follow:
    """A saved query and where its matches go.

    `value` is the query, its form set by `kind`: an entity's name, actor codes
    ("TUR,RUS", or one code), a CAMEO root ("03"), a PLOVER event ("COOPERATE"),
    full-text search words, an ISO 3166 alpha-3 country, or an imported watchlist's
    name. `either`: an actor pair matches both ways round (False: A acts on B only).
    """

    name: str
    kind: str
    value: str
    channel: str
    target: str | None = None
    mode: str = "immediate"
    either: bool = True
    id: int | None = None
    created: dt.datetime | None = None

    def describe(self) -> str:
        """The query as a person reads it: `actors TUR,RUS (either way)`."""
        way = ""
        if self.kind == "actors" and "," in self.value:
            way = " (either way)" if self.either else " (first acts on second)"
        return f"{self.kind} {self.value}{way}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "value": self.value,
            "either": self.either,
            "channel": self.channel,
            "target": self.target,
            "mode": self.mode,
            "created": self.created.isoformat() if self.created else None,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a story matched: what matched (`kind`: entity, event, quote, text or
    watchlist), a short account of it, and the sentence it was read from."""

    kind: str
    subject: str
    sentence: str
    paragraph: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "sentence": self.sentence,
            "paragraph": self.paragraph,
        }


@dataclass(frozen=True, slots=True)
class Match:
    """One follow that one new article matched, with every reason found."""

    follow: Follow
    article_id: str
    story_id: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Alert:
    """One row of the outbox: a story to tell one follow about, and how that went.

    `key` is the idempotency key, sha256 of the follow's id and the story's id: a
    story is enqueued for a follow once, whichever outlet or run brings it again.
    """

    id: int
    follow: str
    story_id: str
    article_id: str
    status: str
    attempts: int
    last_error: str | None
    key: str
    created: dt.datetime
    sent: dt.datetime | None
    due: dt.datetime | None = None
    title: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "follow": self.follow,
            "story": self.story_id,
            "article": self.article_id,
            "title": self.title,
            "status": self.status,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "key": self.key,
            "created": self.created.isoformat(),
            "sent": self.sent.isoformat() if self.sent else None,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a follow's Atom feed shows for one story: its headline, where it was
    read, when it was matched, and why."""

    key: str
    follow: str
    article_id: str
    story_id: str
    title: str
    url: str | None
    published: dt.date | None
    matched: dt.datetime
    reasons: tuple[Reason, ...]
    outlets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "follow": self.follow,
            "article": self.article_id,
            "story": self.story_id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "matched": self.matched.isoformat(),
            "reasons": [r.to_json() for r in self.reasons],
            "outlets": list(self.outlets),
        }


@dataclass(frozen=True, slots=True)
class StoredHit:
    """A watchlist hit recorded while a run screened an article."""

    id: int
    article_id: str
    watchlist: str
    entity: str
    entity_name: str
    entity_type: str
    ref: str
    listed_name: str
    score: float
    sentence: str | None
    created: dt.datetime
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article_id,
            "watchlist": self.watchlist,
            "entity": {"id": self.entity, "name": self.entity_name, "type": self.entity_type},
            "reference": self.ref,
            "listed_name": self.listed_name,
            "score": round(self.score, 3),
            "sentence": self.sentence,
            "created": self.created.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class StoredWatchlist:
    """A watchlist imported into the store: its name, the file it came from, how
    many entries it holds and when it was imported."""

    name: str
    source: str
    entries: int
    imported: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "entries": self.entries,
            "imported": self.imported.isoformat(),
        }


def validate(follow: Follow) -> Follow:
    """The follow in canonical form (codes upper-case, a root of two digits), or a
    coded error: WW751 for a name or query that cannot be a follow's, WW752 for a
    channel, target or mode that cannot be used."""
    name = " ".join(follow.name.split())
    if not _NAME.match(name):
        raise _bad_query(follow, "a name of letters, digits, spaces and . : @ + - (100 at most)")
    value = _value(follow)
    target = _target(follow)
    if follow.mode not in MODES:
        raise WirewatchError("WW752", f"mode {follow.mode!r}: one of {', '.join(MODES)}")
    return replace(follow, name=name, value=value, target=target)


def _value(follow: Follow) -> str:
    kind, text = follow.kind, " ".join(follow.value.split())
    if kind not in KINDS:
        raise _bad_query(follow, f"a kind of {', '.join(KINDS)}")
    if not text:
        raise _bad_query(follow, "an empty query")
    if kind == "actors":
        return _actors(follow, text)
    if kind == "root":
        return _root(follow, text)
    if kind == "plover":
        if text.upper() not in PLOVER_EVENTS:
            raise _bad_query(follow, f"a PLOVER event ({', '.join(sorted(PLOVER_EVENTS))})")
        return text.upper()
    if kind == "country":
        if not _COUNTRY.match(text.upper()):
            raise _bad_query(follow, "an ISO 3166 alpha-3 country code such as TUR")
        return text.upper()
    if kind == "query":
        from wirewatch.store.search import parse

        parse(text)  # WW506 when the words do not parse
    return text


def _actors(follow: Follow, text: str) -> str:
    codes = [c.strip().upper() for c in text.split(",")]
    if not 1 <= len(codes) <= 2 or not all(_ACTOR.match(c) for c in codes):
        raise _bad_query(follow, "one or two CAMEO actor codes or countries, as TUR,RUS")
    return ",".join(codes)


def _root(follow: Follow, text: str) -> str:
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise _bad_query(follow, "a CAMEO root code, 01 to 20")
    return text.zfill(2)


def _target(follow: Follow) -> str | None:
    channel, target = follow.channel, (follow.target or "").strip()
    if channel == "feed":
        return None
    if channel == "email" and _ADDRESS.match(target):
        return target
    if channel == "webhook" and _URL.match(target):
        return target
    if channel not in CHANNELS:
        raise WirewatchError("WW752", f"channel {channel!r}: one of {', '.join(CHANNELS)}")
    wanted = "an e-mail address" if channel == "email" else "an http(s) URL"
    raise WirewatchError("WW752", f"{channel} target {target!r}: {wanted}")


def _bad_query(follow: Follow, wanted: str) -> WirewatchError:
    return WirewatchError("WW751", f"{follow.kind} {follow.value!r}: {wanted}", source=follow.name)
