"""The store's tables, as SQLAlchemy Core metadata.

This is the schema at the head revision; the migrations in `migrations/versions`
build it step by step and a test checks that the two agree. Search indexes are not
here: they differ by database (an FTS5 table on SQLite, a tsvector column with a
GIN index on PostgreSQL) and only the migrations and `search.py` know them.

Keys later features join on: `articles.id` (the analysis id, a content hash),
`articles.seq` (insertion order, a cursor for "what is new since"), `stories.id`,
`entities.id` (global, one per type, normalised name and country) and `events.id`.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Row ids that can outgrow 32 bits on PostgreSQL; on SQLite INTEGER PRIMARY KEY is the
# 64-bit rowid already, and only that spelling autoincrements.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ArticleId = sa.String(64)
When = sa.DateTime(timezone=True)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("articles", sa.Integer, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", ArticleId, primary_key=True),
    # The full-text index on SQLite is keyed by an integer; PostgreSQL numbers it itself.
    sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("standfirst", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("agency", sa.Text),
    sa.Column("authors", Json, nullable=False),
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), index=True),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("analysis", Json, nullable=False),
    sa.Column("added_at", When, nullable=False),
)

pages = sa.Table(
    "pages",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    # SHA-256 of the source (URL or path): unique whatever the URL's length.
    sa.Column("source_key", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("path", sa.Text),
    # Which page of a file that holds many (a WARC record, a JSON Lines line).
    sa.Column("record", sa.Text),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("fetched", When),
    sa.Column("added_at", When, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    # SHA-1 of type, normalised name and country: one row per referent across articles.
    sa.Column("key", sa.String(40), nullable=False, unique=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("norm", sa.Text, nullable=False, index=True),
    sa.Column("country", sa.String(3), index=True),
)

article_entities = sa.Table(
    "article_entities",
    metadata,
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("local_id", sa.String(16), primary_key=True),
    sa.Column("entity_id", BigId, sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("sector", sa.String(16)),
    sa.Column("code", sa.String(32)),
    sa.Column("aliases", Json, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("local_id", sa.String(16), nullable=False),
    sa.Column("paragraph", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("paragraph", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_local_id", sa.String(16)),
    sa.Column("speaker_entity_id", BigId, sa.ForeignKey("entities.id"), index=True),
    sa.Column("speaker_text", sa.Text),
    sa.Column("verb", sa.Text),
    sa.UniqueConstraint("article_id", "ordinal"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("source_name", sa.Text, nullable=False),
    sa.Column("source_code", sa.String(32), index=True),
    sa.Column("source_country", sa.String(3), index=True),
    sa.Column("source_local_id", sa.String(16)),
    sa.Column("source_entity_id", BigId, sa.ForeignKey("entities.id"), index=True),
    sa.Column("target_name", sa.Text),
    sa.Column("target_code", sa.String(32), index=True),
    sa.Column("target_country", sa.String(3), index=True),
    sa.Column("target_local_id", sa.String(16)),
    sa.Column("target_entity_id", BigId, sa.ForeignKey("entities.id"), index=True),
    sa.Column("cameo", sa.String(4), nullable=False),
    sa.Column("cameo_name", sa.Text, nullable=False),
    sa.Column("root", sa.String(2), nullable=False, index=True),
    sa.Column("goldstein", sa.Float, nullable=False),
    sa.Column("quad_class", sa.SmallInteger, nullable=False),
    sa.Column("plover_event", sa.String(32), index=True),
    sa.Column("plover_mode", sa.String(64)),
    sa.Column("modality", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    # How long the time `date` starts is: day, weekend, week, month or year; null when
    # the text does not say when (an act of the past, or no date at all).
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_text", sa.Text),
    # The event's own date, else its article's: what date filters and exports use.
    sa.Column("day", sa.Date, index=True),
    sa.Column("location_name", sa.Text),
    sa.Column("location_country", sa.String(3)),
    sa.Column("counts", Json, nullable=False),
    sa.Column("paragraph", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.UniqueConstraint("article_id", "ordinal"),
)

errors = sa.Table(
    "errors",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("source_key", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("code", sa.String(8), nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("first_seen", When, nullable=False),
    sa.Column("last_seen", When, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    # A rerun over the same bad input counts it again instead of adding a row.
    sa.UniqueConstraint("source_key", "code"),
)

# Follows, their matches and outbox, and imported watchlists (revision 0002).

follows = sa.Table(
    "follows",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("either", sa.Boolean, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("mode", sa.String(16), nullable=False),
    # The HMAC key a webhook's body is signed with; None for other channels.
    sa.Column("secret", sa.Text),
    sa.Column("created", When, nullable=False),
)

# Why an article matched a follow: one row per reason, for the alert's text.
matches = sa.Table(
    "matches",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "follow_id",
        BigId,
        sa.ForeignKey("follows.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("story_id", sa.String(64), nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("paragraph", sa.Integer),
    sa.Column("created", When, nullable=False),
    # A resumed run matching an article again adds no second copy of its reasons.
    sa.UniqueConstraint("follow_id", "article_id", "ordinal"),
)

# The persistent outbox: one row per (follow, story), whatever brings the story again.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    # sha256 of the follow's id and the story's id: the idempotency key.
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column(
        "follow_id",
        BigId,
        sa.ForeignKey("follows.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("story_id", sa.String(64), nullable=False),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    # When the next attempt may be made: now, after a backoff, or a digest's hour.
    sa.Column("due", When, nullable=False, index=True),
    # A sender holds a row until then, so two senders never deliver it at once.
    sa.Column("claimed_until", When),
    sa.Column("created", When, nullable=False),
    sa.Column("sent", When),
)

watchlists = sa.Table(
    "watchlists",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("entries", sa.Integer, nullable=False),
    sa.Column("imported", When, nullable=False),
)

watchlist_entries = sa.Table(
    "watchlist_entries",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "watchlist_id",
        BigId,
        sa.ForeignKey("watchlists.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    # The whole WatchlistEntry, so that a run rebuilds the index without the file.
    sa.Column("entry", Json, nullable=False),
    sa.UniqueConstraint("watchlist_id", "ref"),
)

watchlist_hits = sa.Table(
    "watchlist_hits",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id",
        ArticleId,
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column(
        "watchlist_id",
        BigId,
        sa.ForeignKey("watchlists.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("entity_local_id", sa.String(16), nullable=False),
    sa.Column("entity_name", sa.Text, nullable=False, index=True),
    sa.Column("entity_type", sa.String(16), nullable=False),
    sa.Column("ref", sa.Text, nullable=False),
    sa.Column("listed_name", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("sentence", sa.Text),
    sa.Column("hit", Json, nullable=False),
    sa.Column("created", When, nullable=False),
    sa.UniqueConstraint("article_id", "watchlist_id", "entity_local_id", "ref"),
)

# Where Alembic records the revision; named for us, so a shared database has no clash.
VERSION_TABLE = "wirewatch_schema"

# The tables `stats` counts, in the order it prints them.
COUNTED = ("articles", "pages", "stories", "entities", "quotes", "events", "errors")
