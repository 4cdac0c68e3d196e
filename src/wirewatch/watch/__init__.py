"""Watching: watchlists (the UN consolidated list, FollowTheMoney entities), name
matching that survives transliteration, and screening a story's people and
organisations against a list.

`load_watchlist` reads a list file into `WatchlistEntry` records (and coded errors
for bad records); `WatchlistIndex` files their names for fast lookup; `screen`
matches an `Analysis` against it with the `names.v1` matcher (`name_score`).
"""

from wirewatch.watch.names import MATCHER, THRESHOLD, name_score, prepare
from wirewatch.watch.screen import Hit, Match, WatchlistIndex, screen, screen_name
from wirewatch.watch.watchlists import Alias, ListedName, WatchlistEntry, load_watchlist

__all__ = [
    "MATCHER",
    "THRESHOLD",
    "Alias",
    "Hit",
    "ListedName",
    "Match",
    "WatchlistEntry",
    "WatchlistIndex",
    "load_watchlist",
    "name_score",
    "prepare",
    "screen",
    "screen_name",
]
