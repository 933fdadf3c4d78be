"""Snapshots, entities (one JSON document each) and the hash-chained audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data_date", sa.Date, nullable=True),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("listing_count", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
    )
    op.create_index("ix_snapshots_source", "snapshots", ["source"])
    op.create_index(
        "ux_snapshots_active_source",
        "snapshots",
        ["source"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "entities",
        sa.Column(
            "snapshot_id",
            sa.Integer,
            sa.ForeignKey("snapshots.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("entity_id", sa.String(255), primary_key=True),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("doc", sa.Text, nullable=False),
    )
    op.create_index("ix_entities_entity_id", "entities", ["entity_id"])
    op.create_index("ix_entities_schema", "entities", ["schema"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("data_version", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("entities")
    op.drop_index("ux_snapshots_active_source", table_name="snapshots")
    op.drop_index("ix_snapshots_source", table_name="snapshots")
    op.drop_table("snapshots")
