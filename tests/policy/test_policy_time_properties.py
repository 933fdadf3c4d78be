"""Hypothesis properties of the time logic: nothing applies outside a listing's life, no
authorization outside its windows, and a court order touches exactly its measures and party."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.types import Comparison, Match
from clearance.model import Entity, Listing, Schema
from clearance.policy import Effect, Outcome, all_activities, curated_entities, decide, default_book
from clearance.policy.activities import get_activity
from clearance.policy.evaluate import authorization_reasons, evaluate_entity

BOOK = default_book()
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
ACTIVITIES = st.sampled_from([a.name for a in all_activities()])
MEASURED_LISTS = st.sampled_from(
    [
        "us_bis_entity_list",
        "us_ofac_sdn",
        "us_bis_dpl",
        "us_ofac_ns_cmic",
        "us_dod_ccmc",
        "us_fcc_usf_covered",
        "us_fcc_covered_list",
        "us_bis_meu",
        "us_bis_uvl",
    ]
)
FACTS = st.fixed_dictionaries(
    {},
    optional={
        "eccn": st.sampled_from(["EAR99", "5A002", "3E001"]),
        "item_is_technology": st.sampled_from(["true", "false"]),
        "at_only": st.sampled_from(["true", "false"]),
        "contract_date": DAYS.map(date.isoformat),
        "device_public_release_date": DAYS.map(date.isoformat),
        "covered_equipment": st.sampled_from(["true", "false"]),
    },
)


def usable(activity: str, facts: dict[str, str]) -> dict[str, str]:
    allowed = get_activity(activity).facts
    return {k: v for k, v in facts.items() if k in allowed}


def resolve_to(entity: Entity):  # type: ignore[no-untyped-def]
    def resolve(party: str) -> Sequence[Match]:
        return [Match(entity, Comparison(1.0, party, entity.caption), True)]

    return resolve


@settings(max_examples=300, deadline=None)
@given(
    list_id=MEASURED_LISTS,
    start=DAYS,
    length=st.integers(min_value=0, max_value=4000),
    on=DAYS,
    activity=ACTIVITIES,
    facts=FACTS,
)
def test_nothing_applies_outside_a_listing(
    list_id: str, start: date, length: int, on: date, activity: str, facts: dict[str, str]
) -> None:
    end = start + timedelta(days=length)
    listing = Listing(
        list_id,
        "a list",
        start_date=start,
        end_date=end,
        license_requirement="For all items subject to the EAR",
        license_policy="Presumption of denial",
    )
    entity = Entity("test:p", Schema.COMPANY, "test", {"name": ["Plain Trading Co"]}, [listing])
    decision = decide(
        "Plain Trading Co",
        activity,
        on,
        usable(activity, facts),
        resolve=resolve_to(entity),
        data_version="t",
    )
    if on < start or on > end:
        assert decision.outcome is Outcome.CLEAR
        assert all(r.outcome is Outcome.CLEAR for r in decision.reasons)


def _huawei(start: date) -> Entity:
    listing = Listing(
        "us_bis_entity_list",
        "Entity List",
        start_date=start,
        citations=("84 FR 22961",),
        license_requirement="For all items subject to the EAR",
        license_policy="Presumption of denial",
    )
    return Entity("test:hw", Schema.COMPANY, "test", {"name": ["Huawei Device Co."]}, [listing])


@settings(max_examples=400, deadline=None)
@given(on=DAYS, activity=ACTIVITIES, facts=FACTS)
def test_an_authorization_never_applies_outside_its_windows(
    on: date, activity: str, facts: dict[str, str]
) -> None:
    entity = _huawei(date(2019, 5, 21))
    decision = decide(
        "Huawei Device Co.",
        activity,
        on,
        usable(activity, facts),
        resolve=resolve_to(entity),
        data_version="t",
    )
    by_id = {auth.id: auth for auth in BOOK.authorizations}
    for reason in decision.reasons:
        if reason.effect is not Effect.AUTHORIZES or reason.rule not in _auth_rules():
            continue
        auth_id, _, paragraph_id = reason.rule.partition(" ")
        auth = by_id[auth_id]
        assert any(window.contains(on) for window in auth.windows)
        assert auth.ended is None or on < auth.ended.on
        paragraph = next(p for p in auth.paragraphs if p.id == paragraph_id)
        assert paragraph.removed is None or on < paragraph.removed.on
        assert activity in paragraph.activities


def _auth_rules() -> set[str]:
    return {f"{a.id} {p.id}" for a in BOOK.authorizations for p in a.paragraphs}


@settings(max_examples=300, deadline=None)
@given(on=DAYS, activity=ACTIVITIES)
def test_tgl_authorizes_inside_its_windows_when_conditions_hold(on: date, activity: str) -> None:
    tgl = next(a for a in BOOK.authorizations if a.id == "huawei_tgl")
    entity = _huawei(date(2019, 5, 21))
    rule_ids = BOOK.entity_rule_ids(entity)
    facts = {"contract_date": "2019-01-01", "device_public_release_date": "2019-01-01"}
    typed_activity = get_activity(activity)
    typed = {k: date.fromisoformat(v) for k, v in facts.items() if k in typed_activity.facts}
    found = authorization_reasons(tgl, entity, rule_ids, typed_activity, on, typed)
    granted = any(r.effect is Effect.AUTHORIZES for r in found)
    in_window = tgl.window_on(on) is not None and (tgl.ended is None or on < tgl.ended.on)
    scoped = [p for p in tgl.paragraphs if activity in p.activities]
    live = [p for p in scoped if p.removed is None or on < p.removed.on]
    assert granted == (in_window and bool(live))


PARTIES = st.sampled_from(["Xiaomi Corporation", "Other Devices Ltd"])


@settings(max_examples=300, deadline=None)
@given(on=st.dates(min_value=date(2021, 1, 1), max_value=date(2023, 12, 31)), name=PARTIES)
def test_an_injunction_suspends_exactly_its_measures_for_exactly_its_party(
    on: date, name: str
) -> None:
    # The same party on both the CCMC designation (enjoined) and the NS-CMIC list (not named
    # by the court): only the CCMC measure is suspended, and only for Xiaomi.
    listings = [
        Listing(
            "us_dod_ccmc",
            "CCMC",
            start_date=date(2021, 1, 14),
            dates={"listing": date(2021, 1, 14)},
        ),
        Listing("us_ofac_ns_cmic", "NS-CMIC", dates={"listing": date(2021, 1, 14)}),
    ]
    entity = Entity("test:x", Schema.COMPANY, "test", {"name": [name]}, listings)
    reasons = evaluate_entity(BOOK, entity, get_activity("securities_purchase"), on, {})
    court = [r for r in reasons if r.rule == "xiaomi_v_dod"]
    cmic = [r for r in reasons if r.rule == "ofac_ns_cmic"]
    ccmc = [r for r in reasons if r.rule == "dod_ccmc_eo13959"]
    purchase_ban_from = date(2021, 3, 15)
    is_xiaomi = name.startswith("Xiaomi")
    assert [r.outcome for r in cmic] == [
        Outcome.PROHIBITED if on >= purchase_ban_from else Outcome.CLEAR
    ]
    if not is_xiaomi:
        assert not court
        assert all(r.superseded_by is None for r in ccmc)
        return
    if on >= date(2021, 5, 25):
        assert [r.effect for r in court] == [Effect.ENDS] and not ccmc
    elif on >= purchase_ban_from:
        assert [r.effect for r in court] == [Effect.SUSPENDS]
        assert [r.superseded_by for r in ccmc] == ["xiaomi_v_dod"]
    else:
        assert all(r.outcome is Outcome.CLEAR for r in ccmc)


AFFILIATES = next(r for r in BOOK.stated_fact_rules if r.id == "bis_affiliates_rule")
EXPORTS = st.sampled_from(["export", "reexport", "transfer", "any_dealing"])


@settings(max_examples=300, deadline=None)
@given(on=DAYS, activity=EXPORTS, owned=st.booleans())
def test_affiliates_rule_needs_a_license_exactly_when_in_force_and_not_suspended(
    on: date, activity: str, owned: bool
) -> None:
    decision = decide(
        "Unlisted Subsidiary Ltd",
        activity,
        on,
        {"owned_50pct_by_listed": str(owned).lower()},
        resolve=lambda party: [],
        data_version="t",
    )
    suspended = any(s.starts <= on <= s.ends for s in AFFILIATES.suspensions)
    in_force = owned and on >= AFFILIATES.effective and not suspended
    assert (decision.outcome is Outcome.LICENSE_REQUIRED) == in_force
    if not in_force:
        assert decision.outcome is Outcome.CLEAR


HUAWEI_CURATED = next(e for e in curated_entities(BOOK) if e.id == "clearance_policy:huawei")
EO13959_BAN = (date(2021, 1, 11), date(2021, 8, 2))


@settings(max_examples=300, deadline=None)
@given(on=DAYS, activity=st.sampled_from(["securities_purchase", "securities_sale"]))
def test_eo13959_applies_to_huawei_only_until_eo14032_takes_over(on: date, activity: str) -> None:
    reasons = evaluate_entity(BOOK, HUAWEI_CURATED, get_activity(activity), on, {})
    ccmc = [r for r in reasons if r.rule == "dod_ccmc_eo13959"]
    assert len(ccmc) == 1
    starts, handed_over = EO13959_BAN
    if on < starts:
        assert ccmc[0].outcome is Outcome.CLEAR
    elif on < handed_over:
        # The ban, or for a sale the divestment window (open until 2021-11-11).
        expected = Outcome.PROHIBITED if activity == "securities_purchase" else Outcome.AUTHORIZED
        assert ccmc[0].outcome is expected
    else:
        assert ccmc[0].effect is Effect.NO_LONGER_IN_FORCE
        assert ccmc[0].superseded_by == "ofac_ns_cmic"
