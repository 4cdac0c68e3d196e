"""Events carry the precision of their date: day, weekend, week, month or year.

Rows written before this revision keep a null precision: their date is the one the
coder gave, and how precise it was was not recorded.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite adds the column in place, PostgreSQL with ALTER TABLE.
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_precision", sa.String(8)))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_precision")
