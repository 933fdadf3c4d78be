"""yente's result filters (dataset, include/exclude dataset and schema, topics, changed_since,
excluded ids) and its `cutoff`/`limit` rules, applied to the screener's ranked matches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from clearance.api.changes import EntityHistory
from clearance.api.datasets import Dataset, entity_topics, get_dataset
from clearance.match.types import Match
from clearance.model import Entity

# The screener is asked for more candidates than will be returned, so that filtering
# by dataset, schema or topic still leaves `limit` results where the data has them.
CANDIDATE_FACTOR = 5
MIN_CANDIDATES = 20


@dataclass(frozen=True)
class ResultFilter:
    dataset: Dataset
    include_dataset: tuple[str, ...] = ()
    exclude_dataset: tuple[str, ...] = ()
    exclude_schema: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    changed_since: date | None = None
    exclude_entity_ids: frozenset[str] = field(default_factory=frozenset)
    histories: Mapping[str, EntityHistory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in (*self.include_dataset, *self.exclude_dataset):
            get_dataset(name)  # an unknown name is a 404 naming the known ones, not a no-op

    def accepts(self, entity: Entity) -> bool:
        if entity.id in self.exclude_entity_ids or not self.dataset.contains(entity):
            return False
        if str(entity.schema) in self.exclude_schema:
            return False
        if self.include_dataset and not any(
            get_dataset(name).contains(entity) for name in self.include_dataset
        ):
            return False
        if any(get_dataset(name).contains(entity) for name in self.exclude_dataset):
            return False
        if self.topics and not entity_topics(entity) & set(self.topics):
            return False
        return self.changed_since is None or self._changed_since(entity, self.changed_since)

    def _changed_since(self, entity: Entity, since: date) -> bool:
        """yente's `last_change >= since`, with the store's history (see api/changes.py); an
        entity without one is kept, since a change feed must not drop what it cannot date."""
        history = self.histories.get(entity.id)
        return history is None or history.last_change.date() >= since


def candidate_count(limit: int) -> int:
    return max(MIN_CANDIDATES, limit * CANDIDATE_FACTOR)


def select_results(
    matches: list[Match], result_filter: ResultFilter, cutoff: float, limit: int
) -> tuple[int, list[Match]]:
    """(total above the cutoff, the first `limit` of them), best first."""
    kept = [m for m in matches if m.score >= cutoff and result_filter.accepts(m.entity)]
    kept.sort(key=lambda m: m.score, reverse=True)
    return len(kept), kept[:limit]
