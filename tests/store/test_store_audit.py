"""The audit log is append-only and tamper-evident: edits, deletions (the newest records too),
moves and insertions are found, even by someone who first drops the append-only triggers."""

from __future__ import annotations

import io

import orjson
import pytest
from alembic import command
from audit_tamper import tamper  # type: ignore[import-not-found]
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DatabaseError
from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    fixture_dir_fixture,
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.errors import DataError
from clearance.store import Store
from clearance.store.audit import GENESIS_HASH, record_hash
from clearance.store.migrate import alembic_config


def _fill(store: Store, count: int = 5) -> None:
    for i in range(1, count + 1):
        store.audit_append("decision", f"analyst{i}", {"party": f"P{i}", "outcome": "clear"})


def _sql(store: Store, statement: str, **params: object) -> None:
    tamper(store.engine, statement, **params)


def _found(store: Store) -> list[tuple[int, str]]:
    return [(p.seq, p.problem) for p in store.audit_verify()]


def _forged_hash(store: Store, seq: int, payload: dict[str, str]) -> str:
    row = store.audit_records()[seq - 1]
    return record_hash(
        seq=row.seq,
        kind=row.kind,
        actor=row.actor,
        recorded_at=row.recorded_at,
        payload=payload,
        data_version=row.data_version,
        prev_hash=row.prev_hash,
    )


def test_records_are_chained(store: Store) -> None:
    first = store.audit_append("decision", "alice", {"outcome": "clear", "score": 0.5})
    second = store.audit_append("disposition", "bob", {"case": 7})
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert first.data_version == "empty"
    assert first.timestamp.tzinfo is not None
    assert store.audit_verify() == []


def test_edited_record_is_found(store: Store) -> None:
    _fill(store)
    _sql(store, "UPDATE audit_log SET payload = :p WHERE seq = 3", p='{"outcome":"prohibited"}')
    problems = store.audit_verify()
    assert [(p.seq, p.problem) for p in problems] == [(3, "edited")]


def test_edited_actor_is_found(store: Store) -> None:
    _fill(store)
    _sql(store, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    assert [(p.seq, p.problem) for p in store.audit_verify()] == [(2, "edited")]


def test_edited_and_rehashed_record_is_found(store: Store) -> None:
    _fill(store)
    forged_payload = {"party": "P3", "outcome": "prohibited"}
    forged = _forged_hash(store, 3, forged_payload)
    _sql(
        store,
        "UPDATE audit_log SET payload = :p, hash = :h WHERE seq = 3",
        p=orjson.dumps(forged_payload).decode(),
        h=forged,
    )
    assert [(p.seq, p.problem) for p in store.audit_verify()] == [(3, "edited")]


def test_deleted_record_is_found(store: Store) -> None:
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq = 3")
    problems = store.audit_verify()
    assert [(p.seq, p.problem) for p in problems] == [(4, "deleted")]
    assert "3 missing" in problems[0].detail


def test_deleted_first_record_is_found(store: Store) -> None:
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq = 1")
    assert [(p.seq, p.problem) for p in store.audit_verify()] == [(2, "deleted")]


def test_reordered_records_are_found(store: Store) -> None:
    _fill(store)
    _sql(store, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
    _sql(store, "UPDATE audit_log SET seq = 2 WHERE seq = 4")
    _sql(store, "UPDATE audit_log SET seq = 4 WHERE seq = 100")
    problems = store.audit_verify()
    reordered = sorted(p.seq for p in problems if p.problem == "reordered")
    assert reordered == [2, 4]
    assert any("written as number 4" in p.detail for p in problems if p.seq == 2)


def test_export_writes_json_lines(store: Store) -> None:
    _fill(store, 3)
    buffer = io.StringIO()
    assert store.audit_export(buffer) == 3
    lines = [orjson.loads(line) for line in buffer.getvalue().splitlines()]
    assert [line["seq"] for line in lines] == [1, 2, 3]
    assert lines[1]["prev_hash"] == lines[0]["hash"]
    assert lines[2]["payload"] == {"party": "P3", "outcome": "clear"}


def test_records_carry_the_data_version(store: Store, fixture_dir: object) -> None:
    from pathlib import Path

    from people_source import TEST_SOURCE  # type: ignore[import-not-found]

    result = store.ingest(TEST_SOURCE, Path(str(fixture_dir)) / "people_v1.csv")
    record = store.audit_append("decision", "alice", {"snapshot": result.snapshot.id})
    assert record.data_version == store.data_version() == f"{TEST_SOURCE}@{result.snapshot.id}"
    ingest, decision = store.audit_records()
    assert (ingest.kind, ingest.actor, decision.seq) == ("ingest", "system", 2)
    assert ingest.payload["snapshot"]["id"] == result.snapshot.id
    assert ingest.payload["added"] == 3
    assert store.audit_verify() == []


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 3",
        "DELETE FROM audit_head",
        "UPDATE audit_head SET seq = 2",
    ],
)
def test_database_refuses_changes_to_the_log(store: Store, statement: str) -> None:
    _fill(store, 3)
    with pytest.raises(DatabaseError, match="audit"), store.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(store.audit_records()) == 3
    assert store.audit_verify() == []


def test_deleted_newest_record_is_found(store: Store) -> None:
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq = 5")
    problems = store.audit_verify()
    assert [(p.seq, p.problem) for p in problems] == [(5, "deleted")]
    assert "5 missing at the end" in problems[0].detail


def test_deleted_tail_is_named_and_stays_visible_after_new_appends(store: Store) -> None:
    _fill(store)
    _sql(store, "DELETE FROM audit_log WHERE seq >= 3")
    problems = store.audit_verify()
    assert [(p.seq, p.problem) for p in problems] == [(3, "deleted")]
    assert "3-5 missing" in problems[0].detail
    # The next record continues from the head, so the hole does not close over.
    assert store.audit_append("decision", "alice", {}).seq == 6
    assert _found(store) == [(6, "deleted")]


def test_whole_log_deleted_is_found(store: Store) -> None:
    _fill(store, 3)
    _sql(store, "DELETE FROM audit_log")
    problems = store.audit_verify()
    assert [(p.seq, p.problem) for p in problems] == [(1, "deleted")]
    assert "1-3 missing" in problems[0].detail


def test_newest_record_edited_and_rehashed_is_found(store: Store) -> None:
    _fill(store)
    forged = {"party": "P5", "outcome": "prohibited"}
    _sql(
        store,
        "UPDATE audit_log SET payload = :p, hash = :h WHERE seq = 5",
        p=orjson.dumps(forged).decode(),
        h=_forged_hash(store, 5, forged),
    )
    assert _found(store) == [(5, "edited")]


def test_record_added_behind_the_appenders_back_is_found(store: Store) -> None:
    _fill(store, 3)
    last = store.audit_records()[-1]
    payload = {"party": "P9", "outcome": "clear"}
    digest = record_hash(
        seq=4,
        kind="decision",
        actor="mallory",
        recorded_at=last.recorded_at,
        payload=payload,
        data_version=last.data_version,
        prev_hash=last.hash,
    )
    _sql(
        store,
        "INSERT INTO audit_log (seq, kind, actor, recorded_at, payload, data_version, prev_hash,"
        " hash) VALUES (4, 'decision', 'mallory', :at, :p, :v, :prev, :h)",
        at=last.recorded_at,
        p=orjson.dumps(payload).decode(),
        v=last.data_version,
        prev=last.hash,
        h=digest,
    )
    assert _found(store) == [(4, "inserted")]


def test_missing_head_is_reported_and_appends_refuse(store: Store) -> None:
    _fill(store, 2)
    _sql(store, "DELETE FROM audit_head")
    assert _found(store) == [(0, "deleted")]
    with pytest.raises(DataError, match="chain head is missing"):
        store.audit_append("decision", "alice", {})


def test_migration_anchors_an_existing_log(store_url: str) -> None:
    engine = create_engine(store_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        prev = GENESIS_HASH
        for seq in (1, 2):
            at = f"2026-01-0{seq}T00:00:00+00:00"
            digest = record_hash(
                seq=seq,
                kind="decision",
                actor="old",
                recorded_at=at,
                payload={},
                data_version="empty",
                prev_hash=prev,
            )
            conn.execute(
                text(
                    "INSERT INTO audit_log VALUES (:s, 'decision', 'old', :at, '{}', 'empty',"
                    " :prev, :h)"
                ),
                {"s": seq, "at": at, "prev": prev, "h": digest},
            )
            prev = digest
    engine.dispose()
    store = Store(store_url)
    assert store.audit_verify() == []
    assert store.audit_append("decision", "new", {}).seq == 3
    assert store.audit_verify() == []
    store.close()
