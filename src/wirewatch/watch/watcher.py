"""Watching inside `wirewatch run`: every new article screened, matched and enqueued.

A Watcher loads the follows and the imported watchlists once, when the run starts;
its `on_added` is the run's hook, called after each new article's transaction.
It records the article's watchlist hits, matches it against the follows and puts
one alert per (follow, story) in the outbox, and now and then (and when the run
ends) delivers what is due, so alerts leave while a long run is still going.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from wirewatch.model import Analysis
from wirewatch.watch.follows import Follow, Match, StoredWatchlist
from wirewatch.watch.match import matches
from wirewatch.watch.names import THRESHOLD
from wirewatch.watch.outbox import AlertConfig, Outbox, SendReport, send_due
from wirewatch.watch.screen import Hit, WatchlistIndex, screen
from wirewatch.watch.watchlists import WatchlistEntry

__all__ = ["SEND_EVERY", "Watcher"]

# Seconds between deliveries during a run: often enough to feel immediate, rarely
# enough that the sender's queries cost nothing beside the analysis.
SEND_EVERY = 30.0


class WatchStore(Outbox, Protocol):
    """What watching needs of the store (wirewatch.store.Store is one)."""

    def follows(self) -> list[Follow]: ...

    def watchlists(self) -> list[StoredWatchlist]: ...

    def watchlist_entries(self, name: str) -> list[WatchlistEntry]: ...

    def add_watchlist_hits(self, article_id: str, hits: list[Hit]) -> int: ...

    def enqueue(self, matches: list[Match]) -> int: ...


@dataclass(slots=True)
class Watcher:
    """The follows and watchlists of one run, and what watching did so far."""

    store: WatchStore
    config: AlertConfig
    follows: list[Follow]
    indexes: list[WatchlistIndex]
    send: bool = True
    threshold: float = THRESHOLD
    hits: int = 0
    enqueued: int = 0
    report: SendReport = field(default_factory=SendReport)
    _last_send: float = field(default_factory=time.monotonic)

    @classmethod
    def start(cls, store: WatchStore, config: AlertConfig, *, send: bool = True) -> Watcher:
        """Load the store's follows and build an index of each imported watchlist."""
        indexes = [
            WatchlistIndex(store.watchlist_entries(listed.name), name=listed.name)
            for listed in store.watchlists()
        ]
        return cls(store, config, store.follows(), indexes, send=send)

    @property
    def idle(self) -> bool:
        """Whether there is nothing to watch for (no follow and no watchlist)."""
        return not self.follows and not self.indexes

    def on_added(self, analysis: Analysis, story_id: str) -> None:
        """Screen, match and enqueue one newly stored article."""
        hits = [hit for index in self.indexes for hit in screen(analysis, index, self.threshold)]
        self.hits += self.store.add_watchlist_hits(analysis.id, hits)
        found = matches(analysis, story_id, self.follows, hits)
        self.enqueued += self.store.enqueue(found)
        if self.send and time.monotonic() - self._last_send >= SEND_EVERY:
            self.deliver()

    def deliver(self) -> SendReport:
        """Deliver the alerts that are due now; what was delivered is added to `report`."""
        report = send_due(self.store, self.config)
        self._last_send = time.monotonic()
        self.report.add(report)
        return report
