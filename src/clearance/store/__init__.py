"""The versioned store: snapshots, entities, diffs and the audit log (SQLite or PostgreSQL)."""

from clearance.store.audit import AuditProblem, AuditRecord
from clearance.store.diff import SnapshotDiff
from clearance.store.store import IngestResult, Store

__all__ = ["AuditProblem", "AuditRecord", "IngestResult", "SnapshotDiff", "Store"]
