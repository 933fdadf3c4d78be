"""`clearance compare`, `search` and `screen` end to end through the real entry point
(`clearance.cli.main`), on one store bootstrapped from the bundled lists and shared by the
session: CSV, XLSX and Parquet, a malformed row reported with its line while the rest is
screened, two workers giving the same file as one."""

from __future__ import annotations

import csv
import fcntl
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from clearance.batch.tables import Table, read_table, write_table
from clearance.cli import main
from clearance.service import Clearance
from clearance.settings import Settings

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Env:
    db: Path


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """One bootstrapped store and match index for the session (and its xdist workers: the
    first to take the lock bootstraps, the others reuse the store and the cached index)."""
    root = tmp_path_factory.getbasetemp().parent / "clearance-match-cli"
    root.mkdir(exist_ok=True)
    saved = os.environ.get("CLEARANCE_CACHE")
    os.environ["CLEARANCE_CACHE"] = str(root / "cache")
    db = root / "clearance.sqlite"
    with (root / "bootstrap.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        service = Clearance(Settings.from_env(db=str(db)))
        assert len(service.screener) > 20_000
        service.store.close()
    try:
        yield Env(db)
    finally:
        if saved is None:
            os.environ.pop("CLEARANCE_CACHE", None)
        else:
            os.environ["CLEARANCE_CACHE"] = saved


def run(env: Env, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    sys.argv = ["clearance", "--db", str(env.db), *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def run_json(env: Env, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(env, capsys, *args, "--json")
    assert code == 0, err
    return orjson.loads(out)


def test_compare_explains_a_cross_script_match(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_json(
        env,
        capsys,
        "compare",
        "华为技术有限公司",
        "Huawei Technologies Co., Ltd.",
        "--schema",
        "Company",
    )
    assert result["score"] >= 0.95
    assert "华为 → huawei" in result["explanation"]
    trap = run_json(env, capsys, "compare", "Xiaomi Corporation", "ZHANG, Xiaoming")
    assert trap["score"] < 0.7


def test_compare_with_an_unknown_schema_is_a_usage_error(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(env, capsys, "compare", "A", "B", "--schema", "Planet")
    assert code == 2
    assert "unknown schema 'Planet'" in err


def test_search_finds_a_listed_party_in_han_script(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(
        env, capsys, "search", "华为技术有限公司", "--schema", "Company", "--limit", "5"
    )
    top = found["results"][0]
    assert top["match"] is True
    assert "HUAWEI" in top["caption"].upper()
    assert top["comparison"]["features"]["name"]["candidate"]


def test_search_fail_on_match_sets_the_exit_code(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(env, capsys, "search", "Abdulhai Salek", "--fail-on-match")
    assert code == 1
    assert "SALEK" in out.upper()
    clean, _out, _err = run(
        env, capsys, "search", "Gertrud Kowalczyk-Brandenburg", "--fail-on-match"
    )
    assert clean == 0


def test_search_rejects_a_bad_birth_date(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(env, capsys, "search", "Abdulhai Salek", "--dob", "1965-13-45")
    assert code == 2
    assert "--dob" in err and "YYYY-MM-DD" in err


ROWS = [
    ["name", "country", "dob"],
    ["华为技术有限公司", "China", ""],
    ["Gertrud Kowalczyk-Brandenburg", "DE", "1980-01-01"],
    ["", "US", ""],
    ["SALEK, ABDULHAI", "", "not a date"],
    ["Abdulhai Salek", "Afghanistan", "1965-04-02"],
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_screen_reports_malformed_rows_by_line_and_screens_the_rest(
    env: Env, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"customers{suffix}"
    write_table(source, Table(ROWS[0], ROWS[1:]))
    code, _out, err = run(
        env, capsys, "screen", str(source), "--country-column", "country", "--dob-column", "dob"
    )
    assert code == 0, err
    assert "line 4, field 'name'" in err
    assert "line 5, field 'dob'" in err
    assert "5 rows, 2 hits" in err
    result = read_table(tmp_path / f"customers.screened{suffix}")
    assert result.header[:3] == ROWS[0]
    matched = [row[result.header.index("is_match")] for row in result.rows]
    assert matched == ["true", "false", "", "", "true"]
    assert "HUAWEI" in result.rows[0][result.header.index("match_caption")].upper()


def test_screen_on_two_workers_writes_the_same_file_as_on_one(
    env: Env, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "many.csv"
    names = ["Abdulhai Salek", "Huawei Technologies", "Jane Q Public", "", "Kim Jong Un"] * 30
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name"])
        writer.writerows([n] for n in names)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.csv"
        code, _out, err = run(
            env, capsys, "screen", str(source), "--out", str(out), "--workers", workers
        )
        assert code == 0, err
        assert "150 rows, 90 hits" in err
        assert err.count("field 'name'") == 30
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_screen_with_a_missing_column_is_an_input_error(
    env: Env, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("full_name\nJane Doe\n", encoding="utf-8")
    code, _out, err = run(env, capsys, "screen", str(source))
    assert code == 2
    assert "no column 'name'" in err and "people.csv" in err
