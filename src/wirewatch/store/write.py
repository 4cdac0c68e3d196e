"""Writing analyses, pages, stories and errors: each call is one transaction's work.

The functions here take a connection inside a transaction and never commit; the
Store wraps each public call in one transaction, so an article is stored with all
its entities, quotes and events, or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

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


class Pending(NamedTuple):
    """An analysis to store, with its story and signature (either may be None)."""

    analysis: Analysis
    story_id: str | None = None
    minhash: bytes | None = None


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
    return write_analyses(conn, [Pending(analysis, story_id, minhash)], now)[0]


def write_analyses(conn: sa.Connection, items: Sequence[Pending], now: dt.datetime) -> list[bool]:
    """Store several analyses as `write_analysis` would one after the other, in the
    order given; for each, whether its article was new.

    Each table gets one statement for the whole batch (a few per batch instead of
    a dozen per article: SQLAlchemy's per-statement cost was most of a run's
    writing), and each touched story is recounted once, after all its articles.
    """
    keys = [source_text(item.analysis.source, item.analysis.id) for item in items]
    stored_pages = _stored(conn, t.pages.c.source_key, {digest(key) for key in keys})
    known = _stored(conn, t.articles.c.id, {item.analysis.id for item in items})
    new: list[Pending] = []
    pages: list[dict[str, Any]] = []
    results: list[bool] = []
    for key, item in zip(keys, items, strict=True):
        hashed = digest(key)
        if hashed in stored_pages:
            results.append(False)
            continue
        stored_pages.add(hashed)
        article = item.analysis.id
        results.append(article not in known)
        if article not in known:
            known.add(article)
            new.append(item)
        pages.append(_page_row(key, item.analysis.source, article, now))
    if new:
        _insert_new(conn, new, now)
    if pages:
        conn.execute(t.pages.insert(), pages)
    return results


def _stored(conn: sa.Connection, column: sa.Column[str], values: set[str]) -> set[str]:
    """Those of `values` that `column` holds."""
    found = conn.execute(sa.select(column).where(column.in_(values)))
    return set(found.scalars().all())


def _insert_new(conn: sa.Connection, new: Sequence[Pending], now: dt.datetime) -> None:
    stories = _unique(
        [
            {"id": item.story_id, "title": item.analysis.article.title, "articles": 0}
            for item in new
            if item.story_id is not None
        ],
        "id",
    )
    if stories:
        upsert = _upsert(conn, t.stories).on_conflict_do_nothing(index_elements=["id"])
        conn.execute(upsert, stories)
    _insert_articles(conn, new, now)
    analyses = [item.analysis for item in new]
    entity_ids = _insert_entities(conn, analyses)
    _insert_quotes(conn, analyses, entity_ids)
    _insert_events(conn, analyses, entity_ids)
    if stories:
        refresh_stories(conn, [story["id"] for story in stories])


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
    conn.execute(t.pages.insert(), _page_row(key, source, article_id, now))


def _page_row(key: str, source: Source, article_id: str, now: dt.datetime) -> dict[str, Any]:
    return {
        "source_key": digest(key),
        "source": key,
        "url": source.url,
        "path": source.path,
        "record": source.record,
        "article_id": article_id,
        "fetched": source.fetched,
        "added_at": now,
    }


def _insert_articles(conn: sa.Connection, new: Sequence[Pending], now: dt.datetime) -> None:
    rows = [_article_row(item, now) for item in new]
    if conn.dialect.name == "sqlite":
        # PostgreSQL numbers seq itself; SQLite has no sequence outside the primary key,
        # and with one writer holding the write lock, max + 1 is safe.
        last = conn.execute(sa.select(sa.func.max(t.articles.c.seq))).scalar() or 0
        for offset, row in enumerate(rows, start=1):
            row["seq"] = last + offset
    conn.execute(t.articles.insert(), rows)


def _article_row(item: Pending, now: dt.datetime) -> dict[str, Any]:
    analysis = item.analysis
    article = analysis.article
    return {
        "id": analysis.id,
        "title": article.title,
        "body": article.text(),
        "standfirst": article.standfirst,
        "published": article.published.best,
        "language": article.language,
        "agency": article.agency,
        "authors": list(article.authors),
        "story_id": item.story_id,
        "minhash": item.minhash,
        "analysis": analysis.to_json(),
        "added_at": now,
    }


def entity_key(entity: Entity) -> str:
    """One key per referent across articles: type, normalised name and country."""
    return _key(entity, _norm(entity))


def _norm(entity: Entity) -> str:
    return normalise(entity.name) or entity.name.casefold()


def _key(entity: Entity, norm: str) -> str:
    text = "\t".join((entity.type, norm, entity.country or ""))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _insert_entities(conn: sa.Connection, analyses: Sequence[Analysis]) -> list[dict[str, int]]:
    """Link each article's entities to the global ones (made when new); for each
    article, local id -> id."""
    rows = [_entity_row(e) for analysis in analyses for e in analysis.entities]
    if not rows:
        return [{} for _ in analyses]
    insert = _upsert(conn, t.entities).on_conflict_do_nothing(index_elements=["key"])
    conn.execute(insert, _unique(rows, "key"))
    keys = {row["key"] for row in rows}
    found = conn.execute(
        sa.select(t.entities.c.key, t.entities.c.id).where(t.entities.c.key.in_(keys))
    )
    by_key: dict[str, int] = dict(found.tuples().all())
    # rows run through the articles' entities in order: the same walk gives each its key
    walk = iter(rows)
    ids = [{e.id: by_key[next(walk)["key"]] for e in analysis.entities} for analysis in analyses]
    links = [
        _article_entity(analysis.id, e, local[e.id])
        for analysis, local in zip(analyses, ids, strict=True)
        for e in analysis.entities
    ]
    conn.execute(t.article_entities.insert(), links)
    mentions = [
        {"article_id": analysis.id, "local_id": e.id, **m.to_json()}
        for analysis in analyses
        for e in analysis.entities
        for m in e.mentions
    ]
    if mentions:
        conn.execute(t.mentions.insert(), mentions)
    return ids


def _entity_row(entity: Entity) -> dict[str, Any]:
    norm = _norm(entity)
    return {
        "key": _key(entity, norm),
        "type": entity.type,
        "name": entity.name,
        "norm": norm,
        "country": entity.country,
    }


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
    conn: sa.Connection, analyses: Sequence[Analysis], ids: Sequence[Mapping[str, int]]
) -> None:
    rows = [
        _quote_row(analysis.id, ordinal, quote, local)
        for analysis, local in zip(analyses, ids, strict=True)
        for ordinal, quote in enumerate(analysis.quotes)
    ]
    if rows:
        conn.execute(t.quotes.insert(), rows)


def _quote_row(
    article_id: str, ordinal: int, quote: Quote, ids: Mapping[str, int]
) -> dict[str, Any]:
    speaker = quote.speaker
    local = speaker.entity if speaker else None
    return {
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


def _insert_events(
    conn: sa.Connection, analyses: Sequence[Analysis], ids: Sequence[Mapping[str, int]]
) -> None:
    rows = [
        event_row(analysis.id, ordinal, event, analysis.article.published.best, local)
        for analysis, local in zip(analyses, ids, strict=True)
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
        "date_precision": event.date_precision,
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
    refresh_stories(conn, [story_id])


def refresh_stories(conn: sa.Connection, story_ids: Sequence[str]) -> None:
    """Recount several stories in one query and one update (a story left with no
    articles is removed)."""
    a = t.articles.c
    counted = sa.select(
        a.story_id, sa.func.count(), sa.func.min(a.published), sa.func.max(a.published)
    )
    found = conn.execute(counted.where(a.story_id.in_(set(story_ids))).group_by(a.story_id))
    values = {
        story: {"story": story, "articles": count, "first_seen": first, "last_seen": last}
        for story, count, first, last in found.tuples()
    }
    stories = t.stories
    if values:
        conn.execute(
            stories.update().where(stories.c.id == sa.bindparam("story")), list(values.values())
        )
    gone = [story for story in story_ids if story not in values]
    if gone:
        conn.execute(stories.delete().where(stories.c.id.in_(gone)))


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
