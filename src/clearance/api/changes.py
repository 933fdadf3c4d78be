"""When each served entity was first seen and last changed, from the store's snapshots.

yente's `changed_since` keeps results whose `last_change` (the time the data about the entity
last changed) is on or after the date. clearance's closest honest equivalent is the store's own
history: an entity's `last_change` is when clearance first held its current content — the
fetch time of the oldest snapshot of an unbroken run, ending at the served one, in which the
entity's content hash is what it is now (a listing that disappears and comes back changed
then too). `first_seen` is the first snapshot that held the entity at all, `last_seen` the
served snapshot. A store's first snapshot says only when clearance loaded it, so every entity
of a fresh store changed "then": the times are when clearance learnt of a change, not when the
publisher made it (the lists' own dates are in each listing's start and end).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from clearance.store.tables import entities, snapshots


@dataclass(frozen=True)
class EntityHistory:
    first_seen: datetime
    last_change: datetime
    last_seen: datetime


def served_snapshots(data_version: str) -> dict[str, int]:
    """{source: snapshot id} of a data version such as `us_ofac_sdn@3,un_sc@5`."""
    if data_version in ("", "empty"):
        return {}
    served: dict[str, int] = {}
    for part in data_version.split(","):
        source, _, snapshot_id = part.rpartition("@")
        served[source] = int(snapshot_id)
    return served


def entity_histories(engine: Engine, data_version: str) -> Mapping[str, EntityHistory]:
    """The history of every entity in the snapshots `data_version` names."""
    histories: dict[str, EntityHistory] = {}
    with engine.connect() as conn:
        for source, served_id in served_snapshots(data_version).items():
            runs = conn.execute(
                select(snapshots.c.id, snapshots.c.fetched_at)
                .where(snapshots.c.source == source, snapshots.c.id <= served_id)
                .order_by(snapshots.c.id)
            ).all()
            times = {row.id: _aware(row.fetched_at) for row in runs}
            first_seen: dict[str, datetime] = {}
            changed: dict[str, datetime] = {}
            previous: dict[str, str] = {}
            for snapshot_id, fetched_at in times.items():
                rows = conn.execute(
                    select(entities.c.entity_id, entities.c.content_hash).where(
                        entities.c.snapshot_id == snapshot_id
                    )
                )
                current = {row.entity_id: row.content_hash for row in rows}
                for entity_id, content_hash in current.items():
                    first_seen.setdefault(entity_id, fetched_at)
                    if previous.get(entity_id) != content_hash:
                        changed[entity_id] = fetched_at
                previous = current
            last_seen = times.get(served_id)
            if last_seen is None:
                continue
            for entity_id in previous:
                histories[entity_id] = EntityHistory(
                    first_seen[entity_id], changed[entity_id], last_seen
                )
    return histories


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; the store writes them in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
