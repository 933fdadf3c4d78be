"""Result types of adverse-media reading: an article, the parties it names, the events it reports.

Every proposed event carries the sentence that supports it, its confidence and how it compares
with the policy data, so that an analyst can accept or reject it without rereading the article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Article:
    """The readable text of one news article and where it came from."""

    source: str
    text: str
    title: str | None = None
    published: date | None = None

    @property
    def id(self) -> str:
        """Stable identifier of the content: the same text read twice has the same id."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return f"art_{digest[:12]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": _iso(self.published),
            "characters": len(self.text),
        }


class PartyStatus(StrEnum):
    LISTED = "listed"  # linked to at least one entity of an active list
    CURATED = "curated"  # known to the policy data (e.g. formerly designated), not listed today
    UNLISTED = "unlisted"  # on no list the engine knows


@dataclass(frozen=True)
class Mention:
    """A span of the article text that names a party."""

    text: str
    start: int
    end: int
    method: str  # "gazetteer", "gazetteer-pinyin", "heuristic"
    entity_ids: tuple[str, ...] = ()
    organisation: bool | None = None
    key: str = ""  # the normalised name the mention was found under


@dataclass(frozen=True)
class LinkedEntity:
    entity_id: str
    caption: str
    score: float
    lists: tuple[str, ...]
    explanation: str
    citations: tuple[str, ...] = ()  # of the entity's listings, e.g. "84 FR 22961"

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "score": round(self.score, 3),
            "lists": list(self.lists),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Party:
    """One organisation or person the article names, with every surface form it used."""

    key: str
    name: str
    status: PartyStatus
    mentions: tuple[str, ...]
    mention_count: int
    organisation: bool | None
    entities: tuple[LinkedEntity, ...] = ()
    curated_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "status": str(self.status),
            "mentions": list(self.mentions),
            "mention_count": self.mention_count,
            "organisation": self.organisation,
            "curated_id": self.curated_id,
            "entities": [e.to_dict() for e in self.entities],
        }


class EventKind(StrEnum):
    """Event types, named after the record types of the policy data they would become."""

    LISTING = "listing"
    DELISTING = "delisting"
    LICENSE_GRANTED = "license_granted"
    LICENSE_EXTENDED = "license_extended"
    LICENSE_ENDED = "license_ended"
    COURT_ORDER = "court_order"
    INVESTMENT_BAN = "investment_ban"


class Comparison(StrEnum):
    KNOWN = "already_known"
    NEW = "new"
    CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class DateMention:
    """A date expression of the article and the calendar date it resolves to, if any."""

    text: str
    value: date | None
    role: str  # "start", "end", "on"
    precision: str = "day"  # "day", "week", "month", "year": "last week" is a week, not a day

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": _iso(self.value),
            "role": self.role,
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Citation:
    kind: str  # "federal_register", "official_journal", "case", "docket", "cfr", "celex"
    text: str
    normalised: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "normalised": self.normalised}


@dataclass(frozen=True)
class PolicyMatch:
    """How a proposed event compares with the policy data, and which record decided it."""

    status: Comparison
    record_id: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"status": str(self.status), "record_id": self.record_id, "detail": self.detail}


@dataclass(frozen=True)
class Event:
    """A candidate sanction event for one party, as the article reports it."""

    id: str
    kind: EventKind
    party: str
    measure: str | None
    sentence: str
    confidence: float
    start: date | None = None
    end: date | None = None
    dates: tuple[DateMention, ...] = ()
    details: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    policy: PolicyMatch = field(default_factory=lambda: PolicyMatch(Comparison.NEW))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "party": self.party,
            "measure": self.measure,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "dates": [d.to_dict() for d in self.dates],
            "details": list(self.details),
            "sentence": self.sentence,
            "confidence": round(self.confidence, 2),
            "citations": [c.to_dict() for c in self.citations],
            "policy": self.policy.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        policy = data.get("policy") or {"status": "new"}
        return cls(
            id=data["id"],
            kind=EventKind(data["kind"]),
            party=data["party"],
            measure=data.get("measure"),
            sentence=data["sentence"],
            confidence=float(data["confidence"]),
            start=_opt_date(data.get("start")),
            end=_opt_date(data.get("end")),
            dates=tuple(
                DateMention(
                    d["text"], _opt_date(d.get("value")), d["role"], d.get("precision", "day")
                )
                for d in data.get("dates", [])
            ),
            details=tuple(data.get("details", [])),
            citations=tuple(
                Citation(c["kind"], c["text"], c["normalised"]) for c in data.get("citations", [])
            ),
            policy=PolicyMatch(
                Comparison(policy["status"]), policy.get("record_id"), policy.get("detail", "")
            ),
        )


@dataclass(frozen=True)
class Reading:
    """Everything read from one article."""

    article: Article
    parties: tuple[Party, ...]
    events: tuple[Event, ...]
    citations: tuple[Citation, ...]

    def party(self, key: str) -> Party | None:
        return next((p for p in self.parties if p.key == key), None)

    def events_for(self, key: str) -> list[Event]:
        return [e for e in self.events if e.party == key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "parties": [p.to_dict() for p in self.parties],
            "events": [e.to_dict() for e in self.events],
            "citations": [c.to_dict() for c in self.citations],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
