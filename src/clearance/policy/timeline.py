"""Every dated event that changes what applies to a party, in order, with citations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from clearance.model import Entity, Listing
from clearance.policy.book import PolicyBook, default_book
from clearance.policy.evaluate import unique
from clearance.policy.schema import Authorization, LegalAction, Measure
from clearance.policy.types import TimelineEvent


def timeline(entities: Iterable[Entity], book: PolicyBook | None = None) -> list[TimelineEvent]:
    """Events of all the entities, in date order; an event shared by several (an
    authorization window, say) is listed once."""
    book = book or default_book()
    events: dict[tuple[str, str, str], TimelineEvent] = {}
    for entity in entities:
        for event in entity_events(book, entity):
            events.setdefault((event.on.isoformat(), event.kind, event.title), event)
    return sorted(events.values(), key=lambda e: (e.on, e.kind, e.title))


def entity_events(book: PolicyBook, entity: Entity) -> Iterator[TimelineEvent]:
    rule_ids = book.entity_rule_ids(entity)
    ended = _ended_by_court(book, entity, rule_ids)
    for listing in entity.listings:
        superseded = book.supersession(entity, listing)
        for event in _listing_events(book, entity, listing):
            # After a court ends a measure for the party, or another measure replaces it,
            # its scheduled dates no longer happen.
            cutoffs = [ended.get(listing.list_id), superseded.on if superseded else None]
            cutoff = min((c for c in cutoffs if c is not None), default=None)
            if event.kind != "measure" or cutoff is None or event.on < cutoff:
                yield event
    for auth in book.authorizations:
        selector_hit = auth.parties.selects(entity, rule_ids) or (
            auth.unconfirmed_parties is not None
            and auth.unconfirmed_parties.selects(entity, rule_ids)
        )
        if selector_hit:
            yield from _authorization_events(auth, entity)
    for action in book.legal_actions:
        if action.parties.selects(entity, rule_ids) and _touches(book, entity, action):
            yield from _court_events(action, entity)


def _listing_events(book: PolicyBook, entity: Entity, listing: Listing) -> Iterator[TimelineEvent]:
    start, rule = book.effective_start(entity, listing)
    measure = book.measure_for(listing.list_id)
    measure_cites = measure.citations if measure else ()
    cites = unique([*(rule.citations if rule else ()), *listing.citations, *measure_cites])
    if start is not None:
        detail = rule.detail if rule else ""
        if rule and listing.start_date and listing.start_date != start:
            detail += f" (the list gives {listing.start_date}, the publication date)"
        title = rule.title if rule else f"listed on {listing.source_list}"
        yield TimelineEvent(start, "listing", title, cites, entity.id, detail.strip())
    curated = book.curated_listing(entity, listing)
    for milestone in curated.milestones if curated else ():
        yield TimelineEvent(
            milestone.on, "designation", milestone.title, milestone.citations, entity.id
        )
    if curated is not None and curated.superseded is not None:
        superseded = curated.superseded
        title = f"{measure.title if measure else listing.source_list} superseded"
        yield TimelineEvent(
            superseded.on, "superseded", title, superseded.citations, entity.id, superseded.detail
        )
    elif listing.end_date is not None:
        title = f"removed from {listing.source_list}"
        yield TimelineEvent(listing.end_date, "removal", title, cites, entity.id)
    if measure is not None:
        yield from _measure_events(measure, entity, listing, start)


def _measure_events(
    measure: Measure, entity: Entity, listing: Listing, listed_on: date | None
) -> Iterator[TimelineEvent]:
    for rule in measure.rules:
        for anchor, word in ((rule.starts, "from"), (rule.ends, "ending")):
            if anchor is None:
                continue
            when = anchor.resolve(listing, listed_on)
            if when is None or when == listed_on:
                continue
            title = f"{measure.title}, {word} this date: {rule.detail}"
            yield TimelineEvent(when, "measure", title, measure.citations, entity.id, rule.detail)


def _authorization_events(auth: Authorization, entity: Entity) -> Iterator[TimelineEvent]:
    for number, window in enumerate(sorted(auth.windows, key=lambda w: w.starts)):
        kind = "authorization" if number == 0 else "extension"
        until = f"through {window.ends}" if window.ends else "until further notice"
        title = f"{auth.title} in force {until}"
        cites = unique([*auth.citations, *window.citations])
        yield TimelineEvent(window.starts, kind, title, cites, entity.id, window.detail)
    for paragraph in auth.paragraphs:
        if paragraph.removed is not None:
            removal = paragraph.removed
            title = f"{auth.title} {paragraph.id} removed"
            yield TimelineEvent(
                removal.on,
                "authorization_change",
                title,
                removal.citations,
                entity.id,
                removal.detail,
            )
    if auth.ended is not None:
        title = f"{auth.title} ended"
        cites = unique([*auth.ended.citations])
        yield TimelineEvent(
            auth.ended.on, "authorization_end", title, cites, entity.id, auth.ended.detail
        )


def _ended_by_court(book: PolicyBook, entity: Entity, rule_ids: frozenset[str]) -> dict[str, date]:
    """List id -> the date a court order ended the measure of that list for this party."""
    ended: dict[str, date] = {}
    for action in book.legal_actions:
        ends = [order.on for order in action.orders if order.effect == "ends"]
        if not ends or not action.parties.selects(entity, rule_ids):
            continue
        for measure in book.measures:
            if measure.id in action.measures:
                for list_id in measure.lists:
                    ended[list_id] = min(ends)
    return ended


def _touches(book: PolicyBook, entity: Entity, action: LegalAction) -> bool:
    listed = {listing.list_id for listing in entity.listings}
    return any(
        set(measure.lists) & listed for measure in book.measures if measure.id in action.measures
    )


def _court_events(action: LegalAction, entity: Entity) -> Iterator[TimelineEvent]:
    for order in action.orders:
        title = f"{action.case}, {action.docket}: {order.kind}"
        cites = unique([action.case, *order.citations])
        yield TimelineEvent(order.on, "court_order", title, cites, entity.id, order.detail)
