"""API keys: who may call the HTTP API, and with which role.

A key is shown once, when it is created: `clr_<key id>_<secret>`. The store keeps only the
key id (to find the row), a random per-key salt and sha256(salt + secret); a presented key is
checked with a constant-time comparison, so neither the database nor the timing of a refusal
reveals a usable key.

Roles are ranked: a role may do everything the roles below it may do.

    screen    match, search, decide, screen (the default for an onboarding system)
    analyst   + disposition alerts
    approver  + approve dispositions (four eyes)
    admin     + manage keys, ingest
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    select,
    update,
)

from clearance.errors import InputError, NotFoundError

KEY_PREFIX = "clr"

metadata = MetaData()

# Created by the Alembic revision `api_keys` in clearance/store/migrations/versions/.
api_keys = Table(
    "api_keys",
    metadata,
    Column("key_id", String(16), primary_key=True),
    Column("label", String(200), nullable=False, default=""),
    Column("role", String(20), nullable=False),
    Column("salt", String(64), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)


class Role(StrEnum):
    SCREEN = "screen"
    ANALYST = "analyst"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _ROLE_ORDER.index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, value: str) -> Role:
        try:
            return cls(value.strip().lower())
        except ValueError:
            known = ", ".join(r.value for r in cls)
            raise InputError(
                f"unknown role {value!r}; expected one of {known}", field="role"
            ) from None


_ROLE_ORDER: tuple[Role, ...] = (Role.SCREEN, Role.ANALYST, Role.APPROVER, Role.ADMIN)


@dataclass(frozen=True)
class ApiKey:
    """A stored key, without its secret."""

    key_id: str
    label: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, str | bool | None]:
        return {
            "key_id": self.key_id,
            "label": self.label,
            "role": self.role.value,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.active,
        }


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def split_key(presented: str) -> tuple[str, str] | None:
    """`clr_<key id>_<secret>` → (key id, secret); None for anything else."""
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


class Accounts:
    """API keys in the store's database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, role: Role, label: str = "") -> tuple[ApiKey, str]:
        """Create a key; returns the record and the plain key, which is never stored."""
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_hex(16)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                api_keys.insert().values(
                    key_id=key_id,
                    label=label,
                    role=role.value,
                    salt=salt,
                    key_hash=_digest(salt, secret),
                    created_at=now,
                )
            )
        record = ApiKey(key_id=key_id, label=label, role=role, created_at=now)
        return record, f"{KEY_PREFIX}_{key_id}_{secret}"

    def list(self) -> list[ApiKey]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(api_keys).order_by(api_keys.c.created_at)).all()
        return [_to_key(row._mapping) for row in rows]

    def revoke(self, key_id: str) -> ApiKey:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            result = conn.execute(
                update(api_keys)
                .where(api_keys.c.key_id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            row = conn.execute(select(api_keys).where(api_keys.c.key_id == key_id)).first()
        if row is None:
            raise NotFoundError(f"no API key with id {key_id!r}")
        if result.rowcount == 0 and row._mapping["revoked_at"] is None:
            raise NotFoundError(f"API key {key_id!r} could not be revoked")
        return _to_key(row._mapping)

    def authenticate(self, presented: str) -> ApiKey | None:
        """The active key matching `presented`, or None; constant-time on the secret."""
        parts = split_key(presented)
        key_id, secret = parts if parts else ("", "")
        row = None
        if key_id:
            with self.engine.connect() as conn:
                row = conn.execute(select(api_keys).where(api_keys.c.key_id == key_id)).first()
        # Compare even when no row exists so that a refusal takes the same time either way.
        salt = row._mapping["salt"] if row is not None else "0" * 32
        expected = row._mapping["key_hash"] if row is not None else "0" * 64
        valid = hmac.compare_digest(_digest(salt, secret), expected)
        if row is None or not valid:
            return None
        key = _to_key(row._mapping)
        return key if key.active else None


def _to_key(row: object) -> ApiKey:
    data = dict(row)  # type: ignore[call-overload]
    return ApiKey(
        key_id=data["key_id"],
        label=data["label"] or "",
        role=Role(data["role"]),
        created_at=_aware(data["created_at"]),
        revoked_at=_aware(data["revoked_at"]) if data["revoked_at"] else None,
    )


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes; every timestamp we write is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def accounts_of(store: object) -> Accounts:
    """The accounts kept in a `clearance.store.Store`'s database."""
    engine = getattr(store, "engine", None)
    if not isinstance(engine, Engine):
        raise TypeError("the store exposes no SQLAlchemy engine as `.engine`")
    return Accounts(engine)
