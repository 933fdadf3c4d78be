"""decide(party, activity, on, facts): the answer a compliance officer needs, with reasons.

The party is resolved through a `PartyResolver` (the screener, in the service layer), so
the engine is tested with small in-test entities and runs unchanged on the real index.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from clearance.errors import InputError
from clearance.match.types import Match
from clearance.policy.activities import Activity, FactValue, get_activity, parse_facts
from clearance.policy.book import PolicyBook, default_book
from clearance.policy.evaluate import evaluate_entity, unique
from clearance.policy.stated_facts import stated_fact_reasons
from clearance.policy.types import Decision, Effect, MatchedParty, Outcome, Reason

PartyResolver = Callable[[str], Sequence[Match]]


def parse_day(value: str, field: str = "on") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"expected a date YYYY-MM-DD, got {value!r}", field=field) from None


def decide(
    party: str,
    activity: str,
    on: date,
    facts: Mapping[str, str],
    *,
    resolve: PartyResolver,
    data_version: str,
    book: PolicyBook | None = None,
) -> Decision:
    book = book or default_book()
    if not party.strip():
        raise InputError("expected the name of a party, got an empty string", field="party")
    chosen = get_activity(activity)
    typed = parse_facts(chosen, facts)
    matches = list(resolve(party))
    party_matches, others = split_matches(matches)
    reasons = [r for m in party_matches for r in evaluate_entity(book, m.entity, chosen, on, typed)]
    reasons += stated_fact_reasons(book, chosen, on, typed)
    if not matches:
        reasons.append(
            Reason("screening", Effect.DOES_NOT_APPLY, (), f"{party!r} matches no listed party")
        )
    outcome = _combine(reasons)
    for other in others:
        reasons.extend(_possible_match(book, party, other, chosen, on, typed, outcome))
    outcome = _combine(reasons)
    return Decision(
        party=party,
        activity=chosen.name,
        as_of=on,
        outcome=outcome,
        reasons=tuple(reasons),
        matches=tuple(_matched(m) for m in matches),
        data_version=data_version,
        facts=dict(facts),
        review_policy=_review_policy(reasons) if outcome is Outcome.LICENSE_REQUIRED else None,
        questions=unique(r.question or "" for r in reasons if r.outcome is Outcome.REVIEW),
    )


# Strong matches scoring within this margin of the best are taken as the party itself; the
# others are different listed parties with similar names (a parent's foreign subsidiary, say).
SAME_PARTY_MARGIN = 0.1


def split_matches(matches: Sequence[Match]) -> tuple[list[Match], list[Match]]:
    """The matches taken as the party, and the other candidates that may yet be it."""
    strong = [m for m in matches if m.is_match]
    if not strong:
        return [], list(matches)
    best = max(m.score for m in strong)
    party = [m for m in strong if m.score >= best - SAME_PARTY_MARGIN]
    return party, [m for m in matches if m not in party]


def _combine(reasons: Sequence[Reason]) -> Outcome:
    return max((r.outcome for r in reasons), key=lambda o: o.severity, default=Outcome.CLEAR)


def _possible_match(
    book: PolicyBook,
    party: str,
    match: Match,
    activity: Activity,
    on: date,
    facts: Mapping[str, FactValue],
    decided: Outcome,
) -> list[Reason]:
    """A weaker candidate never gives a verdict: if, were it the party, the answer would be
    stricter than the one decided, a human must say whether it is."""
    found = evaluate_entity(book, match.entity, activity, on, facts)
    would = _combine(found)
    stricter = would.severity > max(decided.severity, Outcome.REVIEW.severity)
    if not stricter and not (decided is Outcome.CLEAR and would is not Outcome.CLEAR):
        return []
    caption = match.entity.caption
    question = f"is {party!r} the listed {caption!r} (score {match.score:.2f})?"
    return [
        Reason(
            "possible_match",
            Effect.NEEDS_REVIEW,
            unique(c for r in found if r.outcome is not Outcome.CLEAR for c in r.citations),
            f"possible match to {caption}; if it is the same party the answer would be {would}",
            entity_id=match.entity.id,
            question=question,
        )
    ]


def _review_policy(reasons: Sequence[Reason]) -> str | None:
    policies = unique(
        r.review_policy or "" for r in reasons if r.outcome is Outcome.LICENSE_REQUIRED
    )
    return "; ".join(policies) or None


def _matched(match: Match) -> MatchedParty:
    entity = match.entity
    return MatchedParty(
        entity_id=entity.id,
        caption=entity.caption,
        score=match.score,
        lists=unique(listing.list_id for listing in entity.listings),
        strong=match.is_match,
    )
