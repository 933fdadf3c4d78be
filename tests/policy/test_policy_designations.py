"""The curated designations beyond the bundled lists: Huawei under EO 13959 and its hand-over
to EO 14032, the FCC lists, the BIS lists that stay questions, and the Affiliates Rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from clearance.errors import PolicyError
from clearance.match.types import Comparison, Match
from clearance.model import Entity, Listing, Schema
from clearance.policy import Decision, Effect, Outcome, curated_entities, decide, default_book
from clearance.policy.book import DATA_DIR, load_book
from clearance.policy.timeline import timeline

CURATED = {entity.id: entity for entity in curated_entities()}
HUAWEI = CURATED["clearance_policy:huawei"]


def ask(entity: Entity, activity: str, on: date, **facts: str) -> Decision:
    def resolve(party: str) -> Sequence[Match]:
        return [Match(entity, Comparison(1.0, party, entity.caption), True)]

    return decide(entity.caption, activity, on, facts, resolve=resolve, data_version="t")


def rules(decision: Decision) -> dict[str, Effect]:
    return {reason.rule: reason.effect for reason in decision.reasons}


def cited(decision: Decision) -> set[str]:
    return {c for reason in decision.reasons for c in reason.citations}


@pytest.mark.parametrize(
    ("activity", "on", "outcome"),
    [
        # 85 FR 73185: the companies identified by 2020-11-12, from 9:30 a.m. EST 2021-01-11.
        ("securities_purchase", date(2020, 12, 1), Outcome.CLEAR),
        ("securities_purchase", date(2021, 1, 11), Outcome.PROHIBITED),
        ("securities_purchase", date(2021, 5, 3), Outcome.PROHIBITED),
        ("securities_sale", date(2021, 5, 3), Outcome.AUTHORIZED),
    ],
)
def test_huawei_under_eo13959(activity: str, on: date, outcome: Outcome) -> None:
    decision = ask(HUAWEI, activity, on)
    assert decision.outcome is outcome
    assert "85 FR 73185" in cited(decision)


def test_huawei_eo13959_is_superseded_by_eo14032() -> None:
    decision = ask(HUAWEI, "securities_purchase", date(2021, 9, 1))
    (ccmc,) = [r for r in decision.reasons if r.rule == "dod_ccmc_eo13959"]
    assert ccmc.effect is Effect.NO_LONGER_IN_FORCE and ccmc.superseded_by == "ofac_ns_cmic"
    assert ccmc.valid_to == date(2021, 8, 1)
    assert "86 FR 30145" in ccmc.citations and "UNCONFIRMED" in ccmc.detail
    # The curated entity alone carries no NS-CMIC listing: that comes from the OFAC file.
    assert decision.outcome is Outcome.CLEAR


def test_huawei_fcc_universal_service_fund() -> None:
    assert ask(HUAWEI, "usf_funded_purchase", date(2020, 6, 29)).outcome is Outcome.CLEAR
    after = ask(HUAWEI, "usf_funded_purchase", date(2020, 6, 30))
    assert after.outcome is Outcome.PROHIBITED
    assert {"47 CFR 54.9", "DA 20-690"} <= cited(after)


@pytest.mark.parametrize(
    "entity_id", ["huawei", "zte-fcc", "hytera-fcc", "hikvision-fcc", "dahua-fcc"]
)
def test_covered_list_equipment_authorization(entity_id: str) -> None:
    entity = CURATED[f"clearance_policy:{entity_id}"]
    before = ask(entity, "equipment_authorization", date(2022, 6, 1), covered_equipment="true")
    assert before.outcome is Outcome.CLEAR
    covered = ask(entity, "equipment_authorization", date(2023, 6, 1), covered_equipment="true")
    assert covered.outcome is Outcome.PROHIBITED and "FCC 22-84" in cited(covered)
    other = ask(entity, "equipment_authorization", date(2023, 6, 1), covered_equipment="false")
    assert other.outcome is Outcome.CLEAR
    unknown = ask(entity, "equipment_authorization", date(2023, 6, 1))
    assert unknown.outcome is Outcome.REVIEW
    assert any("covered_equipment" in q for q in unknown.questions)


def test_covered_list_and_usf_support_is_a_question_not_a_guess() -> None:
    zte = CURATED["clearance_policy:zte-fcc"]
    decision = ask(zte, "usf_funded_purchase", date(2022, 1, 1))
    assert decision.outcome is Outcome.REVIEW and decision.questions
    assert ask(zte, "securities_purchase", date(2022, 1, 1)).outcome is Outcome.CLEAR


@pytest.mark.parametrize(
    ("list_id", "rule"), [("us_bis_meu", "bis_meu_list"), ("us_bis_uvl", "bis_unverified_list")]
)
def test_meu_and_uvl_stay_questions_for_ear_items_only(list_id: str, rule: str) -> None:
    listing = Listing(list_id, "a BIS list", start_date=date(2020, 12, 23))
    entity = Entity("test:meu", Schema.COMPANY, "test", {"name": ["Plain Aero Co"]}, [listing])
    export = ask(entity, "export", date(2021, 6, 1), eccn="EAR99")
    assert export.outcome is Outcome.REVIEW and rules(export)[rule] is Effect.NEEDS_REVIEW
    assert export.questions and "regulatory record" in export.reasons[0].detail
    assert ask(entity, "securities_purchase", date(2021, 6, 1)).outcome is Outcome.CLEAR


@pytest.mark.parametrize(
    ("on", "outcome"),
    [
        (date(2025, 9, 28), Outcome.CLEAR),
        (date(2025, 9, 29), Outcome.LICENSE_REQUIRED),
        (date(2025, 11, 10), Outcome.CLEAR),
        (date(2026, 11, 9), Outcome.CLEAR),
        (date(2026, 11, 10), Outcome.LICENSE_REQUIRED),
        (date(2026, 11, 23), Outcome.LICENSE_REQUIRED),
    ],
)
def test_affiliates_rule_follows_its_suspension(on: date, outcome: Outcome) -> None:
    decision = decide(
        "Unlisted Subsidiary Ltd",
        "export",
        on,
        {"eccn": "EAR99", "owned_50pct_by_listed": "yes"},
        resolve=lambda party: [],
        data_version="t",
    )
    assert decision.outcome is outcome
    assert "FR Doc 2025-19001" in cited(decision)
    if outcome is Outcome.LICENSE_REQUIRED:
        assert decision.review_policy == "as stated in the listed owner's entry"
    not_owned = decide(
        "Unlisted Subsidiary Ltd",
        "export",
        on,
        {"owned_50pct_by_listed": "no"},
        resolve=lambda party: [],
        data_version="t",
    )
    assert not_owned.outcome is Outcome.CLEAR


def test_timeline_of_huawei_curated_designations() -> None:
    events = {(e.on, e.kind): e for e in timeline([HUAWEI])}
    assert "85 FR 73185" in events[(date(2020, 11, 12), "listing")].citations
    assert (date(2021, 1, 11), "measure") in events
    superseded = events[(date(2021, 8, 2), "superseded")]
    assert "86 FR 30145" in superseded.citations
    # The EO 13959 divestment date (2021-11-12) never came: EO 14032 had taken over.
    assert (date(2021, 11, 12), "measure") not in events
    assert "85 FR 230" in events[(date(2020, 1, 3), "designation")].citations
    assert "DA 20-690" in events[(date(2020, 6, 30), "listing")].citations
    assert "FCC 20-179" in events[(date(2020, 12, 10), "designation")].citations
    assert "DA 21-309" in events[(date(2021, 3, 12), "listing")].citations
    assert (date(2022, 11, 11), "measure") in events


def test_a_supersession_must_name_a_known_measure(tmp_path: Path) -> None:
    folder = tmp_path
    for source in DATA_DIR.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "curated_huawei.yaml":
            text = text.replace("by: ofac_ns_cmic", "by: ofac_ns_cmic_typo")
        (folder / source.name).write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match="superseded by unknown measure 'ofac_ns_cmic_typo'"):
        load_book(folder)


def test_unconfirmed_hand_over_is_labelled() -> None:
    party = next(p for p in default_book().curated_parties if p.id == "huawei")
    ccmc = next(listing for listing in party.listings if listing.list == "us_dod_ccmc")
    assert ccmc.superseded is not None and "UNCONFIRMED" in ccmc.superseded.detail
