"""Every case of ../shared/cases/decisions.yaml through the real `clearance decide --json`
(the `clearance.cli.main` entry point), on one store bootstrapped from the bundled lists and
shared by the whole module; plus the errors a user can make, and `clearance timeline`."""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml

from clearance.cli import main
from clearance.service import Clearance
from clearance.settings import Settings
from clearance.store import Store

CASES_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "cases" / "decisions.yaml"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Env:
    db: Path


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """One bootstrapped store and match index for the whole run, shared by pytest-xdist
    workers: the first one to take the lock bootstraps, the others reuse its store."""
    root = tmp_path_factory.getbasetemp().parent / "clearance-decide"
    root.mkdir(exist_ok=True)
    saved = os.environ.get("CLEARANCE_CACHE")
    os.environ["CLEARANCE_CACHE"] = str(root / "cache")
    db = root / "clearance.sqlite"
    with (root / "bootstrap.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        service = Clearance(Settings.from_env(db=str(db)))
        assert len(service.screener) > 1000
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
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def decide_json(env: Env, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run(env, capsys, "decide", *args, "--json")
    assert code == 0, err
    document: dict[str, Any] = orjson.loads(out)
    return document


def load_cases() -> list[dict[str, Any]]:
    if not CASES_FILE.exists():
        return []
    cases: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return cases


# Cases beyond the shared file, from the same regulatory record (REGULATORY.md sections B, C
# and E); none rests on an UNCONFIRMED fact.
MORE_CASES: list[dict[str, Any]] = [
    {
        "id": "huawei-eo13959-purchase-ban",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "securities_purchase",
        "date": "2021-02-01",
        "expect": {"outcome": "prohibited", "cites": ["85 FR 73185"]},
    },
    {
        "id": "huawei-eo13959-not-yet",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "securities_purchase",
        "date": "2021-01-08",
        "expect": {"outcome": "clear"},
    },
    {
        "id": "huawei-eo13959-divest-in-window",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "securities_sale",
        "date": "2021-03-01",
        "expect": {"outcome": "authorized", "cites": ["85 FR 73185"]},
    },
    {
        "id": "huawei-nscmic-divest-window-closed",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "securities_sale",
        "date": "2022-07-01",
        "expect": {"outcome": "prohibited", "cites": ["86 FR 30145"]},
    },
    {
        "id": "huawei-usf-after-final-designation",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "usf_funded_purchase",
        "date": "2020-07-15",
        "expect": {"outcome": "prohibited", "cites": ["DA 20-690", "47 CFR 54.9"]},
    },
    {
        "id": "huawei-usf-before-final-designation",
        "party": "Huawei Technologies Co., Ltd.",
        "activity": "usf_funded_purchase",
        "date": "2020-03-01",
        "expect": {"outcome": "clear"},
    },
    {
        "id": "hikvision-covered-equipment-authorization",
        "party": "Hangzhou Hikvision Digital Technology Co., Ltd.",
        "activity": "equipment_authorization",
        "facts": {"covered_equipment": "true"},
        "date": "2023-06-01",
        "expect": {"outcome": "prohibited", "cites": ["FCC 22-84", "DA 21-309"]},
    },
    {
        "id": "zte-equipment-authorization-unknown-equipment",
        "party": "ZTE Corporation",
        "activity": "equipment_authorization",
        "date": "2023-06-01",
        "expect": {"outcome": "review"},
    },
    {
        "id": "affiliate-during-suspension",
        "party": "Plain Widgets Trading Ltd",
        "activity": "export",
        "facts": {"eccn": "EAR99", "owned_50pct_by_listed": "true"},
        "date": "2026-01-15",
        "expect": {"outcome": "clear", "cites": ["FR Doc 2025-19001"]},
    },
    {
        "id": "affiliate-after-suspension",
        "party": "Plain Widgets Trading Ltd",
        "activity": "export",
        "facts": {"eccn": "EAR99", "owned_50pct_by_listed": "true"},
        "date": "2026-11-23",
        "expect": {"outcome": "license_required", "cites": ["FR Doc 2025-19001"]},
    },
]


@pytest.mark.parametrize("case", MORE_CASES, ids=lambda case: str(case["id"]))
def test_more_decision_cases(
    env: Env, capsys: pytest.CaptureFixture[str], case: dict[str, Any]
) -> None:
    args = [case["party"], "--activity", case["activity"], "--on", str(case["date"])]
    for key, value in (case.get("facts") or {}).items():
        args += ["--fact", f"{key}={value}"]
    decision = decide_json(env, capsys, *args)
    assert decision["outcome"] == case["expect"]["outcome"], decision["reasons"]
    cited = [c for reason in decision["reasons"] for c in reason["citations"]]
    for citation in case["expect"].get("cites", []):
        assert any(citation in c for c in cited), f"{citation!r} not among {cited}"


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: str(case["id"]))
def test_decision_case(env: Env, capsys: pytest.CaptureFixture[str], case: dict[str, Any]) -> None:
    args = [case["party"], "--activity", case["activity"], "--on", str(case["date"])]
    for key, value in (case.get("facts") or {}).items():
        args += ["--fact", f"{key}={value}"]
    decision = decide_json(env, capsys, *args)
    expect = case["expect"]
    if "outcome" in expect:
        assert decision["outcome"] == expect["outcome"], decision["reasons"]
    if "outcome_in" in expect:
        assert decision["outcome"] in expect["outcome_in"], decision["reasons"]
    if "review_policy" in expect:
        assert decision["review_policy"] == expect["review_policy"]
    cited = [c for reason in decision["reasons"] for c in reason["citations"]]
    for citation in expect.get("cites", []):
        assert any(citation in c for c in cited), f"{citation!r} not among {cited}"
    assert decision["as_of"] == str(case["date"])
    assert decision["data_version"]
    assert decision["matches"], "a case party is always listed somewhere"


def test_cases_file_is_present() -> None:
    if not CASES_FILE.exists():
        pytest.skip(f"needs {CASES_FILE} (../shared beside the checkout)")
    assert len(load_cases()) >= 11


def test_every_decision_is_audited_with_its_data_version(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    decision = decide_json(
        env, capsys, "Xiaomi Corp", "--activity", "securities_purchase", "--on", "2021-03-16"
    )
    # Other workers decide in the same store: find this decision by its content.
    mine = [
        record
        for record in Store(f"sqlite:///{env.db}").audit_records()
        if record.kind == "decide"
        and record.payload.get("party") == "Xiaomi Corp"
        and record.payload.get("as_of") == "2021-03-16"
    ]
    assert mine, "the decision is in the audit log"
    assert mine[-1].payload["data_version"] == decision["data_version"]
    assert mine[-1].payload["outcome"] == "clear"


def test_missing_fact_gives_review_with_the_question(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    decision = decide_json(
        env,
        capsys,
        "Huawei Technologies Co., Ltd.",
        "--activity",
        "network_maintenance",
        "--on",
        "2019-12-01",
    )
    assert decision["outcome"] == "review"
    assert any("contract_date" in q for q in decision["questions"])


def test_contract_after_listing_needs_a_license(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    decision = decide_json(
        env,
        capsys,
        "Huawei Technologies Co., Ltd.",
        "--activity",
        "network_maintenance",
        "--on",
        "2019-12-01",
        "--fact",
        "contract_date=2019-06-01",
    )
    assert decision["outcome"] == "license_required"
    assert decision["review_policy"] == "presumption of denial"


def test_5g_standards_paragraph_until_removed(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["Huawei Technologies Co., Ltd.", "--activity", "standards_contribution"]
    before = decide_json(env, capsys, *args, "--on", "2019-07-01")
    after = decide_json(env, capsys, *args, "--on", "2019-09-01")
    assert before["outcome"] == "authorized"
    assert after["outcome"] == "license_required"
    assert "84 FR 43487" in {c for r in after["reasons"] for c in r["citations"]}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--activity", "smuggling", "--on", "2020-01-01"], "valid activities: any_dealing"),
        (["--activity", "export", "--on", "2020-13-01"], "--on"),
        (["--activity", "export", "--on", "2020-01-01", "--fact", "colour=red"], "valid facts"),
        (["--activity", "export", "--on", "2020-01-01", "--fact", "eccn"], "key=value"),
        (
            [
                "--activity",
                "network_maintenance",
                "--on",
                "2020-01-01",
                "--fact",
                "contract_date=soon",
            ],
            "YYYY-MM-DD",
        ),
    ],
)
def test_bad_input_is_a_clear_error(
    env: Env, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    code, out, err = run(env, capsys, "decide", "Huawei", *args)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err and not out


def test_timeline_lists_every_change_in_order(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(env, capsys, "timeline", "Huawei Technologies Co., Ltd.", "--json")
    assert code == 0, err
    events = orjson.loads(out)
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    assert ("2021-08-02", "superseded") in {(e["date"], e["kind"]) for e in events}
    by_date = {(e["date"], c) for e in events for c in e["citations"]}
    for expected in [
        ("2019-05-16", "84 FR 22961"),
        ("2019-05-20", "84 FR 23468"),
        ("2019-08-19", "84 FR 43487"),
        ("2019-11-18", "84 FR 64018"),
        ("2020-02-13", "85 FR 8722"),
        ("2020-03-10", "FR Doc 2020-05190"),
        ("2020-05-15", "85 FR 29610"),
        ("2020-08-14", "85 FR 51596"),
        ("2020-08-17", "85 FR 51596"),
        ("2020-06-18", "85 FR 36719"),
        ("2021-08-02", "86 FR 30145"),
        ("2022-06-03", "86 FR 30145"),
        ("2020-11-12", "85 FR 73185"),
        ("2021-01-11", "85 FR 73185"),
        ("2020-06-30", "DA 20-690"),
        ("2020-12-10", "FCC 20-179"),
        ("2021-03-12", "DA 21-309"),
        ("2022-11-11", "DA 21-309"),
    ]:
        assert expected in by_date, expected


def test_timeline_of_xiaomi_has_the_court_orders(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(env, capsys, "timeline", "clearance_policy:xiaomi-ccmc", "--json")
    assert code == 0, err
    events = [(e["date"], e["kind"]) for e in orjson.loads(out)]
    assert events[0] == ("2021-01-14", "listing")
    assert ("2021-03-12", "court_order") in events
    assert ("2021-05-25", "court_order") in events


def test_human_output_names_outcome_and_citations(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        env, capsys, "decide", "小米集团", "--activity", "securities_purchase", "--on", "2021-05-27"
    )
    assert code == 0
    assert "clear" in out and "Xiaomi Corp. v. Department of Defense" in out


def test_human_view_states_each_rule_once_and_separates_what_is_not_in_force(
    env: Env, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--activity", "export", "--on", "2019-06-15", "--fact", "eccn=EAR99"]
    code, out, err = run(env, capsys, "decide", "Huawei Technologies Co., Ltd.", *args)
    assert code == 0, err
    assert out.startswith("license_required")
    # The CSL repeats Huawei's Entity List entry; the analyst reads the rule once.
    assert out.count("• bis_entity_list: requires_license") == 1
    assert "84 FR 22961" in out
    dormant = out.split("not in force on 2019-06-15:")[1]
    assert "ofac_ns_cmic: not yet in force (from 2021-06-03)" in dormant
    assert "requires_license" not in dormant
