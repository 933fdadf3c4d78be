"""The audit log is append-only and tamper-evident: edits, deletions and moves are found."""

from __future__ import annotations

import io

import orjson
from sqlalchemy import text
from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    fixture_dir_fixture,
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.store import Store
from clearance.store.audit import record_hash


def _fill(store: Store, count: int = 5) -> None:
    for i in range(1, count + 1):
        store.audit_append("decision", f"analyst{i}", {"party": f"P{i}", "outcome": "clear"})


def _sql(store: Store, statement: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(statement), params)


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
    row = store.audit_records()[2]
    forged_payload = {"party": "P3", "outcome": "prohibited"}
    forged = record_hash(
        seq=row.seq,
        kind=row.kind,
        actor=row.actor,
        recorded_at=row.recorded_at,
        payload=forged_payload,
        data_version=row.data_version,
        prev_hash=row.prev_hash,
    )
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
