"""What the policy book says about one listed entity, one activity and one date.

Order of application (DESIGN.md): the listing must be in force; court orders that end or
suspend a measure for the party come first; then the measure's rule for the activity; then
authorizations that carve the activity out of the measure during their windows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum

from clearance.model import Entity, Listing
from clearance.policy.activities import Activity, FactValue
from clearance.policy.book import PolicyBook
from clearance.policy.schema import (
    Authorization,
    Condition,
    CourtOrder,
    LegalAction,
    Measure,
    MeasureRule,
    Paragraph,
)
from clearance.policy.types import Effect, Outcome, Reason

Facts = Mapping[str, FactValue]


def unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def evaluate_entity(
    book: PolicyBook, entity: Entity, activity: Activity, on: date, facts: Facts
) -> list[Reason]:
    rule_ids = book.entity_rule_ids(entity)
    reasons: list[Reason] = []
    for listing in entity.listings:
        found = _evaluate_listing(book, entity, rule_ids, listing, activity, on, facts)
        reasons.extend(replace(reason, entity_id=entity.id) for reason in found)
    return reasons


def _evaluate_listing(
    book: PolicyBook,
    entity: Entity,
    rule_ids: frozenset[str],
    listing: Listing,
    activity: Activity,
    on: date,
    facts: Facts,
) -> list[Reason]:
    start, listing_rule = book.effective_start(entity, listing)
    cites = unique([*(listing_rule.citations if listing_rule else ()), *listing.citations])
    measure = book.measure_for(listing.list_id)
    rule_name = measure.id if measure else f"list:{listing.list_id}"
    if measure is not None:
        cites = unique([*measure.citations, *cites])
    if start is not None and on < start:
        detail = f"listed on {listing.source_list} from {start}; not yet in force"
        if listing_rule and listing_rule.published and listing_rule.published != start:
            detail += f" (effective {start}, published {listing_rule.published})"
        return [Reason(rule_name, Effect.NOT_YET_IN_FORCE, cites, detail, valid_from=start)]
    superseded = book.supersession(entity, listing)
    if superseded is not None and on >= superseded.on:
        return [
            Reason(
                rule_name,
                Effect.NO_LONGER_IN_FORCE,
                unique([*cites, *superseded.citations]),
                superseded.detail,
                start,
                superseded.on - timedelta(days=1),
                superseded_by=superseded.by,
            )
        ]
    if listing.end_date is not None and on > listing.end_date:
        detail = f"listing on {listing.source_list} ended {listing.end_date}"
        return [
            Reason(rule_name, Effect.NO_LONGER_IN_FORCE, cites, detail, start, listing.end_date)
        ]
    if measure is None:
        return [_unknown_list(listing, activity, cites, start)]
    court = _court_order(book, entity, rule_ids, measure, on)
    if court is not None and court[1].effect == "ends":
        action, order = court
        return [_court_reason(action, order, measure, Effect.ENDS)]
    return _apply_measure(
        book, entity, rule_ids, listing, measure, activity, on, facts, start, cites, court
    )


def _unknown_list(
    listing: Listing, activity: Activity, cites: tuple[str, ...], start: date | None
) -> Reason:
    # An honest answer: a list we have no measure for is not "clear", it is a question.
    return Reason(
        f"list:{listing.list_id}",
        Effect.NEEDS_REVIEW,
        cites,
        f"listed on {listing.source_list}; clearance has no measure for this list",
        valid_from=start,
        question=f"what does a listing on {listing.source_list} mean for {activity.name}?",
    )


def _apply_measure(
    book: PolicyBook,
    entity: Entity,
    rule_ids: frozenset[str],
    listing: Listing,
    measure: Measure,
    activity: Activity,
    on: date,
    facts: Facts,
    start: date | None,
    cites: tuple[str, ...],
    court: tuple[LegalAction, CourtOrder] | None,
) -> list[Reason]:
    citations = cites
    covering = [rule for rule in measure.rules if rule.covers(activity)]
    if not covering:
        detail = f"{measure.title} does not restrict {activity.name}"
        return [Reason(measure.id, Effect.DOES_NOT_APPLY, citations, detail, valid_from=start)]
    in_force: list[tuple[MeasureRule, date | None, date | None]] = []
    upcoming: list[date] = []
    for rule in covering:
        begins = rule.starts.resolve(listing, start) if rule.starts else start
        stops = rule.ends.resolve(listing, start) if rule.ends else None
        if begins is not None and on < begins:
            upcoming.append(begins)
        elif stops is None or on < stops:
            last = stops - timedelta(days=1) if stops else listing.end_date
            in_force.append((rule, begins, last))
    if not in_force:
        when = f" from {min(upcoming)}" if upcoming else ""
        detail = f"{measure.title} applies to {activity.name}{when}; not in force on {on}"
        first = min(upcoming) if upcoming else None
        return [Reason(measure.id, Effect.NOT_YET_IN_FORCE, citations, detail, valid_from=first)]
    reasons: list[Reason] = []
    for rule, begins, last in in_force:
        reason = _rule_reason(measure, rule, listing, citations, begins, last)
        reason = _rule_conditions(rule, reason, facts, on)
        reasons.extend(
            _carve_outs(book, entity, rule_ids, measure, reason, activity, on, facts, court)
        )
    return reasons


def _rule_reason(
    measure: Measure,
    rule: MeasureRule,
    listing: Listing,
    citations: tuple[str, ...],
    begins: date | None,
    last: date | None,
) -> Reason:
    cites = unique([*citations, *rule.citations])
    if not rule.license_from_entry:
        return Reason(
            measure.id, rule.effect, cites, rule.detail, begins, last, question=rule.question
        )
    requirement = " ".join((listing.license_requirement or "").split())
    scope = next((s for s in measure.license_scopes if s.matches(requirement)), None)
    if scope is None or scope.covers == "conditional":
        why = (
            scope.detail if scope else "the entry's license requirement is not one clearance reads"
        )
        return Reason(
            measure.id,
            Effect.NEEDS_REVIEW,
            cites,
            f"{rule.detail}; {why}: {requirement or 'no license requirement given'}",
            begins,
            last,
            question=f"does the license requirement ({requirement or 'none'}) cover the item?",
        )
    policy = review_policy_of(listing) or measure.default_review_policy
    detail = f"{rule.detail}; license requirement: {scope.detail}; review policy: {policy}"
    return Reason(measure.id, rule.effect, cites, detail, begins, last, review_policy=policy)


def _rule_conditions(rule: MeasureRule, reason: Reason, facts: Facts, on: date) -> Reason:
    """A rule whose conditions fail does not apply; one whose facts are unknown is a question."""
    for condition in rule.conditions:
        state = check_condition(condition, facts, on)
        if state is ConditionState.FAILS:
            detail = f"{reason.detail}; does not apply: not {condition.describe}"
            return replace(reason, effect=Effect.DOES_NOT_APPLY, detail=detail, review_policy=None)
        if state is not ConditionState.HOLDS:
            note = condition.unconfirmed_note if state is ConditionState.UNCONFIRMED else ""
            question = f"{condition.question}; {note}" if note else condition.question
            return replace(
                reason,
                effect=Effect.NEEDS_REVIEW,
                detail=f"{reason.detail}; {question}",
                question=question,
                review_policy=None,
            )
    return reason


def review_policy_of(listing: Listing) -> str | None:
    """The entry's License Review Policy (15 CFR 744.16(c)), in one spelling."""
    text = " ".join((listing.license_policy or "").split()).rstrip(".").strip()
    return text.lower() if text else None


def _carve_outs(
    book: PolicyBook,
    entity: Entity,
    rule_ids: frozenset[str],
    measure: Measure,
    reason: Reason,
    activity: Activity,
    on: date,
    facts: Facts,
    court: tuple[LegalAction, CourtOrder] | None,
) -> list[Reason]:
    if reason.outcome in (Outcome.CLEAR, Outcome.AUTHORIZED):
        return [reason]
    if court is not None:
        action, order = court
        return [
            replace(reason, superseded_by=action.id),
            _court_reason(action, order, measure, Effect.SUSPENDS),
        ]
    found = [
        found
        for auth in book.authorizations
        if measure.id in auth.overrides
        for found in authorization_reasons(auth, entity, rule_ids, activity, on, facts)
    ]
    granting = [r for r in found if r.effect is Effect.AUTHORIZES]
    pending = [r for r in found if r.effect is Effect.NEEDS_REVIEW]
    if reason.effect is Effect.REQUIRES_LICENSE and (granting or pending):
        winner = (granting or pending)[0]
        return [replace(reason, superseded_by=winner.rule), *found]
    return [reason, *found]


def _court_order(
    book: PolicyBook, entity: Entity, rule_ids: frozenset[str], measure: Measure, on: date
) -> tuple[LegalAction, CourtOrder] | None:
    for action in book.legal_actions:
        if measure.id in action.measures and action.parties.selects(entity, rule_ids):
            order = action.order_on(on)
            if order is not None:
                return action, order
    return None


def _court_reason(
    action: LegalAction, order: CourtOrder, measure: Measure, effect: Effect
) -> Reason:
    what = "suspends" if effect is Effect.SUSPENDS else "ends"
    return Reason(
        action.id,
        effect,
        unique([action.case, *order.citations, *measure.citations]),
        f"{order.kind} of {order.on} {what} the {measure.title} for this party: {order.detail}",
        valid_from=order.on,
    )


class ConditionState(StrEnum):
    HOLDS = "holds"
    FAILS = "fails"
    UNKNOWN = "unknown"
    UNCONFIRMED = "unconfirmed"


def check_condition(condition: Condition, facts: Facts, on: date) -> ConditionState:
    known = [test.check(facts[test.fact]) for test in condition.any_of if test.fact in facts]
    if any(known):
        return ConditionState.HOLDS
    if len(known) < len(condition.any_of):
        return ConditionState.UNKNOWN
    if condition.unconfirmed_from is not None and on >= condition.unconfirmed_from:
        return ConditionState.UNCONFIRMED
    return ConditionState.FAILS


def authorization_reasons(
    auth: Authorization,
    entity: Entity,
    rule_ids: frozenset[str],
    activity: Activity,
    on: date,
    facts: Facts,
) -> list[Reason]:
    """What one authorization does for this party and activity on this date, if anything."""
    selected = auth.parties.selects(entity, rule_ids)
    unsure = auth.unconfirmed_parties is not None and auth.unconfirmed_parties.selects(
        entity, rule_ids
    )
    paragraphs = [p for p in auth.paragraphs if activity.name in p.activities]
    if not paragraphs or not (selected or unsure):
        return []
    first = min(w.starts for w in auth.windows)
    if auth.ended is not None and on >= auth.ended.on:
        cites = unique([*auth.citations, *auth.ended.citations])
        return [
            Reason(
                auth.id,
                Effect.ENDS,
                cites,
                auth.ended.detail,
                first,
                auth.ended.on - timedelta(days=1),
            )
        ]
    window = auth.window_on(on)
    if window is None:
        effect = Effect.NOT_YET_IN_FORCE if on < first else Effect.NO_LONGER_IN_FORCE
        detail = f"{auth.title} is not in force on {on} (first in force {first})"
        return [Reason(auth.id, effect, auth.citations, detail, valid_from=first)]
    reasons = [
        _paragraph_reason(auth, paragraph, window_cites, on, facts, window.starts, window.ends)
        for paragraph in paragraphs
        for window_cites in [unique([*auth.citations, *window.citations])]
    ]
    if not selected:
        reasons = [
            _unconfirmed_party(auth, r) if r.effect is Effect.AUTHORIZES else r for r in reasons
        ]
    return reasons


def _paragraph_reason(
    auth: Authorization,
    paragraph: Paragraph,
    cites: tuple[str, ...],
    on: date,
    facts: Facts,
    valid_from: date,
    valid_to: date | None,
) -> Reason:
    rule = f"{auth.id} {paragraph.id}"
    if paragraph.removed is not None and on >= paragraph.removed.on:
        removal = paragraph.removed
        return Reason(
            rule,
            Effect.ENDS,
            unique([*cites, *removal.citations]),
            removal.detail,
            valid_from,
            removal.on - timedelta(days=1),
        )
    described = "; ".join(c.describe for c in paragraph.conditions)
    scope = f"{auth.title} {paragraph.id}: {paragraph.title}" + (
        f" ({described})" if described else ""
    )
    for condition in paragraph.conditions:
        state = check_condition(condition, facts, on)
        if state is ConditionState.FAILS:
            return Reason(
                rule,
                Effect.DOES_NOT_APPLY,
                cites,
                f"{scope}: condition not met",
                valid_from,
                valid_to,
            )
        if state is not ConditionState.HOLDS:
            note = condition.unconfirmed_note if state is ConditionState.UNCONFIRMED else ""
            question = f"{condition.question}; {note}" if note else condition.question
            return Reason(
                rule,
                Effect.NEEDS_REVIEW,
                cites,
                f"{scope}: {question}",
                valid_from,
                valid_to,
                question=question,
            )
    extra = f"; {auth.requirements}" if auth.requirements else ""
    detail = f"{scope}; valid through {valid_to or 'further notice'}; {auth.location}{extra}"
    return Reason(rule, Effect.AUTHORIZES, cites, detail, valid_from, valid_to)


def _unconfirmed_party(auth: Authorization, reason: Reason) -> Reason:
    question = auth.unconfirmed_question or f"does {auth.title} cover this party?"
    return replace(
        reason, effect=Effect.NEEDS_REVIEW, question=question, detail=f"{reason.detail}; {question}"
    )
