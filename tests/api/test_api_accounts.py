"""API keys in the store: hashed, salted per key, revocable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from clearance.errors import InputError, NotFoundError
from clearance.store import Store
from clearance.store.accounts import Accounts, Role, split_key


def test_keys_are_stored_hashed_and_verified(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    accounts = Accounts(store.engine)
    record, key = accounts.create(Role.ANALYST, "alice")
    other, other_key = accounts.create(Role.ANALYST, "bob")
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT key_id, salt, key_hash FROM api_keys")).all()
    secret = split_key(key)[1]  # type: ignore[index]
    assert all(secret not in str(row) for row in rows)
    assert len({row.salt for row in rows}) == 2  # a salt per key
    assert accounts.authenticate(key) == record
    assert accounts.authenticate(other_key) == other
    assert accounts.authenticate(key + "x") is None
    assert accounts.authenticate(f"clr_{record.key_id}_{split_key(other_key)[1]}") is None  # type: ignore[index]
    assert accounts.authenticate("") is None
    accounts.revoke(record.key_id)
    assert accounts.authenticate(key) is None
    assert [k.active for k in accounts.list()] == [False, True]
    with pytest.raises(NotFoundError):
        accounts.revoke("nope")
    with pytest.raises(InputError):
        Role.parse("superuser")


def test_roles_are_ranked() -> None:
    assert Role.ADMIN.allows(Role.SCREEN)
    assert Role.APPROVER.allows(Role.ANALYST)
    assert not Role.SCREEN.allows(Role.ANALYST)
    assert not Role.ANALYST.allows(Role.ADMIN)
