"""Follows, their matches and the outbox: each function is one transaction's work.

The outbox is keyed by the idempotency key (sha256 of the follow's id and the
story's id) and rows go in with ON CONFLICT DO NOTHING, so a story that comes again
(from another outlet, in a re-run, in a resumed run) is never enqueued twice. A
sender claims the rows it delivers for a lease, so two senders never deliver one
row at once; a sender that dies mid-delivery leaves its rows to be claimed again
when the lease runs out (the documented at-least-once corner).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from wirewatch.errors import WirewatchError
from wirewatch.store import schema as t
from wirewatch.store.queries import utc
from wirewatch.watch.follows import Alert, FeedEntry, Follow, Match, Reason

# How long a sender holds the rows it is delivering.
LEASE = dt.timedelta(minutes=5)


def alert_key(follow_id: int, story_id: str) -> str:
    """The idempotency key of a story for a follow."""
    return hashlib.sha256(f"{follow_id}\t{story_id}".encode()).hexdigest()


# Follows ---------------------------------------------------------------------------


def add_follow(conn: sa.Connection, follow: Follow, secret: str | None, now: dt.datetime) -> Follow:
    f = t.follows.c
    if conn.execute(sa.select(f.id).where(f.name == follow.name)).first() is not None:
        raise WirewatchError("WW750", follow.name)
    row = {
        "name": follow.name,
        "kind": follow.kind,
        "value": follow.value,
        "either": follow.either,
        "channel": follow.channel,
        "target": follow.target,
        "mode": follow.mode,
        "secret": secret,
        "created": now,
    }
    ident = conn.execute(t.follows.insert().returning(f.id), row).scalar_one()
    found = follow_rows(conn, f.id == ident)
    return found[0][0]


def entity_name(conn: sa.Connection, entity_id: int) -> str | None:
    """The name of a stored entity, for a follow given by entity id."""
    e = t.entities.c
    found = conn.execute(sa.select(e.name).where(e.id == entity_id)).scalar()
    return str(found) if found is not None else None


def follow_rows(
    conn: sa.Connection, *where: sa.ColumnElement[bool]
) -> list[tuple[Follow, str | None]]:
    """Follows (and their webhook secrets), oldest first."""
    f = t.follows.c
    statement = sa.select(t.follows).where(*where).order_by(f.id)
    return [(_follow(row._mapping), row.secret) for row in conn.execute(statement)]


def _follow(row: Any) -> Follow:
    return Follow(
        name=row["name"],
        kind=row["kind"],
        value=row["value"],
        channel=row["channel"],
        target=row["target"],
        mode=row["mode"],
        either=bool(row["either"]),
        id=row["id"],
        created=utc(row["created"]),
    )


def remove_follow(conn: sa.Connection, name: str) -> bool:
    f = t.follows.c
    ident = conn.execute(sa.select(f.id).where(f.name == name)).scalar()
    if ident is None:
        return False
    # Deleted explicitly as well as by the foreign keys' cascade: SQLite only cascades
    # with foreign keys on, which a store opened by another tool may not have.
    for table in (t.matches, t.outbox):
        conn.execute(table.delete().where(table.c.follow_id == ident))
    conn.execute(t.follows.delete().where(f.id == ident))
    return True


# Matches and the outbox --------------------------------------------------------------


def enqueue(conn: sa.Connection, matches: Sequence[Match], now: dt.datetime) -> int:
    """Record the matches' reasons and put one outbox row per (follow, story); the
    number of rows that were new."""
    added = 0
    for match in matches:
        follow_id = match.follow.id
        assert follow_id is not None, "a stored follow has an id"
        _insert_reasons(conn, follow_id, match, now)
        added += _insert_alert(conn, match, follow_id, now)
    return added


def _insert_reasons(conn: sa.Connection, follow_id: int, match: Match, now: dt.datetime) -> None:
    rows = [
        {
            "follow_id": follow_id,
            "article_id": match.article_id,
            "story_id": match.story_id,
            "ordinal": ordinal,
            "created": now,
            **reason.to_json(),
        }
        for ordinal, reason in enumerate(match.reasons)
    ]
    if rows:
        keys = ["follow_id", "article_id", "ordinal"]
        conn.execute(_upsert(conn, t.matches).on_conflict_do_nothing(index_elements=keys), rows)


def _insert_alert(conn: sa.Connection, match: Match, follow_id: int, now: dt.datetime) -> int:
    follow = match.follow
    # A feed is delivered by being read: its alerts are sent as they are made.
    feed = follow.channel == "feed"
    row = {
        "key": alert_key(follow_id, match.story_id),
        "follow_id": follow_id,
        "story_id": match.story_id,
        "article_id": match.article_id,
        "status": "sent" if feed else "pending",
        "attempts": 0,
        "due": digest_due(follow.mode, now),
        "created": now,
        "sent": now if feed else None,
    }
    insert = _upsert(conn, t.outbox).on_conflict_do_nothing(index_elements=["key"])
    # Counted by RETURNING: a skipped conflict returns no row (rowcount is not portable).
    return len(conn.execute(insert.returning(t.outbox.c.id), row).all())


def digest_due(mode: str, now: dt.datetime) -> dt.datetime:
    """When an alert of this mode is first due: now, the next midnight (UTC) for a
    daily digest, the next Monday's for a weekly one."""
    if mode == "immediate":
        return now
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC)
    if mode == "daily":
        return midnight
    return midnight + dt.timedelta(days=(7 - midnight.weekday()) % 7)


def claim_due(
    conn: sa.Connection, now: dt.datetime, follow: str | None = None
) -> list[tuple[Follow, str | None, list[Alert]]]:
    """Claim the pending alerts that are due, grouped as they are delivered: one
    group per alert of an immediate follow, one per digest follow."""
    o = t.outbox.c
    free = sa.or_(o.claimed_until.is_(None), o.claimed_until < now)
    where = [o.status == "pending", o.due <= now, free]
    if follow is not None:
        where.append(o.follow_id.in_(sa.select(t.follows.c.id).where(t.follows.c.name == follow)))
    claimed = conn.execute(
        t.outbox.update().where(*where).values(claimed_until=now + LEASE).returning(o.id)
    )
    ids = sorted(claimed.scalars().all())
    if not ids:
        return []
    alerts = alert_rows(conn, o.id.in_(ids))
    names = {alert.follow for alert in alerts}
    follows = {f.name: (f, s) for f, s in follow_rows(conn, t.follows.c.name.in_(names))}
    return _group(alerts, follows)


def _group(
    alerts: list[Alert], follows: dict[str, tuple[Follow, str | None]]
) -> list[tuple[Follow, str | None, list[Alert]]]:
    groups: dict[str, tuple[Follow, str | None, list[Alert]]] = {}
    out: list[tuple[Follow, str | None, list[Alert]]] = []
    for alert in sorted(alerts, key=lambda a: a.id):
        follow, secret = follows[alert.follow]
        if follow.mode == "immediate":
            out.append((follow, secret, [alert]))
            continue
        if follow.name not in groups:
            groups[follow.name] = (follow, secret, [])
            out.append(groups[follow.name])
        groups[follow.name][2].append(alert)
    return out


def mark_sent(conn: sa.Connection, ids: Sequence[int], now: dt.datetime) -> None:
    o = t.outbox.c
    values = {
        "status": "sent",
        "sent": now,
        "attempts": o.attempts + 1,
        "last_error": None,
        "claimed_until": None,
    }
    conn.execute(t.outbox.update().where(o.id.in_(ids)).values(values))


def mark_failed(
    conn: sa.Connection,
    ids: Sequence[int],
    error: str,
    now: dt.datetime,
    *,
    attempts: int,
    backoff: float,
) -> None:
    """Count a failed attempt: retried after backoff * 2 ** (attempts made - 1)
    seconds, or marked failed once `attempts` have been made."""
    o = t.outbox.c
    for ident, made in conn.execute(sa.select(o.id, o.attempts).where(o.id.in_(ids))).tuples():
        tries = made + 1
        values: dict[str, Any] = {"attempts": tries, "last_error": error, "claimed_until": None}
        if tries >= attempts:
            values["status"] = "failed"
        else:
            values["due"] = now + dt.timedelta(seconds=backoff * 2 ** (tries - 1))
        conn.execute(t.outbox.update().where(o.id == ident).values(values))


def retry_failed(conn: sa.Connection, now: dt.datetime, follow: str | None = None) -> int:
    """Put failed alerts back in the queue with their attempts counted afresh."""
    o = t.outbox.c
    where = [o.status == "failed"]
    if follow is not None:
        where.append(o.follow_id.in_(sa.select(t.follows.c.id).where(t.follows.c.name == follow)))
    values = {"status": "pending", "attempts": 0, "due": now, "claimed_until": None}
    return int(conn.execute(t.outbox.update().where(*where).values(values)).rowcount or 0)


def next_due(conn: sa.Connection, follow: str | None = None) -> dt.datetime | None:
    """When the earliest pending alert of an immediate follow can next be tried."""
    o, f = t.outbox.c, t.follows.c
    # A row another sender holds is due again when its claim runs out.
    ready = sa.case((o.claimed_until > o.due, o.claimed_until), else_=o.due)
    statement = (
        sa.select(sa.func.min(ready))
        .join_from(t.outbox, t.follows, f.id == o.follow_id)
        .where(o.status == "pending", f.mode == "immediate")
    )
    if follow is not None:
        statement = statement.where(f.name == follow)
    found = conn.execute(statement).scalar()
    return utc(found) if found is not None else None


# Reading -------------------------------------------------------------------------------


def alert_rows(
    conn: sa.Connection, *where: sa.ColumnElement[bool], limit: int | None = None
) -> list[Alert]:
    o, f, a = t.outbox.c, t.follows.c, t.articles.c
    statement = (
        sa.select(
            o.id,
            f.name,
            o.story_id,
            o.article_id,
            o.status,
            o.attempts,
            o.last_error,
            o.key,
            o.created,
            o.sent,
            o.due,
            a.title,
        )
        .join_from(t.outbox, t.follows, f.id == o.follow_id)
        .join(t.articles, a.id == o.article_id)
        .where(*where)
        .order_by(o.created.desc(), o.id.desc())
        .limit(limit)
    )
    return [_alert(row) for row in conn.execute(statement).tuples()]


def _alert(row: tuple[Any, ...]) -> Alert:
    ident, name, story, article, status, attempts, error, key, created, sent, due, title = row
    return Alert(
        id=ident,
        follow=name,
        story_id=story,
        article_id=article,
        status=status,
        attempts=attempts,
        last_error=error,
        key=key,
        created=utc(created),
        sent=utc(sent) if sent else None,
        due=utc(due) if due else None,
        title=title,
    )


def alerts(
    conn: sa.Connection, follow: str | None, status: str | None, limit: int | None
) -> list[Alert]:
    where = []
    if follow is not None:
        where.append(t.follows.c.name == follow)
    if status is not None:
        where.append(t.outbox.c.status == status)
    return alert_rows(conn, *where, limit=limit)


def counts(conn: sa.Connection) -> dict[str, int]:
    """How many alerts are pending, sent and failed."""
    o = t.outbox.c
    statement = sa.select(o.status, sa.func.count()).group_by(o.status)
    found = dict(conn.execute(statement).tuples().all())
    return {status: int(found.get(status, 0)) for status in ("pending", "sent", "failed")}


def entries(conn: sa.Connection, alerts: Sequence[Alert]) -> list[FeedEntry]:
    """What each alert tells: the article's headline and link, why it matched, and
    the story's other outlets."""
    return [_entry(conn, alert) for alert in alerts]


def _entry(conn: sa.Connection, alert: Alert) -> FeedEntry:
    a = t.articles.c
    title, published = conn.execute(
        sa.select(a.title, a.published).where(a.id == alert.article_id)
    ).one()
    pages = story_pages(conn, alert.story_id, alert.article_id)
    own = [where for article, where in pages if article == alert.article_id]
    return FeedEntry(
        key=alert.key,
        follow=alert.follow,
        article_id=alert.article_id,
        story_id=alert.story_id,
        title=title,
        url=next((w for w in own if "://" in w), None),
        published=published,
        matched=alert.created,
        reasons=reasons(conn, alert.follow, alert.article_id),
        outlets=tuple(dict.fromkeys(w for article, w in pages if article != alert.article_id)),
    )


def story_pages(conn: sa.Connection, story_id: str, article_id: str) -> list[tuple[str, str]]:
    """(article, URL or path) of every stored page of the story (or of the article
    alone, when it is in no story)."""
    p, a = t.pages.c, t.articles.c
    statement = (
        sa.select(p.article_id, sa.func.coalesce(p.url, p.path, p.source))
        .join_from(t.pages, t.articles, a.id == p.article_id)
        .where(sa.or_(a.story_id == story_id, a.id == article_id))
        .order_by(p.id)
    )
    return [(article, str(where)) for article, where in conn.execute(statement).tuples()]


def reasons(conn: sa.Connection, follow: str, article_id: str) -> tuple[Reason, ...]:
    m, f = t.matches.c, t.follows.c
    statement = (
        sa.select(m.kind, m.subject, m.sentence, m.paragraph)
        .join_from(t.matches, t.follows, f.id == m.follow_id)
        .where(f.name == follow, m.article_id == article_id)
        .order_by(m.ordinal)
    )
    return tuple(Reason(*row) for row in conn.execute(statement).tuples())


def _upsert(conn: sa.Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def article_entry(conn: sa.Connection, article_id: str) -> FeedEntry:
    """A stored article as an alert shows it, without reasons; the id may be a
    unique prefix (WW758 when none or several articles have it)."""
    a = t.articles.c
    prefix = article_id.strip().lower()
    found = conn.execute(
        sa.select(a.id, a.story_id, a.added_at)
        .where(a.id.startswith(prefix, autoescape=True))
        .limit(2)
    ).all()
    if len(found) != 1 or not prefix:
        detail = "several articles have it" if len(found) > 1 else "no article has it"
        raise WirewatchError("WW758", f"{article_id}: {detail}")
    ident, story, added = found[0]
    alert = Alert(0, "", story or ident, ident, "sent", 0, None, "", utc(added), None)
    return replace(_entry(conn, alert), reasons=())
