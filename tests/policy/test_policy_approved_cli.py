"""End to end through the real CLI: an article read, an event accepted, the decision
unchanged until another reviewer approves, then changed, citing the article.

The store is the one bootstrapped from the bundled lists that tests/cli shares between
pytest-xdist workers (same folder, same lock); the media folder is this test's own.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from clearance.cli import main
from clearance.service import Clearance
from clearance.settings import Settings
from support import FIXTURES

pytestmark = pytest.mark.slow

# A constructed article (no such licence was granted in 2020): after the Huawei Temporary
# General License ended on 2020-08-14 (85 FR 51596), a new licence would change the answer.
ARTICLE = FIXTURES / "media" / "huawei_new_licence.txt"
QUESTION = (
    "Huawei Technologies Co., Ltd.",
    "--activity",
    "network_maintenance",
    "--on",
    "2020-10-01",
    "--fact",
    "contract_date=2019-01-10",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.getbasetemp().parent / "clearance-decide"
    root.mkdir(exist_ok=True)
    saved = {k: os.environ.get(k) for k in ("CLEARANCE_CACHE", "CLEARANCE_MEDIA_DIR")}
    os.environ["CLEARANCE_CACHE"] = str(root / "cache")
    os.environ["CLEARANCE_MEDIA_DIR"] = str(tmp_path_factory.mktemp("media"))
    path = root / "clearance.sqlite"
    with (root / "bootstrap.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        service = Clearance(Settings.from_env(db=str(path)))
        assert len(service.screener) > 1000
        service.store.close()
    yield path
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    sys.argv = ["clearance", "--db", str(db), *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(db, capsys, *args, "--json")
    assert code == 0, err
    return orjson.loads(out)


def test_approved_licence_changes_the_decision(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reading = run_json(db, capsys, "media", "read", str(ARTICLE), "--published", "2020-08-20")
    licence = next(e for e in reading["events"] if e["kind"] == "license_granted")
    assert (licence["start"], licence["end"]) == ("2020-08-17", "2020-12-31")
    before = run_json(db, capsys, "decide", *QUESTION)
    assert before["outcome"] == "license_required", before["reasons"]

    draft = run_json(db, capsys, "media", "accept", licence["id"], "--actor", "alice")
    assert run_json(db, capsys, "decide", *QUESTION)["outcome"] == "license_required"

    code, _, err = run(db, capsys, "media", "approve", draft["id"], "--actor", "alice")
    assert code == 2 and "another reviewer" in err
    assert run_json(db, capsys, "decide", *QUESTION)["outcome"] == "license_required"

    code, out, err = run(db, capsys, "media", "approve", draft["id"], "--actor", "bob")
    assert code == 0 and "decide and timeline now use it" in out, err
    after = run_json(db, capsys, "decide", *QUESTION)
    assert after["outcome"] == "authorized", after["reasons"]
    granting = [r for r in after["reasons"] if r["effect"] == "authorizes"]
    assert granting and granting[0]["rule"].startswith(draft["record"]["id"])
    assert any(c.startswith("news: ") and str(ARTICLE) in c for c in granting[0]["citations"])
    assert granting[0]["valid_to"] == "2020-12-31"
    # Outside the reported window the answer is what it was.
    later = [*QUESTION[:4], "2021-02-01", *QUESTION[5:]]
    assert run_json(db, capsys, "decide", *later)["outcome"] == "license_required"

    events = run_json(db, capsys, "timeline", "Huawei Technologies Co., Ltd.")
    news = [e for e in events if any(c.startswith("news: ") for c in e["citations"])]
    assert [e["date"] for e in news] == ["2020-08-17"]


def test_accepting_an_event_the_policy_data_knows_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = FIXTURES / "media" / "xiaomi_court.txt"
    reading = run_json(db, capsys, "media", "read", str(article), "--published", "2021-03-13")
    court = next(e for e in reading["events"] if e["kind"] == "court_order")
    code, _, err = run(db, capsys, "media", "accept", court["id"], "--actor", "alice")
    assert code == 2 and "xiaomi_v_dod" in err
