"""The policy book: every data file under `clearance/policy/data`, validated and indexed.

A file that does not fit the schema is a `PolicyError` naming the file and the field, so a
compliance team extending the data sees what to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from clearance.errors import PolicyError
from clearance.model import Entity, Listing, Schema
from clearance.policy.activities import FACTS, get_activity
from clearance.policy.schema import (
    Authorization,
    Condition,
    CuratedListing,
    CuratedParty,
    LegalAction,
    ListingRule,
    Measure,
    PolicyFile,
    StatedFactRule,
    Supersession,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
CURATED_SOURCE = "clearance_policy"
# The C loader when libyaml is present: same safe subset, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class PolicyBook:
    measures: tuple[Measure, ...] = ()
    listing_rules: tuple[ListingRule, ...] = ()
    curated_parties: tuple[CuratedParty, ...] = ()
    authorizations: tuple[Authorization, ...] = ()
    legal_actions: tuple[LegalAction, ...] = ()
    stated_fact_rules: tuple[StatedFactRule, ...] = ()
    files: tuple[str, ...] = field(default=())

    def extended(self, name: str, part: PolicyFile) -> PolicyBook:
        """This book with one more data file's records after its own."""
        return PolicyBook(
            measures=(*self.measures, *part.measures),
            listing_rules=(*self.listing_rules, *part.listing_rules),
            curated_parties=(*self.curated_parties, *part.curated_parties),
            authorizations=(*self.authorizations, *part.authorizations),
            legal_actions=(*self.legal_actions, *part.legal_actions),
            stated_fact_rules=(*self.stated_fact_rules, *part.stated_fact_rules),
            files=(*self.files, name),
        )

    def curated_listing(self, entity: Entity, listing: Listing) -> CuratedListing | None:
        """The curated record behind a listing of a curated entity, if it is one."""
        if entity.source != CURATED_SOURCE:
            return None
        party_id = entity.id.removeprefix(f"{CURATED_SOURCE}:")
        for party in self.curated_parties:
            if party.id == party_id:
                for curated in party.listings:
                    if curated.list == listing.list_id:
                        return curated
        return None

    def supersession(self, entity: Entity, listing: Listing) -> Supersession | None:
        """When a curated listing's measure was replaced by another for this party."""
        curated = self.curated_listing(entity, listing)
        return curated.superseded if curated else None

    def measure_for(self, list_id: str) -> Measure | None:
        for measure in self.measures:
            if list_id in measure.lists:
                return measure
        return None

    def linked_rules(self, entity: Entity, listing: Listing) -> list[ListingRule]:
        return [rule for rule in self.listing_rules if rule.links(entity, listing)]

    def entity_rule_ids(self, entity: Entity) -> frozenset[str]:
        return frozenset(
            rule.id for listing in entity.listings for rule in self.linked_rules(entity, listing)
        )

    def effective_start(
        self, entity: Entity, listing: Listing
    ) -> tuple[date | None, ListingRule | None]:
        """The date a listing took effect: the earliest linked rule's effective date, else
        the date the list publishes (15 CFR 744.16: the effective date, not the FR
        publication date, governs)."""
        rules = self.linked_rules(entity, listing)
        if rules:
            first = min(rules, key=lambda rule: rule.effective)
            return first.effective, first
        return listing.start_date or listing.dates.get("listing"), None


def load_book(directory: Path = DATA_DIR) -> PolicyBook:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise PolicyError(f"no policy data files (*.yaml) in {directory}")
    book = assemble([(path.name, load_policy_file(path)) for path in files])
    check_references(book)
    return book


def assemble(parts: Iterable[tuple[str, PolicyFile]]) -> PolicyBook:
    """One book from named data files, in order."""
    book = PolicyBook()
    for name, part in parts:
        book = book.extended(name, part)
    return book


@cache
def default_book() -> PolicyBook:
    return load_book()


def load_policy_file(path: Path, label: str | None = None) -> PolicyFile:
    """One data file, validated; a problem names the file (`label`, else its name) and field."""
    name = label or path.name
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise PolicyError(f"{name}: not valid YAML: {exc}") from None
    try:
        return PolicyFile.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PolicyError(
            f"{name}, field {where!r}: {first['msg']} ({exc.error_count()} problem(s))"
        ) from None


def check_references(book: PolicyBook) -> None:
    """Every id a record points to must exist: a typo must not silently disable a rule."""
    measure_ids = {m.id for m in book.measures}
    rule_ids = {r.id for r in book.listing_rules}
    problems: list[str] = []
    for measure in book.measures:
        for rule in measure.rules:
            problems += _unknown_activities(measure.id, rule.activities)
            problems += _unknown_facts(measure.id, rule.conditions)
    for stated in book.stated_fact_rules:
        problems += _unknown_activities(stated.id, stated.activities)
        if stated.when.fact not in FACTS:
            problems.append(f"{stated.id}: unknown fact {stated.when.fact!r}")
    for party in book.curated_parties:
        problems += [
            f"{party.id}: superseded by unknown measure {listing.superseded.by!r}"
            for listing in party.listings
            if listing.superseded is not None and listing.superseded.by not in measure_ids
        ]
    for auth in book.authorizations:
        problems += [
            f"{auth.id}: unknown measure {m!r}" for m in auth.overrides if m not in measure_ids
        ]
        selectors = [
            auth.parties,
            *([auth.unconfirmed_parties] if auth.unconfirmed_parties else []),
        ]
        for selector in selectors:
            problems += [
                f"{auth.id}: unknown listing rule {r!r}"
                for r in selector.listing_rules
                if r not in rule_ids
            ]
        for paragraph in auth.paragraphs:
            problems += _unknown_activities(f"{auth.id} {paragraph.id}", paragraph.activities)
            problems += _unknown_facts(f"{auth.id} {paragraph.id}", paragraph.conditions)
    for action in book.legal_actions:
        problems += [
            f"{action.id}: unknown measure {m!r}" for m in action.measures if m not in measure_ids
        ]
    if problems:
        raise PolicyError("policy data refers to unknown ids: " + "; ".join(problems))


def _unknown_facts(owner: str, conditions: Iterable[Condition]) -> list[str]:
    return [
        f"{owner}: unknown fact {test.fact!r}"
        for condition in conditions
        for test in condition.any_of
        if test.fact not in FACTS
    ]


def _unknown_activities(owner: str, names: Iterable[str]) -> list[str]:
    problems = []
    for name in names:
        try:
            get_activity(name)
        except PolicyError as exc:
            problems.append(f"{owner}: {exc.message}")
    return problems


def curated_entities(book: PolicyBook | None = None) -> list[Entity]:
    """Designations the bundled lists lack, as entities the screener indexes as `extra`."""
    book = book or default_book()
    entities = []
    for party in book.curated_parties:
        entity = Entity(
            id=f"{CURATED_SOURCE}:{party.id}",
            schema=Schema(party.schema_name),
            source=CURATED_SOURCE,
        )
        entity.add("name", party.names)
        entity.add("alias", party.aliases)
        entity.add("country", party.countries)
        for curated in party.listings:
            ended = curated.superseded
            entity.listings.append(
                Listing(
                    list_id=curated.list,
                    source_list=curated.source_list,
                    programs=curated.programs,
                    start_date=curated.start,
                    end_date=ended.on - timedelta(days=1) if ended else None,
                    citations=curated.citations,
                    remarks=curated.remarks or None,
                    dates={**curated.dates, "listing": curated.start},
                )
            )
        entities.append(entity)
    return entities
