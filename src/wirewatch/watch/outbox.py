"""The sender: delivering the outbox's due alerts, with retries and backoff.

Alerts are enqueued by the store (`Store.enqueue`, one row per (follow, story)
under its idempotency key); here due rows are claimed, delivered by their
follow's channel and marked sent, or counted as a failed attempt and retried after
`alert_backoff * 2 ** (attempts - 1)` seconds until `alert_attempts` are spent.
The order is deliver, then record: a crash between the two leaves the row pending,
so it is delivered again once its claim runs out (at least once, never lost), and
the key it carries lets the receiver drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from wirewatch.errors import WirewatchError
from wirewatch.watch import email, webhook
from wirewatch.watch.follows import Alert, FeedEntry, Follow

__all__ = ["AlertConfig", "SendReport", "deliver", "send_all", "send_due"]

# The longest `send_all` sleeps at once while waiting for a retry to fall due.
LONGEST_NAP = 5.0


@dataclass(frozen=True, slots=True)
class AlertConfig:
    """How alerts are delivered: attempts, backoff, timeout, links and the SMTP server."""

    attempts: int = 5
    backoff: float = 30.0
    timeout: float = 20.0
    base_url: str | None = None
    smtp: email.SmtpConfig | None = None

    @classmethod
    def from_settings(cls, config: Any) -> AlertConfig:
        smtp = email.SmtpConfig.from_settings(config) if config.smtp_host else None
        return cls(
            attempts=int(config.alert_attempts),
            backoff=float(config.alert_backoff),
            timeout=float(config.alert_timeout),
            base_url=str(config.base_url) or None,
            smtp=smtp,
        )


class Outbox(Protocol):
    """What the sender needs of the store (wirewatch.store.Store is one)."""

    def claim_due(
        self, follow: str | None = None
    ) -> list[tuple[Follow, str | None, list[Alert]]]: ...

    def alert_entries(self, alerts: list[Alert]) -> list[FeedEntry]: ...

    def mark_sent(self, alerts: list[Alert]) -> None: ...

    def mark_failed(
        self, alerts: list[Alert], error: str, *, attempts: int, backoff: float
    ) -> None: ...

    def next_due(self, follow: str | None = None) -> dt.datetime | None: ...


@dataclass(slots=True)
class SendReport:
    """What a sender did: alerts delivered, attempts that failed, alerts given up on,
    and the errors met (one line each)."""

    sent: int = 0
    failed_attempts: int = 0
    gave_up: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.failed_attempts += other.failed_attempts
        self.gave_up += other.gave_up
        self.errors.extend(other.errors)


def deliver(
    follow: Follow, secret: str | None, entries: list[FeedEntry], config: AlertConfig
) -> None:
    """Deliver one alert (or one digest) by the follow's channel; a coded error
    (WW755, WW756, WW757) when it could not be."""
    if follow.channel == "email":
        if config.smtp is None:
            raise WirewatchError("WW757", "WIREWATCH_SMTP_HOST is empty", source=follow.name)
        message = email.alert_message(
            follow, entries, sender=config.smtp.sender, base_url=config.base_url
        )
        email.send(config.smtp, message)
    elif follow.channel == "webhook":
        assert follow.target is not None and secret is not None, "a webhook has both"
        content = webhook.body(follow, entries, base_url=config.base_url)
        keys = [entry.key for entry in entries]
        webhook.post(follow.target, content, secret=secret, keys=keys, timeout=config.timeout)
    # A feed follow is delivered by being read; its rows are enqueued as sent.


def send_due(store: Outbox, config: AlertConfig, *, follow: str | None = None) -> SendReport:
    """Deliver every alert that is due now, once each; failures are rescheduled."""
    report = SendReport()
    for owner, secret, alerts in store.claim_due(follow):
        entries = store.alert_entries(alerts)
        try:
            deliver(owner, secret, entries, config)
        except WirewatchError as exc:
            _failed(store, config, alerts, exc, report)
        else:
            store.mark_sent(alerts)
            report.sent += len(alerts)
    return report


def _failed(
    store: Outbox,
    config: AlertConfig,
    alerts: list[Alert],
    exc: WirewatchError,
    report: SendReport,
) -> None:
    error = f"{exc.code} {exc.detail}".strip()
    store.mark_failed(alerts, error, attempts=config.attempts, backoff=config.backoff)
    report.failed_attempts += len(alerts)
    last = [a for a in alerts if a.attempts + 1 >= config.attempts]
    report.gave_up += len(last)
    report.errors.append(f"{alerts[0].follow}: {exc.describe()}")


def send_all(
    store: Outbox,
    config: AlertConfig,
    *,
    follow: str | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Deliver due alerts, then wait for each retry to fall due and try it, until no
    immediate alert is pending (each ends sent, or failed after its attempts).
    Digest alerts wait for their hour and are left for a later run."""
    now = clock or (lambda: dt.datetime.now(dt.UTC))
    report = send_due(store, config, follow=follow)
    while (due := store.next_due(follow)) is not None:
        wait = (due - now()).total_seconds()
        if wait > 0:
            sleep(min(wait, LONGEST_NAP))
            continue
        report.add(send_due(store, config, follow=follow))
    return report
