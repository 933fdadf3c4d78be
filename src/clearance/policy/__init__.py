"""Policy: measures, authorizations and legal actions as cited data, and decisions as of
any date. `decide` resolves the party through a `PartyResolver` (the screener)."""

from clearance.policy.activities import Activity, all_activities, get_activity
from clearance.policy.book import PolicyBook, curated_entities, default_book, load_book
from clearance.policy.engine import PartyResolver, decide, parse_day
from clearance.policy.timeline import timeline
from clearance.policy.types import Decision, Effect, Outcome, Reason, TimelineEvent

__all__ = [
    "Activity",
    "Decision",
    "Effect",
    "Outcome",
    "PartyResolver",
    "PolicyBook",
    "Reason",
    "TimelineEvent",
    "all_activities",
    "curated_entities",
    "decide",
    "default_book",
    "get_activity",
    "load_book",
    "parse_day",
    "timeline",
]
