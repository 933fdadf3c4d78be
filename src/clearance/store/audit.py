"""The audit log's records and its tamper evidence: a sha256 hash chain.

Each record's hash covers its sequence number, its content and the previous record's hash, so
editing a record breaks its own hash, deleting one leaves a gap and breaks the next link, and
moving one breaks the links around it. The newest records have no successor to break, so a
separate chain head (the last sequence number and hash, moved in the same transaction as each
append) anchors the tail: deleting or re-hashing the last records disagrees with the head, and
a record added behind clearance's back lies beyond it. Verification says which of these
happened and where.

What the chain cannot show is a rewrite of every hash after an edit *and* of the head: the
store is only as trustworthy as its database access. Keep `clearance audit export`'s last hash
outside the database (a ticket, a log) to catch even that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from clearance.store.hashing import canonical_json

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    kind: str
    actor: str
    recorded_at: str
    payload: dict[str, Any]
    data_version: str
    prev_hash: str
    hash: str

    @property
    def timestamp(self) -> datetime:
        return datetime.fromisoformat(self.recorded_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "actor": self.actor,
            "recorded_at": self.recorded_at,
            "payload": self.payload,
            "data_version": self.data_version,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class ChainHead:
    """The last record's sequence number and hash, as the appender left them."""

    seq: int
    hash: str


GENESIS_HEAD = ChainHead(0, GENESIS_HASH)


def parse_anchor(text: str) -> ChainHead | None:
    """`SEQ:HASH` as `clearance audit head` prints it; None when malformed."""
    seq, _, digest = text.strip().partition(":")
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    return ChainHead(int(seq), digest)


@dataclass(frozen=True)
class AuditProblem:
    """One break in the chain: `problem` is `edited`, `deleted`, `reordered` or `inserted`
    (a record the appender never wrote, beyond the chain head); seq 0 is the head itself."""

    seq: int
    problem: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "problem": self.problem, "detail": self.detail}


@dataclass(frozen=True)
class StoredRow:
    """An audit row exactly as read back from the database, before any checking."""

    seq: int
    kind: str
    actor: str
    recorded_at: str
    payload: str
    data_version: str
    prev_hash: str
    hash: str


def record_hash(
    *,
    seq: int,
    kind: str,
    actor: str,
    recorded_at: str,
    payload: Any,
    data_version: str,
    prev_hash: str,
) -> str:
    body = {
        "seq": seq,
        "kind": kind,
        "actor": actor,
        "recorded_at": recorded_at,
        "payload": payload,
        "data_version": data_version,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


def row_hash(row: StoredRow, *, seq: int | None = None) -> str | None:
    """The hash the row should carry (at position `seq`), or None if its payload is not JSON."""
    try:
        payload = orjson.loads(row.payload)
    except orjson.JSONDecodeError:
        return None
    return record_hash(
        seq=row.seq if seq is None else seq,
        kind=row.kind,
        actor=row.actor,
        recorded_at=row.recorded_at,
        payload=payload,
        data_version=row.data_version,
        prev_hash=row.prev_hash,
    )


def to_record(row: StoredRow) -> AuditRecord:
    return AuditRecord(
        seq=row.seq,
        kind=row.kind,
        actor=row.actor,
        recorded_at=row.recorded_at,
        payload=orjson.loads(row.payload),
        data_version=row.data_version,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def verify_chain(rows: Iterable[StoredRow]) -> list[AuditProblem]:
    """Every break in the chain of `rows`, one problem per finding, in sequence order."""
    ordered: Sequence[StoredRow] = sorted(rows, key=lambda r: r.seq)
    seq_by_hash = {row.hash: row.seq for row in ordered}
    moved = {row.seq: origin for row in ordered if (origin := _moved_from(row, seq_by_hash))}
    problems: list[AuditProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    previous_seq: int | None = None
    for row in ordered:
        gap = row.seq > expected_seq
        if gap:
            missing = (
                f"{expected_seq}"
                if row.seq == expected_seq + 1
                else f"{expected_seq}-{row.seq - 1}"
            )
            problems.append(
                AuditProblem(row.seq, "deleted", f"record(s) {missing} missing before this one")
            )
        if row.seq in moved:
            problems.append(
                AuditProblem(
                    row.seq,
                    "reordered",
                    f"record was written as number {moved[row.seq]} but now sits at {row.seq}",
                )
            )
        elif row_hash(row) != row.hash:
            problems.append(
                AuditProblem(row.seq, "edited", "content does not match its hash (altered)")
            )
        elif row.prev_hash != expected_prev and not gap and previous_seq not in moved:
            problems.append(_broken_link(row, seq_by_hash, moved))
        expected_prev = row.hash
        expected_seq = row.seq + 1
        previous_seq = row.seq
    return problems


def _moved_from(row: StoredRow, seq_by_hash: dict[str, int]) -> int | None:
    """The position a record was written at, when it is intact but sits somewhere else."""
    origin = seq_by_hash.get(row.prev_hash)
    written_at = 1 if row.prev_hash == GENESIS_HASH else (origin + 1 if origin else None)
    if written_at is None or written_at == row.seq:
        return None
    return written_at if row_hash(row, seq=written_at) == row.hash else None


def _broken_link(
    row: StoredRow, seq_by_hash: dict[str, int], moved: dict[int, int]
) -> AuditProblem:
    """An intact record whose predecessor is not the one it was chained to."""
    origin = seq_by_hash.get(row.prev_hash)
    if origin is None:
        # The predecessor exists but no longer carries the hash this record was chained to:
        # it was altered and its own hash recomputed to hide the edit.
        return AuditProblem(
            row.seq - 1,
            "edited",
            f"record was altered and re-hashed: record {row.seq} still points to its original hash",
        )
    if origin in moved:
        return AuditProblem(
            row.seq, "reordered", f"its predecessor (written before it) was moved to {origin}"
        )
    return AuditProblem(row.seq, "reordered", f"chained to record {origin}, not its predecessor")


def verify_tail(
    rows: Iterable[StoredRow], anchor: ChainHead | None, ceiling: int
) -> list[AuditProblem]:
    """Breaks that only the chain head reveals: missing or re-hashed newest records (against
    `anchor`, the head read before the rows) and records beyond `ceiling` (the head's seq read
    after the rows, which every genuine append visible in `rows` had already moved past)."""
    if anchor is None:
        return [
            AuditProblem(
                0,
                "deleted",
                "the chain head is missing: deleted records at the end of the "
                "log cannot be ruled out",
            )
        ]
    by_seq = {row.seq: row for row in rows}
    problems: list[AuditProblem] = []
    if anchor.seq > 0 and anchor.seq not in by_seq:
        if not any(seq > anchor.seq for seq in by_seq):  # else the gap check names it
            first = max((seq for seq in by_seq if seq < anchor.seq), default=0) + 1
            missing = f"{first}" if first == anchor.seq else f"{first}-{anchor.seq}"
            problems.append(
                AuditProblem(
                    first,
                    "deleted",
                    f"record(s) {missing} missing at the end of the log "
                    f"(the chain head names record {anchor.seq})",
                )
            )
    elif anchor.seq > 0 and by_seq[anchor.seq].hash != anchor.hash:
        problems.append(
            AuditProblem(
                anchor.seq,
                "edited",
                "record does not carry the hash the chain head recorded for it "
                "(altered and re-hashed)",
            )
        )
    problems.extend(
        AuditProblem(
            seq,
            "inserted",
            f"record lies beyond the chain head (record {ceiling}): not written by clearance",
        )
        for seq in sorted(by_seq)
        if seq > ceiling
    )
    return problems


def verify_anchor(rows: Iterable[StoredRow], anchor: ChainHead) -> list[AuditProblem]:
    """Breaks against a head kept outside the database (`clearance audit head`): whoever can
    rewrite the whole chain and its head in the database cannot change a copy held elsewhere,
    and every record up to the anchored one is fixed by its hash through the chain."""
    if anchor.seq == 0:
        return []
    row = next((r for r in rows if r.seq == anchor.seq), None)
    if row is None:
        return [
            AuditProblem(
                anchor.seq,
                "deleted",
                f"record {anchor.seq}, named by the anchor kept outside the database, is gone",
            )
        ]
    if row.hash != anchor.hash:
        return [
            AuditProblem(
                anchor.seq,
                "edited",
                "record does not carry the hash of the anchor kept outside the database: "
                "the log up to it was rewritten",
            )
        ]
    return []
