"""`clearance` as a user runs it, on the real readers: malformed lists, and the first command.

Every malformed input exits non-zero with a message naming file, line and field, and leaves
the snapshot list and the data version exactly as they were.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from clearance.cli import main
from clearance.store import Store
from clearance.store.bootstrap import load_sources
from support import shared_path

pytestmark = pytest.mark.shared

ENTRY = "from clearance.cli import main; main()"

XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("CLEARANCE_DB", None)
    return subprocess.run(
        [sys.executable, "-c", ENTRY, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def run_here(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The same entry point in this process: quicker than a subprocess per malformed file."""
    capsys.readouterr()
    sys.argv = ["clearance", "--db", str(db), *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def state(db: Path) -> tuple[object, ...]:
    store = Store(f"sqlite:///{db}")
    try:
        return (store.snapshots(), store.data_version(), len(store.audit_records()))
    finally:
        store.close()


@pytest.fixture(name="db")
def db_fixture(tmp_path: Path) -> Path:
    """A store holding the real Denied Persons List (so no bundled bootstrap runs)."""
    load_sources()
    db = tmp_path / "real.sqlite"
    store = Store(f"sqlite:///{db}")
    store.ingest("us_bis_dpl", shared_path("us_bis_dpl/2022-09-07/dpl.txt"))
    store.close()
    return db


def _csl_rows() -> list[list[str]]:
    with shared_path("us_csl/2022-05/consolidated.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="", errors="strict") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_malformed_inputs_exit_nonzero_and_change_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _csl_rows()
    header = rows[0]
    bad_date = [list(r) for r in rows[:50]]
    bad_date[40][header.index("start_date")] = "31/02/2019"
    latin1 = tmp_path / "latin1.csv"
    latin1_rows = [header, *rows[1:20]]
    latin1_rows[10][header.index("name")] = "SOCIÉTÉ GÉNÉRALE"
    _write_csv(latin1, latin1_rows, encoding="latin-1")
    un = shared_path("un_sc/2026-02-27/consolidated.xml")
    cases = {
        "wrong columns": (
            "us_csl",
            _write_csv(tmp_path / "cols.csv", [["name", "country"], ["X", "CN"]]),
            "line 1, field '_id': missing column(s)",
        ),
        "bad date": (
            "us_csl",
            _write_csv(tmp_path / "date.csv", bad_date),
            "field 'start_date': '31/02/2019' is not a date",
        ),
        "bad encoding": ("us_csl", latin1, "field 'encoding'"),
        "truncated XML": ("un_sc", tmp_path / "un.xml", "truncated XML"),
        "XML bomb": ("un_sc", tmp_path / "bomb.xml", "field 'DOCTYPE'"),
    }
    (tmp_path / "un.xml").write_bytes(un.read_bytes()[:250_000])
    (tmp_path / "bomb.xml").write_bytes(XML_BOMB)
    before = state(db)
    for label, (source, path, expected) in cases.items():
        code, out, err = run_here(db, capsys, "ingest", source, str(path))
        assert code == 2, (label, err)
        assert str(path) in err, label
        assert expected in err, (label, err)
        assert "Traceback" not in err + out, label
        assert state(db) == before, label


def test_ingest_and_show_a_real_file(db: Path) -> None:
    result = run(db, "ingest", "un_sc", str(shared_path("un_sc/2026-02-27/consolidated.xml")))
    assert result.returncode == 0, result.stderr
    assert "un_sc: snapshot" in result.stdout and "1003 entities" in result.stdout
    store = Store(f"sqlite:///{db}")
    assert {s.source for s in store.active_snapshots()} == {"us_bis_dpl", "un_sc"}
    store.close()


@pytest.mark.slow
def test_first_command_on_an_empty_store_loads_the_bundled_data(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite"
    result = run(db, "sources", "--json")
    assert result.returncode == 0, result.stderr
    listing = orjson.loads(result.stdout)
    bundled = {s["name"]: s["bundled_data_date"] for s in listing["sources"] if s["bundled"]}
    active = {s["source"]: s for s in listing["snapshots"] if s["active"]}
    assert set(active) == set(bundled) and {"us_csl", "us_ofac_sdn", "un_sc"} <= set(active)
    for name, snap in active.items():
        assert snap["origin"] == "bundled"
        assert snap["data_date"] == bundled[name]
    store = Store(f"sqlite:///{db}")
    assert [s.to_dict() for s in store.snapshots()] == listing["snapshots"]
    store.close()
