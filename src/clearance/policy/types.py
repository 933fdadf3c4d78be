"""Result types of a decision: an outcome never travels without its reasons and citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """What a US person may do; US spelling, as in the regulations."""

    PROHIBITED = "prohibited"
    LICENSE_REQUIRED = "license_required"
    REVIEW = "review"
    AUTHORIZED = "authorized"
    CLEAR = "clear"

    @property
    def severity(self) -> int:
        """Higher wins when reasons are combined: a certain prohibition outranks a doubt."""
        return _SEVERITY[self]


_SEVERITY: dict[Outcome, int] = {
    Outcome.CLEAR: 0,
    Outcome.AUTHORIZED: 1,
    Outcome.REVIEW: 2,
    Outcome.LICENSE_REQUIRED: 3,
    Outcome.PROHIBITED: 4,
}


class Effect(StrEnum):
    """What one rule does to the activity on the date asked about."""

    PROHIBITS = "prohibits"
    REQUIRES_LICENSE = "requires_license"
    AUTHORIZES = "authorizes"
    SUSPENDS = "suspends"
    ENDS = "ends"
    NEEDS_REVIEW = "needs_review"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    NO_LONGER_IN_FORCE = "no_longer_in_force"
    DOES_NOT_APPLY = "does_not_apply"

    @property
    def outcome(self) -> Outcome:
        return _EFFECT_OUTCOME.get(self, Outcome.CLEAR)


_EFFECT_OUTCOME: dict[Effect, Outcome] = {
    Effect.PROHIBITS: Outcome.PROHIBITED,
    Effect.REQUIRES_LICENSE: Outcome.LICENSE_REQUIRED,
    Effect.AUTHORIZES: Outcome.AUTHORIZED,
    Effect.NEEDS_REVIEW: Outcome.REVIEW,
}


@dataclass(frozen=True)
class Reason:
    """One link of the chain: which rule, what it does today, when it is valid, and why."""

    rule: str
    effect: Effect
    citations: tuple[str, ...]
    detail: str
    valid_from: date | None = None
    valid_to: date | None = None
    entity_id: str | None = None
    superseded_by: str | None = None
    question: str | None = None
    review_policy: str | None = None

    @property
    def outcome(self) -> Outcome:
        """What this reason alone decides; a superseded reason decides nothing."""
        return Outcome.CLEAR if self.superseded_by else self.effect.outcome

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "effect": str(self.effect),
            "citations": list(self.citations),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "detail": self.detail,
            "entity_id": self.entity_id,
            "superseded_by": self.superseded_by,
        }


@dataclass(frozen=True)
class MatchedParty:
    """A listed entity the party was resolved to, with the score that justifies it."""

    entity_id: str
    caption: str
    score: float
    lists: tuple[str, ...]
    strong: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "score": round(self.score, 4),
            "lists": list(self.lists),
            "strong": self.strong,
        }


@dataclass(frozen=True)
class Decision:
    party: str
    activity: str
    as_of: date
    outcome: Outcome
    reasons: tuple[Reason, ...]
    matches: tuple[MatchedParty, ...]
    data_version: str
    facts: dict[str, str] = field(default_factory=dict)
    review_policy: str | None = None
    questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "party": self.party,
            "activity": self.activity,
            "facts": dict(sorted(self.facts.items())),
            "outcome": str(self.outcome),
            "reasons": [reason.to_dict() for reason in self.reasons],
            "matches": [match.to_dict() for match in self.matches],
            "as_of": self.as_of.isoformat(),
            "data_version": self.data_version,
        }
        if self.outcome is Outcome.LICENSE_REQUIRED:
            document["review_policy"] = self.review_policy
        if self.outcome is Outcome.REVIEW:
            document["questions"] = list(self.questions)
        return document


@dataclass(frozen=True)
class TimelineEvent:
    """A dated change in what applies to a party."""

    on: date
    kind: str
    title: str
    citations: tuple[str, ...]
    entity_id: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "citations": list(self.citations),
            "entity_id": self.entity_id,
            "detail": self.detail,
        }
