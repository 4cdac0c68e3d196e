"""Follows, alerts and watchlists: follows, matches, outbox, watchlists,
watchlist_entries and watchlist_hits.

The tables are a frozen copy of schema.py as it stood at this revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
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

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ArticleId = sa.String(64)
When = sa.DateTime(timezone=True)

# Stand-ins for the tables of 0001 that the new ones refer to (never created here).
sa.Table("articles", metadata, sa.Column("id", ArticleId, primary_key=True))

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

_NEW = ("follows", "matches", "outbox", "watchlists", "watchlist_entries", "watchlist_hits")


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind, tables=[metadata.tables[name] for name in _NEW])


def downgrade() -> None:
    bind = op.get_bind()
    metadata.drop_all(bind, tables=[metadata.tables[name] for name in _NEW])
