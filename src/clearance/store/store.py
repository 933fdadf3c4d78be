"""The versioned store: snapshots of each source, their entities, and the audit log.

SQLite (one file) by default, PostgreSQL by URL. Every ingest is one transaction: the new
snapshot is written inactive and flipped to active only in the commit, so a malformed file,
an exception or a killed process leaves the previous snapshot active and the store consistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import (
    Connection,
    Engine,
    Row,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from clearance.errors import ClearanceError, DataError, InputError, NotFoundError
from clearance.model import Entity, Snapshot
from clearance.sources.registry import get_source
from clearance.store import audit
from clearance.store.audit import AuditProblem, AuditRecord, ChainHead, StoredRow
from clearance.store.audit_append import (
    AuditAppender,
    PendingRecord,
    append_records,
    read_head,
)
from clearance.store.audit_read import read_rows, verify_log
from clearance.store.diff import SnapshotDiff, changed_fields, split_by_hash
from clearance.store.hashing import canonical_json, document_sha256, source_sha256
from clearance.store.migrate import upgrade
from clearance.store.tables import entities, snapshots

BATCH_SIZE = 1000
PROGRESS_EVERY = 500

Progress = Callable[[int], None]


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: the snapshot now active for the source, and what changed."""

    snapshot: Snapshot
    unchanged: bool
    diff: SnapshotDiff = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot.to_dict(),
            "unchanged": self.unchanged,
            "diff": self.diff.to_dict(),
        }


class Store:
    """Snapshots, entities and the audit log in one SQL database, schema migrated on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = _make_engine(url)
        try:
            upgrade(self._engine)
        except OperationalError as exc:
            raise DataError(f"cannot open the store at {self.safe_url}: {exc.orig}") from None
        self._audit = AuditAppender(self._engine, _data_version)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def safe_url(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self._engine.dispose()

    # -- ingest -----------------------------------------------------------------------------

    def ingest(
        self,
        source: str,
        path: Path,
        *,
        origin: str | None = None,
        fetched_at: datetime | None = None,
        data_date: date | None = None,
        progress: Progress | None = None,
        actor: str = "system",
        max_shrink: float | None = None,
    ) -> IngestResult:
        """Read `path` with the source's reader and make it the source's active snapshot.

        Identical content (same sha256 as the active snapshot) is a no-op, reported as
        `unchanged`. Any failure rolls the whole ingest back. A successful ingest appends an
        `ingest` record to the audit log in the same transaction.

        `max_shrink` (a fraction) refuses a file holding that much fewer entities than the
        active snapshot of a list of some size: a well-formed but cut-short or wrong file would
        otherwise silently de-list most parties.
        """
        spec = get_source(source)
        path = Path(path)
        sha = source_sha256(path)
        with self._engine.begin() as conn:
            previous = _active_row(conn, source)
            if previous is not None and previous.sha256 == sha:
                snap = _to_snapshot(previous)
                return IngestResult(snap, True, SnapshotDiff(source, snap.id, snap.id))
            snapshot_id = conn.execute(
                insert(snapshots)
                .values(
                    source=source,
                    sha256=sha,
                    fetched_at=fetched_at or datetime.now(UTC),
                    data_date=data_date,
                    entity_count=0,
                    listing_count=0,
                    active=False,
                    origin=origin or str(path),
                )
                .returning(snapshots.c.id)
            ).scalar_one()
            entity_count, listing_count = _write_entities(
                conn, snapshot_id, spec.reader, path, source, progress
            )
            if entity_count == 0:
                raise InputError(f"no entities found; expected a {spec.title} file", file=path)
            if previous is not None and max_shrink is not None:
                _refuse_large_shrink(previous, entity_count, max_shrink, path)
            conn.execute(
                update(snapshots)
                .where(snapshots.c.source == source, snapshots.c.active.is_(True))
                .values(active=False)
            )
            conn.execute(
                update(snapshots)
                .where(snapshots.c.id == snapshot_id)
                .values(active=True, entity_count=entity_count, listing_count=listing_count)
            )
            old_id = previous.id if previous is not None else None
            diff = _diff(conn, source, old_id, snapshot_id)
            row = conn.execute(select(snapshots).where(snapshots.c.id == snapshot_id)).one()
            result = IngestResult(_to_snapshot(row), False, diff)
            payload_text = canonical_json(_ingest_payload(result)).decode()
            append_records(conn, [PendingRecord("ingest", actor, payload_text)], _data_version)
        return result

    # -- snapshots --------------------------------------------------------------------------

    def snapshots(self, source: str | None = None) -> list[Snapshot]:
        query = select(snapshots).order_by(snapshots.c.id)
        if source is not None:
            query = query.where(snapshots.c.source == source)
        with self._engine.connect() as conn:
            return [_to_snapshot(row) for row in conn.execute(query)]

    def active_snapshots(self) -> list[Snapshot]:
        query = select(snapshots).where(snapshots.c.active.is_(True)).order_by(snapshots.c.source)
        with self._engine.connect() as conn:
            return [_to_snapshot(row) for row in conn.execute(query)]

    def snapshot(self, snapshot_id: int) -> Snapshot:
        with self._engine.connect() as conn:
            row = conn.execute(select(snapshots).where(snapshots.c.id == snapshot_id)).first()
        if row is None:
            raise NotFoundError(f"no snapshot with id {snapshot_id}")
        return _to_snapshot(row)

    def is_empty(self) -> bool:
        with self._engine.connect() as conn:
            return conn.execute(select(snapshots.c.id).limit(1)).first() is None

    def data_version(self) -> str:
        """The active snapshots as `source@id` joined by commas, e.g. `un_sc@2,us_csl@3`.

        Snapshot ids are never reused, so the string changes whenever any active snapshot
        does; it is recorded with every decision so the decision can be reproduced.
        """
        with self._engine.connect() as conn:
            return _data_version(conn)

    # -- entities ---------------------------------------------------------------------------

    def active_entities(self) -> Iterator[Entity]:
        """Every entity of every active snapshot, streamed."""
        query = (
            select(entities.c.doc)
            .join(snapshots, snapshots.c.id == entities.c.snapshot_id)
            .where(snapshots.c.active.is_(True))
            .execution_options(yield_per=2000)
        )
        with self._engine.connect() as conn:
            for (doc,) in conn.execute(query):
                yield Entity.from_dict(orjson.loads(doc))

    def count_active_entities(self) -> int:
        query = (
            select(func.count())
            .select_from(entities.join(snapshots, snapshots.c.id == entities.c.snapshot_id))
            .where(snapshots.c.active.is_(True))
        )
        with self._engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def entity(self, entity_id: str, *, snapshot_id: int | None = None) -> Entity:
        """The entity as the active data (or the given snapshot) holds it."""
        query = select(entities.c.doc).where(entities.c.entity_id == entity_id)
        if snapshot_id is None:
            query = query.join(snapshots, snapshots.c.id == entities.c.snapshot_id).where(
                snapshots.c.active.is_(True)
            )
        else:
            query = query.where(entities.c.snapshot_id == snapshot_id)
        with self._engine.connect() as conn:
            doc = conn.execute(query).scalar()
            if doc is None:
                raise NotFoundError(_not_found_message(conn, entity_id, snapshot_id))
        return Entity.from_dict(orjson.loads(doc))

    # -- diff -------------------------------------------------------------------------------

    def diff(self, source: str, old: int | None = None, new: int | None = None) -> SnapshotDiff:
        """Changes from snapshot `old` to `new` of `source`.

        `new` defaults to the active snapshot, `old` to the snapshot of the same source
        ingested just before `new` (None for the first, so everything is `added`).
        """
        with self._engine.connect() as conn:
            ids = [
                row.id
                for row in conn.execute(
                    select(snapshots.c.id)
                    .where(snapshots.c.source == source)
                    .order_by(snapshots.c.id)
                )
            ]
            if not ids:
                raise NotFoundError(f"no snapshots of source {source!r}")
            for given in (old, new):
                if given is not None and given not in ids:
                    known = ", ".join(str(i) for i in ids)
                    raise NotFoundError(
                        f"snapshot {given} is not a snapshot of {source!r}; known: {known}"
                    )
            if new is None:
                active = _active_row(conn, source)
                new = active.id if active is not None else ids[-1]
            if old is None:
                earlier = [i for i in ids if i < new]
                old = earlier[-1] if earlier else None
            return _diff(conn, source, old, new)

    # -- audit log --------------------------------------------------------------------------

    def audit_append(self, kind: str, actor: str, payload: dict[str, Any]) -> AuditRecord:
        """Append one record to the hash-chained audit log and return it once committed."""
        return self._audit.append(kind, actor, canonical_json(payload).decode())

    def audit_records(self) -> list[AuditRecord]:
        return [audit.to_record(row) for row in self._audit_rows()]

    def audit_verify(self, anchor: ChainHead | None = None) -> list[AuditProblem]:
        """Every edited, deleted, reordered or inserted record, in sequence order; [] if
        intact. The chain head makes deleting the newest records as visible as any other;
        `anchor`, a head kept outside the database, also catches a rewrite of the whole log."""
        return verify_log(self._engine, anchor)

    def audit_head(self) -> ChainHead:
        """The chain head to keep outside the database (e.g. in the examiner's file)."""
        with self._engine.connect() as conn:
            head = read_head(conn)
        if head is None:
            raise DataError("the audit chain head is missing; run `clearance audit verify`")
        return head

    def audit_export(self, fp: IO[str]) -> int:
        """Write the audit log as JSON lines, one record per line; returns the count."""
        count = 0
        for row in self._audit_rows():
            fp.write(orjson.dumps(audit.to_record(row).to_dict()).decode())
            fp.write("\n")
            count += 1
        return count

    def _audit_rows(self) -> list[StoredRow]:
        with self._engine.connect() as conn:
            return read_rows(conn)


# -- helpers ----------------------------------------------------------------------------------


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        database = url.split(":///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # WAL keeps readers working during an ingest; a killed writer's uncommitted frames are
    # discarded on the next open, so the last committed snapshot stays the active one.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _write_entities(
    conn: Connection,
    snapshot_id: int,
    reader: Callable[[Path], Iterator[Entity]],
    path: Path,
    source: str,
    progress: Progress | None,
) -> tuple[int, int]:
    merged = _merge_duplicates(_read(reader, path, source), path, progress)
    listing_count = 0
    batch: list[dict[str, Any]] = []
    for entity in merged.values():
        doc = entity.to_dict()
        listing_count += len(entity.listings)
        batch.append(
            {
                "snapshot_id": snapshot_id,
                "entity_id": entity.id,
                "schema": str(entity.schema),
                "caption": entity.caption,
                "content_hash": document_sha256(doc),
                "doc": orjson.dumps(doc).decode(),
            }
        )
        if len(batch) >= BATCH_SIZE:
            conn.execute(insert(entities), batch)
            batch = []
    if batch:
        conn.execute(insert(entities), batch)
    return len(merged), listing_count


def _merge_duplicates(
    read: Iterator[Entity], path: Path, progress: Progress | None
) -> dict[str, Entity]:
    """Entities by id; one id read twice is one party on two lists, so it is merged.

    The CSL repeats a party's `_id` on each list that names it (e.g. SDN and CAPTA), so the
    two rows are one entity with two listings. Different schemas under one id are an error.
    """
    merged: dict[str, Entity] = {}
    count = 0
    for entity in read:
        count += 1
        seen = merged.get(entity.id)
        if seen is None:
            merged[entity.id] = entity
        elif seen.schema is not entity.schema:
            raise InputError(
                f"entity id {entity.id!r} appears as {seen.schema} and as {entity.schema}",
                file=path,
            )
        else:
            for prop, values in entity.properties.items():
                seen.add(prop, values)
            seen.listings.extend(x for x in entity.listings if x not in seen.listings)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return merged


def _read(reader: Callable[[Path], Iterator[Entity]], path: Path, source: str) -> Iterator[Entity]:
    """The reader's entities; an unexpected reader failure becomes an InputError on the file."""
    try:
        yield from reader(path)
    except ClearanceError:
        raise
    except (ValueError, KeyError, IndexError, UnicodeError, OSError) as exc:
        raise InputError(
            f"cannot be read as source {source!r}: {type(exc).__name__}: {exc}", file=path
        ) from exc


def _active_row(conn: Connection, source: str) -> Row[Any] | None:
    return conn.execute(
        select(snapshots).where(snapshots.c.source == source, snapshots.c.active.is_(True))
    ).first()


def _data_version(conn: Connection) -> str:
    rows = conn.execute(
        select(snapshots.c.source, snapshots.c.id)
        .where(snapshots.c.active.is_(True))
        .order_by(snapshots.c.source)
    ).all()
    return ",".join(f"{row.source}@{row.id}" for row in rows) or "empty"


def _to_snapshot(row: Row[Any]) -> Snapshot:
    fetched = row.fetched_at
    if fetched.tzinfo is None:
        # SQLite drops the offset; every timestamp is written in UTC.
        fetched = fetched.replace(tzinfo=UTC)
    return Snapshot(
        id=row.id,
        source=row.source,
        sha256=row.sha256,
        fetched_at=fetched,
        data_date=row.data_date,
        entity_count=row.entity_count,
        listing_count=row.listing_count,
        active=bool(row.active),
        origin=row.origin,
    )


def _hashes(conn: Connection, snapshot_id: int | None) -> dict[str, str]:
    if snapshot_id is None:
        return {}
    rows = conn.execute(
        select(entities.c.entity_id, entities.c.content_hash).where(
            entities.c.snapshot_id == snapshot_id
        )
    )
    return {row.entity_id: row.content_hash for row in rows}


def _docs(conn: Connection, snapshot_id: int, ids: list[str]) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        rows = conn.execute(
            select(entities.c.entity_id, entities.c.doc).where(
                entities.c.snapshot_id == snapshot_id, entities.c.entity_id.in_(chunk)
            )
        )
        docs.update({row.entity_id: orjson.loads(row.doc) for row in rows})
    return docs


def _diff(conn: Connection, source: str, old: int | None, new: int | None) -> SnapshotDiff:
    added, removed, changed_ids = split_by_hash(_hashes(conn, old), _hashes(conn, new))
    changed: dict[str, list[str]] = {}
    if changed_ids and old is not None and new is not None:
        old_docs = _docs(conn, old, changed_ids)
        new_docs = _docs(conn, new, changed_ids)
        changed = {i: changed_fields(old_docs[i], new_docs[i]) for i in changed_ids}
    return SnapshotDiff(source, old, new, added, removed, changed)


def _not_found_message(conn: Connection, entity_id: str, snapshot_id: int | None) -> str:
    if snapshot_id is not None:
        return f"no entity {entity_id!r} in snapshot {snapshot_id}"
    last = conn.execute(
        select(func.max(entities.c.snapshot_id)).where(entities.c.entity_id == entity_id)
    ).scalar()
    if last is not None:
        return f"entity {entity_id!r} is not in the active data (last seen in snapshot {last})"
    return f"no entity {entity_id!r} in the store"


# Below this many entities a list is a fixture or a niche source, where a large relative
# drop is ordinary; above it, losing most entries at once is a sign of a bad file.
SHRINK_GUARD_MIN_ENTITIES = 100


def _refuse_large_shrink(previous: Any, entity_count: int, max_shrink: float, path: Path) -> None:
    before = int(previous.entity_count)
    if before < SHRINK_GUARD_MIN_ENTITIES or entity_count >= before * (1 - max_shrink):
        return
    lost = before - entity_count
    raise InputError(
        f"holds {entity_count} entities against {before} in the active snapshot "
        f"{previous.id} ({lost / before:.1%} fewer, more than the {max_shrink:.0%} allowed); "
        "it is probably cut short or another list. Ingest it anyway with --allow-shrink",
        file=path,
    )


def _ingest_payload(result: IngestResult) -> dict[str, Any]:
    diff = result.diff
    return {
        "snapshot": result.snapshot.to_dict(),
        "previous": diff.old,
        "added": len(diff.added),
        "removed": len(diff.removed),
        "changed": len(diff.changed),
    }
