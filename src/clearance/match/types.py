"""Result types of matching: a score never travels without the features that produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clearance.model import Entity, Schema


@dataclass(frozen=True)
class Query:
    """What is screened: one or more names, and whatever else is known of the party."""

    names: tuple[str, ...]
    schema: Schema | None = None
    countries: tuple[str, ...] = ()
    birth_date: date | None = None
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feature:
    """One feature's contribution to a score, in words an analyst understands."""

    name: str
    score: float
    weight: float
    detail: str
    query: str | None = None
    candidate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "weight": self.weight,
            "detail": self.detail,
            "query": self.query,
            "candidate": self.candidate,
        }


@dataclass(frozen=True)
class Comparison:
    """The score of one query against one candidate, with its explanation."""

    score: float
    query_name: str
    candidate_name: str
    features: tuple[Feature, ...] = field(default_factory=tuple)

    def explanation(self) -> str:
        return "; ".join(f"{f.name}: {f.detail}" for f in self.features)


@dataclass(frozen=True)
class Match:
    entity: Entity
    comparison: Comparison
    is_match: bool

    @property
    def score(self) -> float:
        return self.comparison.score
