"""Every screening call leaves an audit record; `clearance audit verify` finds tampering."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401
from sqlalchemy import create_engine, text

from clearance.store import Store
from clearance.store.accounts import Role

CLI = [sys.executable, "-c", "from clearance.cli import main; main()"]
QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Xiaomi Corp"]}}}}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def test_calls_are_audited_with_results_and_version(server: Server) -> None:
    store = Store(server.db_url)
    before = len(store.audit_records())
    with server.client(Role.SCREEN) as client:
        assert client.post("/match/us", json=QUERY).status_code == 200
        assert client.get("/search/default", params={"q": "petrov"}).status_code == 200
        parties = {"parties": [{"name": "Huawei Technologies"}]}
        assert client.post("/screen", json=parties).status_code == 200
    records = store.audit_records()[before:]
    assert [r.kind for r in records] == ["match", "search", "screen"]
    match = records[0]
    assert match.actor.startswith("key:")
    assert match.payload["dataset"] == "us"
    assert match.payload["queries"]["q"]["names"] == ["Xiaomi Corp"]
    top = match.payload["queries"]["q"]["top"][0]
    assert top["id"] == "api_parties:xiaomi" and top["score"] > 0.7
    assert match.payload["outcome"] == "match"
    assert match.payload["index_data_version"] == match.data_version == store.data_version()
    assert records[2].payload["parties"][0]["outcome"] == "match"


def test_audit_verify_names_edited_and_deleted_records(server: Server, tmp_path: Path) -> None:
    with server.client(Role.SCREEN) as client:
        for _ in range(4):
            assert client.post("/match/default", json=QUERY).status_code == 200
    db = tmp_path / "copy.sqlite"
    # The SQLite backup API, not a file copy: the live store keeps recent pages in its WAL.
    with (
        sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as source,
        sqlite3.connect(db) as copy,
    ):
        source.backup(copy)
    intact = cli("--db", str(db), "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert "intact" in intact.stdout
    exported = cli("--db", str(db), "audit", "export")
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert lines and lines[-1]["kind"] == "match"
    seqs = [line["seq"] for line in lines]
    edited, deleted = seqs[-3], seqs[-2]
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        # The log is append-only in the database too: the tamperer drops the triggers first.
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(
            text("UPDATE audit_log SET payload = replace(payload, 'match', 'none') WHERE seq = :s"),
            {"s": edited},
        )
        conn.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": deleted})
    engine.dispose()
    broken = cli("--db", str(db), "audit", "verify")
    report = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert f"record {edited}: edited" in report
    assert "deleted" in report
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": seqs[-1]})
    engine.dispose()
    tail = cli("--db", str(db), "audit", "verify", "--json")
    assert tail.returncode != 0
    # With the newest record gone too, the hole reaches the end of the log: the chain head
    # still names the last record, so the deletion is reported with both ends.
    found = {p["seq"]: p for p in json.loads(tail.stdout)["problems"]}
    assert found[deleted]["problem"] == "deleted"
    assert f"{deleted}-{seqs[-1]} missing at the end" in found[deleted]["detail"]
