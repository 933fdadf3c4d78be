"""Appending to the hash-chained audit log: cheap per call, complete, consistent across processes.

Every screening call waits until its record is committed (an answer the audit trail cannot show
was never given), so the append is on the request path and must be cheap under load:

* **One writer at a time, in the database.** The chain head (last seq and hash: the one row
  of `audit_head`, moved forward in the same transaction as every append) is read inside a
  transaction that already holds the database's write lock — SQLite `BEGIN IMMEDIATE`
  (waiting up to the connection's busy timeout), PostgreSQL a transaction-scoped advisory
  lock — so two processes never chain onto the same record. Reading the head in a deferred
  SQLite transaction and upgrading at the INSERT is what made concurrent appends collide.
* **Group commit within a process.** Calls that arrive while a batch is being written queue
  up; the next caller to get the process's write lock writes every queued record in one
  transaction (one lock, one head read, one commit) and each waiting caller returns its own
  record. Under load one commit carries many records; alone, a call writes just its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import orjson
from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from clearance.errors import DataError
from clearance.store import audit
from clearance.store.audit import AuditRecord, ChainHead, StoredRow
from clearance.store.tables import audit_log

# Any constant works, as long as every clearance process uses the same one.
AUDIT_LOCK_KEY = 0x0C1EA2A9
# A collision can only come from a writer that does not take the lock (an older release);
# a lock timeout from a very long ingest holding SQLite's write lock. Both are retried.
WRITE_ATTEMPTS = 5

DataVersion = Callable[[Connection], str]

metadata = MetaData()

# Created by the Alembic revision `audit_head` in clearance/store/migrations/versions/.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="ck_audit_head_single_row"),
)
HEAD_ROW = 1


@dataclass(frozen=True)
class PendingRecord:
    """A record waiting for its batch: the payload is already canonical JSON."""

    kind: str
    actor: str
    payload_text: str


@dataclass
class _Waiter:
    record: PendingRecord
    done: bool = False
    result: AuditRecord | None = None
    error: BaseException | None = field(default=None, repr=False)


def lock_chain(conn: Connection) -> None:
    """Hold the chain for the rest of `conn`'s transaction, across processes."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})


def append_records(
    conn: Connection, records: list[PendingRecord], data_version: DataVersion
) -> list[AuditRecord]:
    """Chain `records` onto the log inside `conn`'s transaction, which must hold the chain
    (SQLite: a write transaction; PostgreSQL: `lock_chain`)."""
    lock_chain(conn)
    head = read_head(conn)
    if head is None:
        # Appending without the head would hide whatever removed it; refuse instead.
        raise DataError("the audit log's chain head is missing; run `clearance audit verify`")
    seq, prev_hash = head.seq, head.hash
    version = data_version(conn)
    rows: list[StoredRow] = []
    for pending in records:
        seq += 1
        recorded_at = datetime.now(UTC).isoformat()
        digest = audit.record_hash(
            seq=seq,
            kind=pending.kind,
            actor=pending.actor,
            recorded_at=recorded_at,
            payload=orjson.loads(pending.payload_text),
            data_version=version,
            prev_hash=prev_hash,
        )
        rows.append(
            StoredRow(
                seq,
                pending.kind,
                pending.actor,
                recorded_at,
                pending.payload_text,
                version,
                prev_hash,
                digest,
            )
        )
        prev_hash = digest
    conn.execute(insert(audit_log), [row.__dict__ for row in rows])
    conn.execute(
        update(audit_head).where(audit_head.c.id == HEAD_ROW).values(seq=seq, hash=prev_hash)
    )
    return [audit.to_record(row) for row in rows]


def read_head(conn: Connection) -> ChainHead | None:
    """The chain head as committed (None only if someone deleted it)."""
    row = conn.execute(
        select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == HEAD_ROW)
    ).first()
    return ChainHead(row.seq, row.hash) if row is not None else None


class AuditAppender:
    """The process's way into the audit log; safe to call from many threads at once."""

    def __init__(self, engine: Engine, data_version: DataVersion) -> None:
        self._engine = engine
        self._data_version = data_version
        self._queue: list[_Waiter] = []
        self._queue_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.batches = 0

    def append(self, kind: str, actor: str, payload_text: str) -> AuditRecord:
        """Commit one record (possibly with others in the same transaction) and return it."""
        waiter = _Waiter(PendingRecord(kind, actor, payload_text))
        with self._queue_lock:
            self._queue.append(waiter)
        with self._write_lock:
            if not waiter.done:
                with self._queue_lock:
                    batch, self._queue = self._queue, []
                self._write_batch(batch)
        if waiter.error is not None:
            raise waiter.error
        assert waiter.result is not None
        return waiter.result

    def _write_batch(self, batch: list[_Waiter]) -> None:
        try:
            records = self._commit([w.record for w in batch])
        except BaseException as exc:
            for waiter in batch:
                waiter.error, waiter.done = exc, True
            return
        for waiter, record in zip(batch, records, strict=True):
            waiter.result, waiter.done = record, True
        self.batches += 1

    def _commit(self, records: list[PendingRecord]) -> list[AuditRecord]:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._engine.connect() as conn:
                    if conn.dialect.name == "sqlite":
                        # Take the write lock before reading the head (see the module docstring).
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    written = append_records(conn, records, self._data_version)
                    conn.commit()
                    return written
            except (IntegrityError, OperationalError) as exc:
                if attempt == WRITE_ATTEMPTS:
                    raise DataError(f"could not append to the audit log: {exc.orig}") from None
        raise AssertionError("unreachable")
