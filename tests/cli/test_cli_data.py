"""The data commands end to end: ingest, sources, diff, show, update, audit; errors and exit codes.

Commands run through `clearance.cli.main` (the real entry point: error → exit code mapping) on
a temporary SQLite store that already holds data, so no bundled bootstrap runs.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import orjson
import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from people_source import TEST_SOURCE  # type: ignore[import-not-found]

from clearance.cli import main
from clearance.store import Store
from clearance.store.audit import GENESIS_HASH, row_hash
from clearance.store.audit_read import read_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
V1 = FIXTURES / "people_v1.csv"
V2 = FIXTURES / "people_v2.csv"


class Cli:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        sys.argv = ["clearance", "--db", str(self.db), *args]
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return orjson.loads(out)

    def state(self) -> tuple[object, ...]:
        store = Store(f"sqlite:///{self.db}")
        try:
            return (store.snapshots(), store.data_version(), len(store.audit_records()))
        finally:
            store.close()


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    db = tmp_path / "cli.sqlite"
    store = Store(f"sqlite:///{db}")
    store.ingest(TEST_SOURCE, V1, origin="setup")
    store.close()
    return Cli(db, capsys)


def test_ingest_reports_changes_and_noop(cli: Cli) -> None:
    code, out, _ = cli("ingest", TEST_SOURCE, str(V1))
    assert code == 0
    assert "unchanged" in out
    result = cli.json("ingest", TEST_SOURCE, str(V2))
    assert isinstance(result, dict)
    assert result["unchanged"] is False
    assert result["diff"]["added"] == ["test_people:4"]
    assert result["diff"]["changed"] == {"test_people:2": ["country"]}
    code, out, _ = cli("ingest", TEST_SOURCE, str(V1))
    assert code == 0
    assert "1 added, 1 removed, 1 changed" in out


def test_sources_lists_snapshots(cli: Cli) -> None:
    cli("ingest", TEST_SOURCE, str(V2))
    listing = cli.json("sources")
    assert isinstance(listing, dict)
    snaps = listing["snapshots"]
    assert [(s["source"], s["active"]) for s in snaps] == [
        (TEST_SOURCE, False),
        (TEST_SOURCE, True),
    ]
    assert listing["data_version"] == f"{TEST_SOURCE}@{snaps[1]['id']}"
    assert any(s["name"] == TEST_SOURCE for s in listing["sources"])
    code, out, _ = cli("sources")
    assert code == 0 and "Snapshots" in out and TEST_SOURCE in out


def test_diff_between_named_snapshots(cli: Cli) -> None:
    cli("ingest", TEST_SOURCE, str(V2))
    default = cli.json("diff", TEST_SOURCE)
    assert isinstance(default, dict)
    explicit = cli.json("diff", TEST_SOURCE, str(default["new"]), str(default["old"]))
    assert explicit == {
        **default,
        "old": default["new"],
        "new": default["old"],
        "added": default["removed"],
        "removed": default["added"],
    }
    code, out, _ = cli("diff", TEST_SOURCE)
    assert "changed  test_people:2: country" in out
    code, _, err = cli("diff", TEST_SOURCE, "1")
    assert code == 2 and "give both OLD and NEW" in err


def test_show_entity_and_not_found(cli: Cli) -> None:
    entity = cli.json("show", "test_people:1")
    assert isinstance(entity, dict)
    assert entity["caption"] == "HUAWEI TECHNOLOGIES CO. LTD."
    assert entity["listings"][0]["programs"] == ["ENTITY LIST"]
    code, out, _ = cli("show", "test_people:3")
    assert code == 0 and "IVAN PETROV" in out and "SDN" in out
    code, _, err = cli("show", "test_people:[bold]nope[/bold]")
    assert code == 4
    # Brackets in user data are printed as typed, not taken as Rich markup.
    assert "test_people:[bold]nope[/bold]" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"id,schema,name\n1,Company,X\n", "bad.csv, line 1: expected columns"),
        (
            b"id,schema,name,country,program\n1,Company,A,cn,X\n2,Robot,B,cn,X\n",
            "bad.csv, line 3, field 'schema'",
        ),
        (b"id,schema,name,country,program\n1,Company,Soci\xe9t\xe9,fr,X\n", "UnicodeDecodeError"),
        (b"", "bad.csv"),
    ],
    ids=["wrong-columns", "bad-value", "bad-encoding", "empty"],
)
def test_malformed_ingest_exits_2_and_changes_nothing(
    cli: Cli, tmp_path: Path, content: bytes, expected: str
) -> None:
    before = cli.state()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, out, err = cli("ingest", TEST_SOURCE, str(bad))
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out
    assert cli.state() == before


def test_unknown_source_and_missing_file(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("ingest", "no_such_list", str(V1))
    assert code == 4 and "unknown source 'no_such_list'" in err
    code, _, err = cli("ingest", TEST_SOURCE, str(tmp_path / "absent.csv"))
    assert code == 2 and "absent.csv: no such file" in err


def test_audit_verify_and_export(cli: Cli, tmp_path: Path) -> None:
    cli("ingest", TEST_SOURCE, str(V2))
    assert cli.json("audit", "verify") == {"ok": True, "problems": []}
    out_file = tmp_path / "audit.jsonl"
    code, _, _ = cli("audit", "export", str(out_file))
    assert code == 0
    records = [orjson.loads(line) for line in out_file.read_text().splitlines()]
    assert [r["kind"] for r in records] == ["ingest", "ingest"]
    assert records[1]["actor"].startswith("cli")
    store = Store(f"sqlite:///{cli.db}")
    with store.engine.begin() as conn:
        # The log refuses UPDATE; someone who owns the database drops the trigger first.
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"))
    store.close()
    code, out, err = cli("audit", "verify")
    assert code == 3
    assert "record 1: edited" in out and "1 problem" in err


def _rewrite_whole_log(db: Path) -> None:
    """What an owner of the database could do: alter record 1 and re-hash every record and the
    head after it, so that the chain inside the database is consistent again."""
    store = Store(f"sqlite:///{db}")
    with store.engine.begin() as conn:
        for trigger in ("audit_log_no_update", "audit_head_forward_only"):
            conn.execute(text(f"DROP TRIGGER {trigger}"))
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"))
        prev = GENESIS_HASH
        for row in read_rows(conn):
            digest = row_hash(replace(row, prev_hash=prev))
            conn.execute(
                text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :s"),
                {"p": prev, "h": digest, "s": row.seq},
            )
            prev = digest
        conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": prev})
    store.close()


def test_anchor_kept_outside_the_database_catches_a_rewritten_log(cli: Cli) -> None:
    cli("ingest", TEST_SOURCE, str(V2))
    code, anchor, _ = cli("audit", "head")
    assert code == 0 and anchor.strip().startswith("2:")
    assert cli.json("audit", "verify", "--anchor", anchor.strip())["ok"] is True
    _rewrite_whole_log(cli.db)
    # Inside the database the rewritten chain is consistent again ...
    assert cli.json("audit", "verify")["ok"] is True
    # ... but not against the head copied out before.
    code, out, err = cli("audit", "verify", "--anchor", anchor.strip())
    assert code == 3
    assert "record 2: edited" in out and "outside the database" in out
    code, out, err = cli("audit", "verify", "--anchor", "2:nothex")
    assert code == 2 and "--anchor" in err and "SEQ:HASH" in err and not out


@pytest.fixture
def http_dir(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def test_update_fetches_verifies_and_ingests(
    cli: Cli, http_dir: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = http_dir
    (root / "people.csv").write_bytes(V2.read_bytes())
    monkeypatch.setenv("CLEARANCE_URL_TEST_PEOPLE", f"{base}/people.csv")
    result = cli.json("update", TEST_SOURCE)
    assert isinstance(result, list)
    assert result[0]["diff"]["added"] == ["test_people:4"]
    assert result[0]["snapshot"]["origin"] == f"{base}/people.csv"
    code, out, _ = cli("update", TEST_SOURCE)
    assert code == 0 and "unchanged" in out


def test_failed_update_keeps_previous_snapshot(
    cli: Cli, http_dir: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = http_dir
    before = cli.state()
    monkeypatch.setenv("CLEARANCE_URL_TEST_PEOPLE", f"{base}/missing.csv")
    code, _, err = cli("update", TEST_SOURCE)
    assert code == 5 and "HTTP 404" in err
    (root / "broken.csv").write_bytes(b"id,schema,name,country,program\n1,Robot,X,cn,Y\n")
    monkeypatch.setenv("CLEARANCE_URL_TEST_PEOPLE", f"{base}/broken.csv")
    code, _, err = cli("update", TEST_SOURCE)
    assert code == 5 and "line 2, field 'schema'" in err
    assert cli.state() == before


def _people_file(path: Path, count: int) -> Path:
    rows = [f"{n},Company,Trading House Number {n},cn,ENTITY LIST" for n in range(1, count + 1)]
    path.write_text("id,schema,name,country,program\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_file_far_smaller_than_active_snapshot_is_refused_unless_allowed(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("ingest", TEST_SOURCE, str(_people_file(tmp_path / "full.csv", 150)))[0] == 0
    before = cli.state()
    short = _people_file(tmp_path / "short.csv", 60)
    code, out, err = cli("ingest", TEST_SOURCE, str(short))
    assert code == 2
    assert "short.csv" in err and "60 entities against 150" in err and "--allow-shrink" in err
    assert "Traceback" not in err + out
    assert cli.state() == before
    # A moderate drop is an ordinary list update.
    assert cli("ingest", TEST_SOURCE, str(_people_file(tmp_path / "most.csv", 100)))[0] == 0
    result = cli.json("ingest", TEST_SOURCE, str(short), "--allow-shrink")
    assert isinstance(result, dict)
    assert result["snapshot"]["entity_count"] == 60
