"""Follows as the web sees them: made by a button or the API, listed, removed, and
read as Atom feeds. The store validates every follow (WW750-WW752), so the pages,
the API and `wirewatch follow` accept exactly the same ones."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import Request

from wirewatch.errors import WirewatchError
from wirewatch.store import Store
from wirewatch.watch.feed import render_atom
from wirewatch.watch.follows import Follow, StoredHit

_NOT_IN_NAME = re.compile(r"[^\w .:@+-]+")


def follows_of(store: Store) -> list[Follow]:
    return store.follows()


def new_follow(store: Store, fields: Mapping[str, Any]) -> Follow:
    """Save a follow from a form or a JSON body (validated by the store)."""
    follow = Follow(
        name=str(fields["name"]),
        kind=str(fields["kind"]),
        value=str(fields["value"]),
        channel=str(fields.get("channel") or "feed"),
        target=fields.get("target") or None,
        mode=str(fields.get("mode") or "immediate"),
        either=bool(fields.get("either", True)),
    )
    return store.add_follow(follow)


def remove(store: Store, name: str) -> None:
    if not store.remove_follow(name):
        raise WirewatchError("WW753", name)


def hits_of(store: Store, entity_name: str | None, limit: int) -> list[StoredHit]:
    return store.watchlist_hits(entity_name, limit)


def suggest_name(label: str, taken: set[str]) -> str:
    """A follow name from what is followed: only the characters names allow, and a
    number after it when another follow has it."""
    base = " ".join(_NOT_IN_NAME.sub(" ", label).split())[:90].strip() or "follow"
    if not base[0].isalnum():
        base = "f " + base
    name, n = base, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    return name


def matching(follows: list[Follow], kind: str, value: str) -> Follow | None:
    """The follow of this kind and query, if there is one (for the button's state)."""
    wanted = value.casefold()
    for follow in follows:
        if follow.kind == kind and follow.value.casefold() == wanted:
            return follow
    return None


def feed_url(request: Request, name: str) -> str:
    base = request.app.state.base_url or str(request.base_url)
    return f"{base.rstrip('/')}/api/follows/{quote(name, safe='')}/feed"


def render_feed(request: Request, store: Store, name: str) -> bytes:
    follow = store.follow(name)
    if follow is None:
        raise WirewatchError("WW753", name)
    entries = store.feed_entries(name)
    base = request.app.state.base_url or str(request.base_url)
    return render_atom(follow, entries, base_url=base.rstrip("/"))
