"""The policy engine on small in-test entities: data, vocabulary, measures, authorizations,
court orders, weak matches and the shape of a decision."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from clearance.errors import InputError, PolicyError
from clearance.match.types import Comparison, Match
from clearance.model import Entity, Listing, Schema
from clearance.policy import (
    Outcome,
    all_activities,
    curated_entities,
    decide,
    default_book,
    get_activity,
    load_book,
)
from clearance.policy.book import DATA_DIR

ALL_ITEMS = "For all items subject to the EAR. (See §744.11 of the EAR)"


def company(entity_id: str, name: str, *listings: Listing) -> Entity:
    return Entity(entity_id, Schema.COMPANY, "test", {"name": [name]}, list(listings))


def entity_list(start: date, *citations: str, requirement: str = ALL_ITEMS) -> Listing:
    return Listing(
        "us_bis_entity_list",
        "Entity List",
        start_date=start,
        citations=citations,
        license_requirement=requirement,
        license_policy="Presumption of denial.",
    )


HUAWEI = company(
    "test:huawei", "Huawei Technologies Co., Ltd.", entity_list(date(2019, 5, 21), "84 FR 22963")
)
AUG_AFFILIATE = company(
    "test:bel", "Bel Huawei Technologies LLC", entity_list(date(2019, 8, 21), "84 FR 43495")
)


def resolver(*entities: Entity, score: float = 0.95, strong: bool = True):  # type: ignore[no-untyped-def]
    def resolve(party: str) -> Sequence[Match]:
        return [Match(e, Comparison(score, party, e.caption), strong) for e in entities]

    return resolve


def ask(entity: Entity, activity: str, on: date, **facts: str):  # type: ignore[no-untyped-def]
    return decide(entity.caption, activity, on, facts, resolve=resolver(entity), data_version="t")


def test_bundled_data_loads_and_every_record_is_cited() -> None:
    book = load_book()
    assert {m.id for m in book.measures} >= {
        "bis_entity_list",
        "ofac_sdn_blocking",
        "ofac_ns_cmic",
        "dod_ccmc_eo13959",
        "bis_denied_persons",
    }
    records = [*book.measures, *book.listing_rules, *book.authorizations]
    assert all(record.citations for record in records)
    assert all(order.citations for action in book.legal_actions for order in action.orders)
    assert all(window.citations for auth in book.authorizations for window in auth.windows)


def test_unconfirmed_facts_are_labelled_not_asserted() -> None:
    book = default_book()
    tgl = next(a for a in book.authorizations if a.id == "huawei_tgl")
    fourth = next(w for w in tgl.windows if w.starts == date(2020, 3, 10))
    assert fourth.citations == ("FR Doc 2020-05190",)
    assert "UNCONFIRMED" in fourth.detail
    permanent = next(a for a in book.authorizations if a.id == "huawei_vulnerability_disclosure")
    assert "UNCONFIRMED" in permanent.location


def test_a_malformed_data_file_names_file_and_field(tmp_path: Path) -> None:
    for source in DATA_DIR.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zz_bad.yaml").write_text(
        "measures:\n  - id: x\n    title: x\n    lists: [l]\n    rules: []\n", encoding="utf-8"
    )
    with pytest.raises(PolicyError, match=r"zz_bad.yaml, field 'measures.0.citations'"):
        load_book(tmp_path)


def test_a_reference_to_an_unknown_measure_is_an_error(tmp_path: Path) -> None:
    text = (DATA_DIR / "legal_xiaomi_v_dod.yaml").read_text(encoding="utf-8")
    for source in DATA_DIR.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "legal_xiaomi_v_dod.yaml").write_text(
        text.replace("dod_ccmc_eo13959", "dod_ccmc_typo"), encoding="utf-8"
    )
    with pytest.raises(PolicyError, match="unknown measure 'dod_ccmc_typo'"):
        load_book(tmp_path)


def test_activity_vocabulary() -> None:
    names = {a.name for a in all_activities()}
    assert names >= {
        "export",
        "reexport",
        "transfer",
        "device_support",
        "network_maintenance",
        "vulnerability_disclosure",
        "standards_contribution",
        "securities_purchase",
        "securities_sale",
        "payment",
        "any_dealing",
    }
    assert "contract_date" in get_activity("network_maintenance").facts
    with pytest.raises(PolicyError, match="valid activities: any_dealing, device_support"):
        get_activity("shipping")


def test_unknown_or_malformed_facts_are_errors() -> None:
    with pytest.raises(PolicyError, match="valid facts: eccn, item_is_technology, at_only"):
        ask(HUAWEI, "export", date(2020, 1, 1), contract_date="2019-01-01")
    with pytest.raises(InputError, match="fact contract_date"):
        ask(HUAWEI, "network_maintenance", date(2020, 1, 1), contract_date="last year")
    with pytest.raises(InputError, match="party"):
        decide(" ", "export", date(2020, 1, 1), {}, resolve=resolver(), data_version="t")


def test_effective_date_governs_not_the_publication_date() -> None:
    # 84 FR 22961 was published 2019-05-21 but took effect 2019-05-16 (15 CFR 744.16).
    assert ask(HUAWEI, "export", date(2019, 5, 15)).outcome is Outcome.CLEAR
    decision = ask(HUAWEI, "export", date(2019, 5, 17), eccn="EAR99")
    assert decision.outcome is Outcome.LICENSE_REQUIRED
    assert decision.review_policy == "presumption of denial"
    assert "84 FR 22961" in decision.reasons[0].citations


def test_tgl_window_citations_follow_the_extension_in_force() -> None:
    decision = ask(HUAWEI, "network_maintenance", date(2020, 3, 20), contract_date="2019-01-02")
    assert decision.outcome is Outcome.AUTHORIZED
    granting = next(r for r in decision.reasons if r.outcome is Outcome.AUTHORIZED)
    assert granting.citations == ("84 FR 23468", "FR Doc 2020-05190")
    assert granting.valid_to == date(2020, 5, 15)


def test_tgl_did_not_exist_in_the_first_days_of_the_listing() -> None:
    decision = ask(
        HUAWEI, "device_support", date(2019, 5, 18), device_public_release_date="2018-01-01"
    )
    assert decision.outcome is Outcome.LICENSE_REQUIRED


def test_device_support_after_rewording_is_a_question_when_the_date_condition_fails() -> None:
    # Whether the 2019-05-16 availability date survived 84 FR 43487 is UNCONFIRMED.
    early = ask(HUAWEI, "device_support", date(2019, 7, 1), device_public_release_date="2019-06-01")
    late = ask(HUAWEI, "device_support", date(2019, 10, 1), device_public_release_date="2019-06-01")
    assert early.outcome is Outcome.LICENSE_REQUIRED
    assert late.outcome is Outcome.REVIEW
    assert any("UNCONFIRMED" in q for q in late.questions)


def test_tgl_coverage_of_august_2019_affiliates_is_a_question() -> None:
    decision = ask(AUG_AFFILIATE, "vulnerability_disclosure", date(2019, 10, 1))
    assert decision.outcome is Outcome.REVIEW
    assert decision.reasons[0].valid_from == date(2019, 8, 19)


def test_permanent_vulnerability_disclosure_authorization() -> None:
    assert ask(HUAWEI, "vulnerability_disclosure", date(2020, 8, 15)).outcome is (
        Outcome.LICENSE_REQUIRED
    )
    decision = ask(HUAWEI, "vulnerability_disclosure", date(2023, 1, 1))
    assert decision.outcome is Outcome.AUTHORIZED
    assert any("85 FR 51596" in r.citations for r in decision.reasons)


def test_standards_carve_out_needs_ear99_or_at_only_technology() -> None:
    on = date(2021, 1, 1)
    ok = ask(HUAWEI, "standards_contribution", on, eccn="EAR99", item_is_technology="true")
    controlled = ask(
        HUAWEI, "standards_contribution", on, eccn="5E002", item_is_technology="yes", at_only="no"
    )
    unknown = ask(HUAWEI, "standards_contribution", on, eccn="5E991", item_is_technology="yes")
    assert ok.outcome is Outcome.AUTHORIZED
    assert "85 FR 36719" in next(r for r in ok.reasons if r.outcome is Outcome.AUTHORIZED).citations
    assert controlled.outcome is Outcome.LICENSE_REQUIRED
    assert unknown.outcome is Outcome.REVIEW


def test_conditional_license_requirement_is_a_question() -> None:
    listing = entity_list(
        date(2015, 1, 1),
        requirement="For all items subject to the EAR when used in projects specified in §746.5",
    )
    decision = ask(company("test:p", "Project Co", listing), "export", date(2020, 1, 1))
    assert decision.outcome is Outcome.REVIEW and decision.questions


def test_sdn_blocks_all_dealings_and_dpl_export_only() -> None:
    sdn = company(
        "test:sdn", "Blocked Ltd", Listing("us_ofac_sdn", "SDN", start_date=date(2010, 1, 1))
    )
    dpl = company(
        "test:dpl", "Denied GmbH", Listing("us_bis_dpl", "DPL", start_date=date(2010, 1, 1))
    )
    assert ask(sdn, "payment", date(2020, 1, 1)).outcome is Outcome.PROHIBITED
    assert ask(dpl, "export", date(2020, 1, 1)).outcome is Outcome.PROHIBITED
    assert ask(dpl, "securities_purchase", date(2020, 1, 1)).outcome is Outcome.CLEAR


def test_ns_cmic_later_listing_uses_60_and_365_days() -> None:
    listing = Listing("us_ofac_ns_cmic", "NS-CMIC", dates={"listing": date(2022, 1, 1)})
    cmic = company("test:cmic", "Later Co", listing)
    assert ask(cmic, "securities_purchase", date(2022, 3, 1)).outcome is Outcome.CLEAR
    assert ask(cmic, "securities_purchase", date(2022, 3, 2)).outcome is Outcome.PROHIBITED
    assert ask(cmic, "securities_sale", date(2022, 12, 31)).outcome is Outcome.AUTHORIZED
    assert ask(cmic, "securities_sale", date(2023, 1, 1)).outcome is Outcome.PROHIBITED


def test_a_list_without_a_measure_is_a_question_not_clear() -> None:
    un = company(
        "test:un", "Someone", Listing("un_sc", "UN Security Council", start_date=date(2001, 1, 1))
    )
    assert ask(un, "payment", date(2020, 1, 1)).outcome is Outcome.REVIEW


def test_weak_match_gives_review_never_a_verdict() -> None:
    decision = decide(
        "Huawai Tech",
        "export",
        date(2020, 1, 1),
        {},
        resolve=resolver(HUAWEI, score=0.6, strong=False),
        data_version="t",
    )
    assert decision.outcome is Outcome.REVIEW
    assert decision.questions and "Huawai Tech" in decision.questions[0]
    nobody = decide("Nobody", "export", date(2020, 1, 1), {}, resolve=resolver(), data_version="t")
    assert nobody.outcome is Outcome.CLEAR and not nobody.matches


def test_curated_xiaomi_entity() -> None:
    (xiaomi,) = [e for e in curated_entities() if e.id == "clearance_policy:xiaomi-ccmc"]
    assert xiaomi.source == "clearance_policy"
    assert {"Xiaomi Corporation", "Xiaomi Corp.", "小米集团", "小米"} <= set(xiaomi.names)
    assert xiaomi.listings[0].start_date == date(2021, 1, 14)


def test_decision_json_shape() -> None:
    document = ask(HUAWEI, "export", date(2019, 6, 1), eccn="EAR99").to_dict()
    assert document["outcome"] == "license_required"
    assert document["review_policy"] == "presumption of denial"
    assert set(document["reasons"][0]) >= {
        "rule",
        "effect",
        "citations",
        "valid_from",
        "valid_to",
        "detail",
    }
    assert document["matches"][0]["entity_id"] == "test:huawei"
    assert document["as_of"] == "2019-06-01" and document["data_version"] == "t"
    review = ask(HUAWEI, "network_maintenance", date(2019, 6, 1)).to_dict()
    assert review["outcome"] == "review" and review["questions"]
