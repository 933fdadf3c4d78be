"""The shape of the policy data files: measures, listing rules, curated parties,
authorizations and legal actions. Every record carries its citations.

Dates: a window's `from` is the first day in force and its `to` the last day in force
("valid through August 19, 2019"); a removal, end or court order takes effect on its `date`
(the key is `date`, not `on`: YAML 1.1 reads a bare `on` as true).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clearance.model import Entity, Listing
from clearance.policy.activities import Activity, FactValue
from clearance.policy.types import Effect


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Anchor(Record):
    """A date read from a listing: `listing.dates[key]`, else the listing date plus days;
    or a fixed `date` the measure gives for every listing (a rule adopted on that day)."""

    key: str | None = None
    listing_plus_days: int | None = None
    fixed: date | None = Field(default=None, alias="date")

    def resolve(self, listing: Listing, listed_on: date | None) -> date | None:
        if self.fixed is not None:
            return self.fixed
        if self.key and self.key in listing.dates:
            return listing.dates[self.key]
        base = listing.dates.get("listing") or listed_on
        if self.listing_plus_days is not None and base is not None:
            return base + timedelta(days=self.listing_plus_days)
        return None


class LicenseScope(Record):
    """How to read an entry's License Requirement text (15 CFR 744.16(a))."""

    pattern: str
    covers: Literal["all_items", "conditional"]
    detail: str

    def matches(self, text: str) -> bool:
        return re.search(self.pattern, text, flags=re.IGNORECASE) is not None


class PartySelector(Record):
    """Who a record concerns: listed entities by id, by listing rule or by name pattern."""

    entity_ids: tuple[str, ...] = ()
    listing_rules: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def selects(self, entity: Entity, linked_rules: frozenset[str]) -> bool:
        if entity.id in self.entity_ids:
            return True
        if linked_rules.intersection(self.listing_rules):
            return True
        return any(
            re.search(pattern, name, flags=re.IGNORECASE)
            for pattern in self.names
            for name in entity.names
        )


class ListingRule(Record):
    """A Federal Register rule that added entries to a list, with its effective date.

    Entries are linked to the rule by the citations the list itself gives for them
    (`entries_cited_as`) or by name pattern, so the link is data a reviewer can check.
    """

    id: str
    list: str
    title: str
    effective: date
    published: date | None = None
    citations: tuple[str, ...]
    entries_cited_as: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    detail: str = ""

    def links(self, entity: Entity, listing: Listing) -> bool:
        if listing.list_id != self.list:
            return False
        cited = {" ".join(c.split()) for c in listing.citations}
        if cited.intersection(self.entries_cited_as):
            return True
        return any(
            re.search(pattern, name, flags=re.IGNORECASE)
            for pattern in self.names
            for name in entity.names
        )


class Milestone(Record):
    """A dated event of a curated listing worth a timeline entry (an initial designation,
    an affirmation) that changes no answer by itself."""

    on: date = Field(alias="date")
    title: str
    citations: tuple[str, ...]


class Supersession(Record):
    """The day another measure replaced this listing's measure for the party (e.g. EO 14032
    replacing sections 1-5 of EO 13959): from `date` on, the listing no longer applies and
    the successor (`by`, a measure id) governs through its own listing."""

    on: date = Field(alias="date")
    by: str
    citations: tuple[str, ...]
    detail: str


class CuratedListing(Record):
    list: str
    source_list: str
    start: date
    programs: tuple[str, ...] = ()
    citations: tuple[str, ...]
    remarks: str = ""
    # Dates the measure's anchors read (`effective`, `divestment`, ...), as a list publishes.
    dates: dict[str, date] = {}
    milestones: tuple[Milestone, ...] = ()
    superseded: Supersession | None = None


class CuratedParty(Record):
    """A designation the bundled list files do not carry, kept as data with citations."""

    id: str
    schema_name: str = Field(alias="schema")
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    listings: tuple[CuratedListing, ...]


class FactTest(Record):
    fact: str
    on_or_before: date | None = None
    equals: str | None = None
    is_true: bool | None = None

    def check(self, value: FactValue) -> bool:
        if self.on_or_before is not None:
            return isinstance(value, date) and value <= self.on_or_before
        if self.equals is not None:
            return isinstance(value, str) and value.strip().upper() == self.equals.upper()
        if self.is_true is not None:
            return isinstance(value, bool) and value is self.is_true
        return False


class Condition(Record):
    """Holds when any of its tests holds; unknown facts make it a question, never a guess."""

    any_of: tuple[FactTest, ...]
    question: str
    describe: str
    unconfirmed_from: date | None = None
    unconfirmed_note: str = ""


class MeasureRule(Record):
    activities: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    effect: Effect
    starts: Anchor | None = Field(default=None, alias="from")
    ends: Anchor | None = Field(default=None, alias="until")
    license_from_entry: bool = False
    detail: str
    citations: tuple[str, ...] = ()
    # Facts the rule needs: a failed condition means the rule does not apply, an unknown
    # one makes the rule a question (e.g. whether equipment is the "covered" equipment).
    conditions: tuple[Condition, ...] = ()
    # What a human must answer when the rule's effect is needs_review.
    question: str | None = None

    def covers(self, activity: Activity) -> bool:
        return activity.name in self.activities or any(d in self.domains for d in activity.domains)


class Measure(Record):
    id: str
    title: str
    lists: tuple[str, ...]
    citations: tuple[str, ...]
    rules: tuple[MeasureRule, ...]
    license_scopes: tuple[LicenseScope, ...] = ()
    default_review_policy: str | None = None


class Window(Record):
    starts: date = Field(alias="from")
    ends: date | None = Field(default=None, alias="to")
    citations: tuple[str, ...]
    detail: str = ""

    def contains(self, on: date) -> bool:
        return self.starts <= on and (self.ends is None or on <= self.ends)


class Removal(Record):
    on: date = Field(alias="date")
    citations: tuple[str, ...]
    detail: str


class Paragraph(Record):
    id: str
    title: str
    activities: tuple[str, ...]
    conditions: tuple[Condition, ...] = ()
    removed: Removal | None = None


class Authorization(Record):
    id: str
    title: str
    citations: tuple[str, ...]
    location: str
    overrides: tuple[str, ...]
    parties: PartySelector
    windows: tuple[Window, ...]
    paragraphs: tuple[Paragraph, ...]
    ended: Removal | None = None
    requirements: str = ""
    unconfirmed_parties: PartySelector | None = None
    unconfirmed_question: str = ""

    def window_on(self, on: date) -> Window | None:
        """The window in force; on a day two windows share, the later one (the extension)."""
        current = [w for w in self.windows if w.contains(on)]
        return max(current, key=lambda w: w.starts) if current else None


class CourtOrder(Record):
    on: date = Field(alias="date")
    kind: str
    effect: Literal["suspends", "ends"]
    citations: tuple[str, ...]
    detail: str


class LegalAction(Record):
    id: str
    case: str
    docket: str
    parties: PartySelector
    measures: tuple[str, ...]
    orders: tuple[CourtOrder, ...]

    def order_on(self, on: date) -> CourtOrder | None:
        """The latest order made on or before the date governs."""
        made = [o for o in self.orders if o.on <= on]
        return max(made, key=lambda o: o.on) if made else None


class Suspension(Record):
    starts: date = Field(alias="from")
    ends: date = Field(alias="to")
    citations: tuple[str, ...]
    detail: str

    def contains(self, on: date) -> bool:
        return self.starts <= on <= self.ends


class StatedFactRule(Record):
    """A rule that reaches a party through a fact the user states about it rather than a
    listing of its own: e.g. the BIS Affiliates Rule (an entity owned 50% or more by listed
    parties takes their license requirement). It speaks only when the fact is stated true:
    asking every question about ownership would turn every clear answer into a doubt."""

    id: str
    title: str
    when: FactTest
    activities: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    effect: Effect
    effective: date
    suspensions: tuple[Suspension, ...] = ()
    citations: tuple[str, ...]
    detail: str
    review_policy: str | None = None

    def covers(self, activity: Activity) -> bool:
        return activity.name in self.activities or any(d in self.domains for d in activity.domains)

    def suspension_on(self, on: date) -> Suspension | None:
        return next((s for s in self.suspensions if s.contains(on)), None)


class PolicyFile(Record):
    """One data file: any mix of the record families, each under its own key."""

    measures: tuple[Measure, ...] = ()
    listing_rules: tuple[ListingRule, ...] = ()
    curated_parties: tuple[CuratedParty, ...] = ()
    authorizations: tuple[Authorization, ...] = ()
    legal_actions: tuple[LegalAction, ...] = ()
    stated_fact_rules: tuple[StatedFactRule, ...] = ()
