"""Compare a proposed event with what the policy data already knows.

`already_known` names the record that agrees; `contradicts` names the record and the difference
(an end date other than the one in force, a start weeks away); `new` means no record of that
kind concerns the party. Dates are compared at the precision the article gave: "last week" agrees
with any day of that week, "since 2019" with any day of 2019.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from clearance.media.types import Comparison, DateMention, Event, EventKind, Party, PolicyMatch

# A start date the article gives that is this close to the record's is the same event
# reported loosely (signed on the 15th, effective on the 16th).
START_TOLERANCE = timedelta(days=7)
# A record without the date the article gives is a worse candidate than any dated one.
OPEN_ENDED_DISTANCE = 100_000


@dataclass(frozen=True)
class KnownRecord:
    """One dated fact of the policy data, in the terms events are compared in."""

    id: str
    kinds: frozenset[EventKind]
    names: tuple[str, ...]  # case-insensitive regular expressions over the party's names
    entity_ids: frozenset[str] = frozenset()
    measure: str | None = None
    start: date | None = None
    end: date | None = None
    citations: tuple[str, ...] = ()
    entries_cited_as: frozenset[str] = frozenset()  # list entries linked by their citation

    def concerns(self, party: Party) -> bool:
        if self.entity_ids.intersection(e.entity_id for e in party.entities):
            return True
        if any(self.entries_cited_as.intersection(e.citations) for e in party.entities):
            return True
        texts = [party.key, party.name, *party.mentions]
        return any(re.search(p, t, flags=re.IGNORECASE) for p in self.names for t in texts)


def _precision(event: Event, value: date | None) -> str:
    return next((d.precision for d in event.dates if d.value == value), "day")


def _start_agrees(mention: DateMention | None, value: date, known: date) -> bool:
    precision = mention.precision if mention else "day"
    if precision == "year":
        return value.year == known.year
    if precision == "month":
        return (value.year, value.month) == (known.year, known.month)
    if precision == "week":
        return value <= known < value + timedelta(days=7) or abs(value - known) <= START_TOLERANCE
    return abs(value - known) <= START_TOLERANCE


def _agrees(event: Event, record: KnownRecord) -> str | None:
    """None when the event agrees with the record, else the difference in words."""
    if event.end and event.end != record.end:
        theirs = record.end or "no end"
        return f"article: ends {event.end}; {record.id}: ends {theirs}"
    if event.start and record.start:
        mention = next((d for d in event.dates if d.value == event.start), None)
        if not _start_agrees(mention, event.start, record.start):
            return f"article: from {event.start}; {record.id}: from {record.start}"
    return None


class KnownRecords:
    """The policy data's records, searchable by party and event kind."""

    def __init__(self, records: Sequence[KnownRecord]) -> None:
        self.records = tuple(records)

    def compare(self, event: Event, party: Party | None) -> PolicyMatch:
        if party is None:
            return PolicyMatch(Comparison.NEW, None, "party not resolved")
        candidates = [
            r
            for r in self.records
            if event.kind in r.kinds
            and (r.measure is None or event.measure is None or r.measure == event.measure)
            and r.concerns(party)
        ]
        agreeing = [r for r in candidates if _agrees(event, r) is None]
        if agreeing:
            record = min(agreeing, key=lambda r: _distance(event, r))
            return PolicyMatch(Comparison.KNOWN, record.id, _cited(record))
        differences = [(r, _agrees(event, r) or "") for r in candidates]
        listed = self._listed(event, party)
        if listed is not None and not differences:
            return listed
        if differences:
            record, difference = min(differences, key=lambda item: _distance(event, item[0]))
            return PolicyMatch(Comparison.CONTRADICTS, record.id, difference)
        return PolicyMatch(Comparison.NEW, None, "no record of this kind for this party")

    @staticmethod
    def _listed(event: Event, party: Party) -> PolicyMatch | None:
        """A listing the active lists already carry is known, whatever the policy files say."""
        if event.kind is not EventKind.LISTING:
            return None
        for entity in party.entities:
            if event.measure is None or event.measure in entity.lists:
                return PolicyMatch(
                    Comparison.KNOWN, entity.entity_id, f"listed on {', '.join(entity.lists)}"
                )
        return None


def _distance(event: Event, record: KnownRecord) -> int:
    """How far a record's dates are from the event's: the nearest is the one contradicted."""
    total = 0
    for ours, theirs in ((event.start, record.start), (event.end, record.end)):
        if ours and theirs:
            total += abs((ours - theirs).days)
        elif ours:
            total += OPEN_ENDED_DISTANCE
    return total


def _cited(record: KnownRecord) -> str:
    return "; ".join(record.citations)
