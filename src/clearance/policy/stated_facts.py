"""Rules that reach a party through a fact the user states about it, not a listing of its own.

The BIS Affiliates Rule is the case in point: an entity owned 50% or more by Entity List or
MEU List parties takes their license requirement, on the dates the rule is in force and not
suspended. The rule speaks only when the fact is stated true.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from clearance.policy.activities import Activity, FactValue
from clearance.policy.book import PolicyBook
from clearance.policy.schema import StatedFactRule
from clearance.policy.types import Effect, Reason


def stated_fact_reasons(
    book: PolicyBook, activity: Activity, on: date, facts: Mapping[str, FactValue]
) -> list[Reason]:
    reasons = []
    for rule in book.stated_fact_rules:
        value = facts.get(rule.when.fact)
        if rule.covers(activity) and value is not None and rule.when.check(value):
            reasons.append(stated_fact_reason(rule, on))
    return reasons


def stated_fact_reason(rule: StatedFactRule, on: date) -> Reason:
    if on < rule.effective:
        detail = f"{rule.title} takes effect on {rule.effective}; not in force on {on}"
        return Reason(
            rule.id, Effect.NOT_YET_IN_FORCE, rule.citations, detail, valid_from=rule.effective
        )
    suspension = rule.suspension_on(on)
    if suspension is not None:
        return Reason(
            rule.id,
            Effect.DOES_NOT_APPLY,
            (*rule.citations, *suspension.citations),
            f"{rule.title} is suspended from {suspension.starts} through {suspension.ends}: "
            f"{suspension.detail}",
            suspension.starts,
            suspension.ends,
        )
    # The stretch in force that contains the date: after the last suspension before it,
    # until the day before the next one.
    before = [s.ends for s in rule.suspensions if s.ends < on]
    after = [s.starts for s in rule.suspensions if s.starts > on]
    begins = max(before) + timedelta(days=1) if before else rule.effective
    last = min(after) - timedelta(days=1) if after else None
    return Reason(
        rule.id,
        rule.effect,
        rule.citations,
        rule.detail,
        begins,
        last,
        review_policy=rule.review_policy,
    )
