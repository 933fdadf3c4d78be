"""Reading the audit log back and verifying it, while other processes keep appending.

Verification must not stop the API's appends, and must not mistake them for tampering. It
reads the chain head, then every record, then the head again, each a separate committed read:
the first head is a point every record it names had already reached (so the tail can be
checked against it), and the second is past every record the read saw (so a record beyond it
was not written by the appender, which moves the head in the same transaction as the insert).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from clearance.store import audit
from clearance.store.audit import AuditProblem, StoredRow
from clearance.store.audit_append import read_head
from clearance.store.tables import audit_log


def read_rows(conn: Connection) -> list[StoredRow]:
    rows = conn.execute(select(audit_log).order_by(audit_log.c.seq)).all()
    return [
        StoredRow(
            seq=r.seq,
            kind=r.kind,
            actor=r.actor,
            recorded_at=r.recorded_at,
            payload=r.payload,
            data_version=r.data_version,
            prev_hash=r.prev_hash,
            hash=r.hash,
        )
        for r in rows
    ]


def verify_log(engine: Engine, external: audit.ChainHead | None = None) -> list[AuditProblem]:
    """Every edited, deleted, reordered or inserted record, in sequence order; [] if intact.
    `external` is a chain head kept outside the database, checked as well."""
    with engine.connect() as conn:
        anchor = read_head(conn)
        conn.commit()
        rows = read_rows(conn)
        conn.commit()
        after = read_head(conn)
    ceiling = after.seq if after is not None else 0
    found = audit.verify_chain(rows) + audit.verify_tail(rows, anchor, ceiling)
    if external is not None:
        found += audit.verify_anchor(rows, external)
    unique = {(p.seq, p.problem, p.detail): p for p in found}
    return sorted(unique.values(), key=lambda p: p.seq)
