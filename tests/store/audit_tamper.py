"""Tampering with the audit log as someone with write access to the database would: first
dropping the append-only triggers (they stop accidents, not an owner), then editing rows."""

from __future__ import annotations

from sqlalchemy import Engine, text

SQLITE_GUARDS = (
    "audit_log_no_update",
    "audit_log_no_delete",
    "audit_head_forward_only",
    "audit_head_no_delete",
)
POSTGRES_GUARDS = (
    ("audit_log_no_change", "audit_log"),
    ("audit_log_no_truncate", "audit_log"),
    ("audit_head_forward_only", "audit_head"),
    ("audit_head_no_delete", "audit_head"),
    ("audit_head_no_truncate", "audit_head"),
)


def drop_guards(engine: Engine) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for name, table in POSTGRES_GUARDS:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        else:
            for name in SQLITE_GUARDS:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def tamper(engine: Engine, statement: str, **params: object) -> None:
    drop_guards(engine)
    with engine.begin() as conn:
        conn.execute(text(statement), params)
