"""The first schema: articles, pages, stories, entities, mentions, quotes, events, errors.

The tables are a frozen copy of schema.py as it stood at this revision (later
revisions change them with their own operations), and the full-text index of each
database: an FTS5 table kept in step by triggers on SQLite, a generated tsvector
column with a GIN index on PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

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


_SQLITE_SEARCH = (
    # External content: the index holds no copy of the text, articles.seq is its rowid.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', "
    "content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')",
    # Titles weigh more than bodies; `ORDER BY rank` then sorts inside FTS5.
    "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, body) "
    "VALUES ('delete', old.seq, old.title, old.body); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, body) "
    "VALUES ('delete', old.seq, old.title, old.body); "
    "INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body); END",
)

_POSTGRESQL_SEARCH = (
    "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', title), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_articles_search ON articles USING gin (search)",
)


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    statements = _SQLITE_SEARCH if bind.dialect.name == "sqlite" else _POSTGRESQL_SEARCH
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    metadata.drop_all(bind)
