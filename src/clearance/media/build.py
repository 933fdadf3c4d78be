"""Build a MediaReader from the active lists, the policy data and the matching engine."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from clearance.match.screener import extra_fingerprint
from clearance.media.drafts import DraftBook
from clearance.media.gazetteer import Gazetteer
from clearance.media.linking import NameMatcher
from clearance.media.policy_records import known_records
from clearance.media.reader import MediaReader
from clearance.model import Entity
from clearance.policy.book import PolicyBook, curated_entities

if TYPE_CHECKING:
    from clearance.service import Clearance

GAZETTEER_FORMAT = 1


def build_gazetteer(
    entities: Iterable[Entity], curated: Iterable[Entity] | None = None
) -> Gazetteer:
    """The listed entities, plus the curated parties (default: the bundled policy data's)."""
    gazetteer = Gazetteer.build(entities)
    gazetteer.extend(curated_entities() if curated is None else curated, curated=True)
    return gazetteer


def cached_gazetteer(
    entities: Iterable[Entity],
    cache_dir: Path,
    data_version: str,
    curated: Iterable[Entity] | None = None,
) -> Gazetteer:
    """The gazetteer of this data version and these curated parties, compiled once and kept
    beside the match index: a party approved from the news makes a new one."""
    curated_list, fingerprint = extra_fingerprint(
        curated_entities() if curated is None else curated
    )
    safe = "".join(ch if ch.isalnum() else "_" for ch in data_version)[:80]
    path = cache_dir / f"media-gazetteer-v{GAZETTEER_FORMAT}-{safe}-{fingerprint}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Gazetteer):
            return cached
    gazetteer = build_gazetteer(entities, curated_list)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(gazetteer, handle)
    tmp.replace(path)
    return gazetteer


def build_reader(
    gazetteer: Gazetteer,
    matcher: NameMatcher | None,
    threshold: float = 0.7,
    book: PolicyBook | None = None,
) -> MediaReader:
    """A reader comparing events with `book` (default: the bundled policy data)."""
    return MediaReader(gazetteer, matcher, known_records(book), threshold)


def service_reader(service: Clearance, screener: NameMatcher | None = None) -> MediaReader:
    """The reader of one configuration: its active lists, its match index (or `screener`, a
    hot-swapped one) and its policy book with the records approved from the news."""
    book = service.policy_book()
    gazetteer = cached_gazetteer(
        service.store.active_entities(),
        service.settings.cache_dir,
        service.data_version(),
        curated_entities(book),
    )
    return build_reader(
        gazetteer,
        screener if screener is not None else service.screener,
        service.settings.match_threshold,
        book,
    )


def media_drafts(service: Clearance) -> DraftBook:
    """Readings, drafts and approved records of one configuration (`Settings.media_path`)."""
    return DraftBook(service.settings.media_path)
