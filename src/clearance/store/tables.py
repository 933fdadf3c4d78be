"""The store's tables, declared once with SQLAlchemy Core.

Alembic migrations in `migrations/versions` create exactly these; `Store` reads and writes
through them. Each entity is one JSON document (`doc`) beside indexed columns for lookups, so
loading all active entities is one sequential scan and one JSON parse per row.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(64), nullable=False, index=True),
    Column("sha256", String(64), nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("data_date", Date, nullable=True),
    Column("entity_count", Integer, nullable=False, default=0),
    Column("listing_count", Integer, nullable=False, default=0),
    Column("active", Boolean, nullable=False, default=False),
    Column("origin", Text, nullable=False),
    # The migration adds a partial unique index on (source) WHERE active: at most one active
    # snapshot per source, enforced by the database so two concurrent ingests cannot both win.
)

entities = Table(
    "entities",
    metadata,
    Column(
        "snapshot_id",
        Integer,
        ForeignKey("snapshots.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("entity_id", String(255), primary_key=True),
    Column("schema", String(32), nullable=False),
    Column("caption", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("doc", Text, nullable=False),
    Index("ix_entities_entity_id", "entity_id"),
    Index("ix_entities_schema", "schema"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(64), nullable=False),
    Column("actor", String(255), nullable=False),
    # Kept as the exact ISO text that was hashed, so that verification never depends on how a
    # database driver round-trips time zones.
    Column("recorded_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("data_version", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
