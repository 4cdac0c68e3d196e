"""Writing analyses, pages, stories and errors: each call is one transaction's work.

The functions here take a connection inside a transaction and never commit; the
Store wraps each public call in one transaction, so an article is stored with all
its entities, quotes and events, or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from wirewatch.knowledge.names import normalise
from wirewatch.model import Analysis, Entity, Event, Quote, Source
from wirewatch.store import schema as t


def source_text(source: Source, article_id: str = "") -> str:
    """The key a page is stored under: `Source.key()`, else (a page of no file and no
    URL) its article."""
    return source.key() or f"article:{article_id}"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def has_page(conn: sa.Connection, key: str) -> bool:
    found = conn.execute(sa.select(t.pages.c.id).where(t.pages.c.source_key == digest(key)))
    return found.first() is not None


def has_error(conn: sa.Connection, key: str) -> bool:
    found = conn.execute(sa.select(t.errors.c.id).where(t.errors.c.source_key == digest(key)))
    return found.first() is not None


def has_article(conn: sa.Connection, article_id: str) -> bool:
    found = conn.execute(sa.select(t.articles.c.seq).where(t.articles.c.id == article_id))
    return found.first() is not None


def write_analysis(
    conn: sa.Connection,
    analysis: Analysis,
    *,
    story_id: str | None,
    minhash: bytes | None,
    now: dt.datetime,
) -> bool:
    """Store the analysis and its page; True when the article was new.

    A page already stored is not read again (nothing is written); a new page of an
    article already stored (the same text from another outlet) adds only the page.
    """
    key = source_text(analysis.source, analysis.id)
    if has_page(conn, key):
        return False
    new = not has_article(conn, analysis.id)
    if new:
        if story_id is not None:
            _ensure_story(conn, story_id, analysis.article.title)
        _insert_article(conn, analysis, story_id, minhash, now)
        entity_ids = _insert_entities(conn, analysis)
        _insert_quotes(conn, analysis.id, analysis.quotes, entity_ids)
        _insert_events(conn, analysis, entity_ids)
        if story_id is not None:
            refresh_story(conn, story_id)
    _insert_page(conn, key, analysis.source, analysis.id, now)
    return new


def write_page(conn: sa.Connection, source: Source, article_id: str, now: dt.datetime) -> bool:
    """Record one copy of an article; False when that source is stored already."""
    key = source_text(source, article_id)
    if has_page(conn, key):
        return False
    _insert_page(conn, key, source, article_id, now)
    return True


def _insert_page(
    conn: sa.Connection, key: str, source: Source, article_id: str, now: dt.datetime
) -> None:
    # A plain INSERT after the check (one writer holds the write lock): unlike an upsert,
    # SQLAlchemy compiles it once, which is most of the cost of a page.
    row = {
        "source_key": digest(key),
        "source": key,
        "url": source.url,
        "path": source.path,
        "record": source.record,
        "article_id": article_id,
        "fetched": source.fetched,
        "added_at": now,
    }
    conn.execute(t.pages.insert(), row)


def _insert_article(
    conn: sa.Connection,
    analysis: Analysis,
    story_id: str | None,
    minhash: bytes | None,
    now: dt.datetime,
) -> None:
    article = analysis.article
    row: dict[str, Any] = {
        "id": analysis.id,
        "title": article.title,
        "body": article.text(),
        "standfirst": article.standfirst,
        "published": article.published.best,
        "language": article.language,
        "agency": article.agency,
        "authors": list(article.authors),
        "story_id": story_id,
        "minhash": minhash,
        "analysis": analysis.to_json(),
        "added_at": now,
    }
    if conn.dialect.name == "sqlite":
        # PostgreSQL numbers seq itself; SQLite has no sequence outside the primary key,
        # and with one writer holding the write lock, max + 1 is safe.
        last = conn.execute(sa.select(sa.func.max(t.articles.c.seq))).scalar()
        row["seq"] = (last or 0) + 1
    conn.execute(t.articles.insert(), row)


def entity_key(entity: Entity) -> str:
    """One key per referent across articles: type, normalised name and country."""
    norm = normalise(entity.name) or entity.name.casefold()
    text = "\t".join((entity.type, norm, entity.country or ""))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _insert_entities(conn: sa.Connection, analysis: Analysis) -> dict[str, int]:
    """Link the article's entities to the global ones (made when new); local id -> id."""
    if not analysis.entities:
        return {}
    keys = {entity.id: entity_key(entity) for entity in analysis.entities}
    rows = [
        {
            "key": keys[e.id],
            "type": e.type,
            "name": e.name,
            "norm": normalise(e.name) or e.name.casefold(),
            "country": e.country,
        }
        for e in analysis.entities
    ]
    insert = _upsert(conn, t.entities).on_conflict_do_nothing(index_elements=["key"])
    conn.execute(insert, _unique(rows, "key"))
    found = conn.execute(
        sa.select(t.entities.c.key, t.entities.c.id).where(t.entities.c.key.in_(set(keys.values())))
    )
    by_key: dict[str, int] = dict(found.tuples().all())
    ids = {local: by_key[key] for local, key in keys.items()}
    conn.execute(
        t.article_entities.insert(),
        [_article_entity(analysis.id, e, ids[e.id]) for e in analysis.entities],
    )
    mentions = [
        {"article_id": analysis.id, "local_id": e.id, **m.to_json()}
        for e in analysis.entities
        for m in e.mentions
    ]
    if mentions:
        conn.execute(t.mentions.insert(), mentions)
    return ids


def _unique(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """The first row for each value of `column`: two local entities may be one referent."""
    seen: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[column], row)
    return list(seen.values())


def _article_entity(article_id: str, entity: Entity, entity_id: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "local_id": entity.id,
        "entity_id": entity_id,
        "name": entity.name,
        "role": entity.role,
        "sector": entity.sector,
        "code": entity.code,
        "aliases": list(entity.aliases),
        "mentions": len(entity.mentions),
    }


def _insert_quotes(
    conn: sa.Connection, article_id: str, quotes: Iterable[Quote], ids: Mapping[str, int]
) -> None:
    rows = []
    for ordinal, quote in enumerate(quotes):
        speaker = quote.speaker
        local = speaker.entity if speaker else None
        rows.append(
            {
                "article_id": article_id,
                "ordinal": ordinal,
                "kind": quote.kind,
                "text": quote.text,
                "paragraph": quote.paragraph,
                "start": quote.start,
                "end": quote.end,
                "speaker_name": speaker.name if speaker else None,
                "speaker_local_id": local,
                "speaker_entity_id": ids.get(local) if local else None,
                "speaker_text": quote.speaker_text,
                "verb": quote.verb,
            }
        )
    if rows:
        conn.execute(t.quotes.insert(), rows)


def _insert_events(conn: sa.Connection, analysis: Analysis, ids: Mapping[str, int]) -> None:
    published = analysis.article.published.best
    rows = [
        event_row(analysis.id, ordinal, event, published, ids)
        for ordinal, event in enumerate(analysis.events)
    ]
    if rows:
        conn.execute(t.events.insert(), rows)


def event_row(
    article_id: str,
    ordinal: int,
    event: Event,
    published: dt.date | None,
    ids: Mapping[str, int],
) -> dict[str, Any]:
    source, target, where = event.source, event.target, event.location
    return {
        "article_id": article_id,
        "ordinal": ordinal,
        "source_name": source.name,
        "source_code": source.code,
        "source_country": source.country,
        "source_local_id": source.entity,
        "source_entity_id": ids.get(source.entity) if source.entity else None,
        "target_name": target.name if target else None,
        "target_code": target.code if target else None,
        "target_country": target.country if target else None,
        "target_local_id": target.entity if target else None,
        "target_entity_id": ids.get(target.entity) if target and target.entity else None,
        "cameo": event.cameo,
        "cameo_name": event.cameo_name,
        "root": event.cameo[:2],
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "plover_event": event.plover_event,
        "plover_mode": event.plover_mode,
        "modality": event.modality,
        "date": event.date,
        "date_text": event.date_text,
        "day": event.date or published,
        "location_name": where.name if where else None,
        "location_country": where.country if where else None,
        "counts": dict(event.counts),
        "paragraph": event.evidence.paragraph,
        "start": event.evidence.start,
        "end": event.evidence.end,
        "sentence": event.evidence.sentence,
    }


def _ensure_story(conn: sa.Connection, story_id: str, title: str) -> None:
    row = {"id": story_id, "title": title, "articles": 0}
    conn.execute(_upsert(conn, t.stories).on_conflict_do_nothing(index_elements=["id"]), row)


def refresh_story(conn: sa.Connection, story_id: str) -> None:
    """Recount a story's articles and dates; a story left with none is removed."""
    a = t.articles.c
    count, first, last = conn.execute(
        sa.select(sa.func.count(), sa.func.min(a.published), sa.func.max(a.published)).where(
            a.story_id == story_id
        )
    ).one()
    stories = t.stories
    if count == 0:
        conn.execute(stories.delete().where(stories.c.id == story_id))
        return
    values = {"articles": count, "first_seen": first, "last_seen": last}
    conn.execute(stories.update().where(stories.c.id == story_id).values(values))


def assign_story(conn: sa.Connection, article_id: str, story_id: str) -> bool:
    """Put an article in a story (made when new); False when the article is unknown."""
    a = t.articles.c
    found = conn.execute(sa.select(a.story_id, a.title).where(a.id == article_id)).first()
    if found is None:
        return False
    old, title = found
    if old == story_id:
        return True
    _ensure_story(conn, story_id, title)
    conn.execute(t.articles.update().where(a.id == article_id).values(story_id=story_id))
    refresh_story(conn, story_id)
    if old is not None:
        refresh_story(conn, old)
    return True


def record_error(
    conn: sa.Connection, source: str, stage: str, code: str, message: str, now: dt.datetime
) -> None:
    """Count a failure of one input; the same input failing the same way again is one row."""
    row = {
        "source_key": digest(source),
        "source": source,
        "stage": stage,
        "code": code,
        "message": message,
        "first_seen": now,
        "last_seen": now,
        "count": 1,
    }
    insert = _upsert(conn, t.errors)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["source_key", "code"],
            set_={
                "count": t.errors.c.count + 1,
                "last_seen": insert.excluded.last_seen,
                "message": insert.excluded.message,
                "stage": insert.excluded.stage,
            },
        ),
        row,
    )


def _upsert(conn: sa.Connection, table: sa.Table) -> Any:
    """An INSERT that can say what to do on a conflict; both databases spell it alike."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
