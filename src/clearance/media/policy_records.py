"""The policy book (clearance.policy) as records that media events are compared with."""

from __future__ import annotations

import re
from collections.abc import Iterable

from clearance.media.compare import KnownRecord, KnownRecords
from clearance.media.types import EventKind
from clearance.policy.book import CURATED_SOURCE, PolicyBook, default_book
from clearance.policy.schema import Authorization, PartySelector

_LISTING = frozenset({EventKind.LISTING})
_CURATED = frozenset({EventKind.LISTING, EventKind.INVESTMENT_BAN})
_MEASURE_LISTS = {"bis_entity_list": "us_bis_entity_list", "dod_ccmc_eo13959": "us_dod_ccmc"}


def _selector_names(selector: PartySelector, book: PolicyBook) -> tuple[str, ...]:
    names = list(selector.names)
    for rule in book.listing_rules:
        if rule.id in selector.listing_rules:
            names.extend(rule.names)
    return tuple(names)


def _selector_citations(selector: PartySelector, book: PolicyBook) -> frozenset[str]:
    return frozenset(
        c
        for rule in book.listing_rules
        if rule.id in selector.listing_rules
        for c in rule.entries_cited_as
    )


def _authorization_records(auth: Authorization, book: PolicyBook) -> Iterable[KnownRecord]:
    names = _selector_names(auth.parties, book)
    ids = frozenset(auth.parties.entity_ids)
    cited = _selector_citations(auth.parties, book)
    measure = next((_MEASURE_LISTS[m] for m in auth.overrides if m in _MEASURE_LISTS), None)
    for number, window in enumerate(auth.windows):
        kind = EventKind.LICENSE_GRANTED if number == 0 else EventKind.LICENSE_EXTENDED
        yield KnownRecord(
            f"{auth.id}#window{number + 1}",
            frozenset({kind}),
            names,
            ids,
            measure,
            window.starts,
            window.ends,
            window.citations,
            cited,
        )
    if auth.ended is not None:
        last = auth.windows[-1].ends if auth.windows else auth.ended.on
        yield KnownRecord(
            f"{auth.id}#ended",
            frozenset({EventKind.LICENSE_ENDED}),
            names,
            ids,
            measure,
            None,
            last,
            auth.ended.citations,
            cited,
        )


def known_records(book: PolicyBook | None = None) -> KnownRecords:
    book = book or default_book()
    records: list[KnownRecord] = []
    for rule in book.listing_rules:
        records.append(
            KnownRecord(
                rule.id,
                _LISTING,
                rule.names,
                frozenset(),
                rule.list,
                rule.effective,
                None,
                rule.citations,
                frozenset(rule.entries_cited_as),
            )
        )
    for party in book.curated_parties:
        names = tuple(re.escape(n) for n in (*party.names, *party.aliases))
        for listing in party.listings:
            records.append(
                KnownRecord(
                    f"{party.id}#{listing.list}",
                    _CURATED,
                    names,
                    frozenset({f"{CURATED_SOURCE}:{party.id}"}),
                    listing.list,
                    listing.start,
                    None,
                    listing.citations,
                )
            )
    for auth in book.authorizations:
        records.extend(_authorization_records(auth, book))
    for action in book.legal_actions:
        names = _selector_names(action.parties, book)
        for order in action.orders:
            records.append(
                KnownRecord(
                    f"{action.id}#{order.kind.replace(' ', '_')}",
                    frozenset({EventKind.COURT_ORDER}),
                    names,
                    frozenset(action.parties.entity_ids),
                    None,
                    order.on,
                    None,
                    order.citations,
                    _selector_citations(action.parties, book),
                )
            )
    return KnownRecords(records)
