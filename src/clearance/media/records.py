"""An accepted event as a policy record, in the format of clearance/policy/data, cited to its
article.

One builder per event kind (a registry): a licence becomes an authorization window over the
measure of the list the party is on, a court order a legal action, a listing or investment ban
a curated party. The record is validated with the policy loader when it is drafted, so that
an approval never writes a file that `decide` would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from clearance.errors import InputError, PolicyError
from clearance.media.types import Event, EventKind
from clearance.policy.activities import get_activity
from clearance.policy.approved import NEWS_CITATION
from clearance.policy.book import PolicyBook, check_references
from clearance.policy.schema import PolicyFile

# What a licence's scope, as the article words it (clearance.media.rules.DETAILS), authorizes:
# the activities of the policy vocabulary (clearance.policy.activities).
DETAIL_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "maintain existing networks": ("network_maintenance",),
    "software updates to existing handsets": ("device_support",),
    "serve existing customers": ("network_maintenance", "device_support"),
}
_VACATUR = re.compile(r"\bvacat|撤销", re.IGNORECASE)
_INJUNCTION = re.compile(r"\binjunction\b|\benjoin|禁令", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """The article an event came from, as kept with the reading."""

    article_id: str
    source: str
    title: str | None
    published: date | None

    @property
    def citation(self) -> str:
        title = f"{self.title}, " if self.title else ""
        return f"{NEWS_CITATION}{title}{self.source} ({self.article_id})"

    @classmethod
    def from_article(cls, article: dict[str, Any]) -> Source:
        published = article.get("published")
        return cls(
            article_id=str(article["id"]),
            source=str(article["source"]),
            title=article.get("title"),
            published=date.fromisoformat(published) if published else None,
        )


@dataclass(frozen=True)
class Subject:
    """Who the record concerns: the party's name and the entities the reading linked it to."""

    name: str
    organisation: bool | None
    entity_ids: tuple[str, ...]

    def selector(self) -> dict[str, Any]:
        return {"entity_ids": list(self.entity_ids), "names": [rf"\b{re.escape(self.name)}\b"]}


@dataclass(frozen=True)
class Request:
    event: Event
    source: Source
    subject: Subject
    record_id: str
    book: PolicyBook
    activities: tuple[str, ...] = ()


Builder = Callable[[Request], dict[str, Any]]


def _start(request: Request, what: str) -> str:
    """The day the event took effect: the article's date for it, else its publication date."""
    day = request.event.start or request.source.published
    if day is None:
        raise InputError(
            f"the article gives no date for this {what} and has no publication date; "
            "read it again with --published YYYY-MM-DD",
            field="published",
        )
    return day.isoformat()


def _measure_id(request: Request) -> str:
    list_id = request.event.measure
    measure = request.book.measure_for(list_id) if list_id else None
    if measure is None:
        raise InputError(
            f"the event names no list whose measure clearance knows (got {list_id!r}); "
            "it cannot be relieved by an authorization or a court order",
            field="measure",
        )
    return measure.id


def _activities(request: Request) -> tuple[str, ...]:
    chosen = request.activities or tuple(
        dict.fromkeys(a for d in request.event.details for a in DETAIL_ACTIVITIES.get(d, ()))
    )
    if not chosen:
        raise InputError(
            "the article does not say which activities the licence authorizes; "
            "name them with --activity (e.g. network_maintenance)",
            field="activities",
        )
    for name in chosen:
        get_activity(name)
    return chosen


def _authorization(request: Request) -> dict[str, Any]:
    event, cite = request.event, request.source.citation
    window: dict[str, Any] = {
        "from": _start(request, "licence"),
        "to": event.end.isoformat() if event.end else None,
        "citations": [cite],
        "detail": event.sentence,
    }
    return {
        "id": request.record_id,
        "title": f"{event.kind.replace('_', ' ')} for {request.subject.name} (from the news)",
        "citations": [cite],
        "location": f"as reported in {request.source.source}; check the Federal Register",
        "overrides": [_measure_id(request)],
        "parties": request.subject.selector(),
        "windows": [window],
        "paragraphs": [
            {"id": f"(news {n})", "title": get_activity(name).description, "activities": [name]}
            for n, name in enumerate(_activities(request), start=1)
        ],
    }


def _legal_action(request: Request) -> dict[str, Any]:
    event, cite = request.event, request.source.citation
    cited = {c.kind: c.normalised for c in event.citations}
    ends = bool(_VACATUR.search(event.sentence))
    kind = (
        "vacatur"
        if ends
        else "preliminary injunction"
        if _INJUNCTION.search(event.sentence)
        else "court order"
    )
    return {
        "id": request.record_id,
        "case": cited.get("case") or f"court case reported in {request.source.source}",
        "docket": cited.get("docket") or "docket not given in the article",
        "parties": request.subject.selector(),
        "measures": [_measure_id(request)],
        "orders": [
            {
                "date": _start(request, "court order"),
                "kind": kind,
                "effect": "ends" if ends else "suspends",
                "citations": [cite],
                "detail": event.sentence,
            }
        ],
    }


def _curated_party(request: Request) -> dict[str, Any]:
    event, cite = request.event, request.source.citation
    if not event.measure:
        raise InputError("the event names no list; clearance cannot record it", field="measure")
    measure = request.book.measure_for(event.measure)
    return {
        "id": request.record_id,
        "schema": "Person" if request.subject.organisation is False else "Company",
        "names": [request.subject.name],
        "listings": [
            {
                "list": event.measure,
                "source_list": measure.title if measure else event.measure,
                "start": _start(request, "listing"),
                "citations": [cite],
                "remarks": f"{event.kind.replace('_', ' ')} reported in the news: {event.sentence}",
            }
        ],
    }


def _refuse(reason: str) -> Builder:
    def refuse(request: Request) -> dict[str, Any]:
        raise InputError(f"a {request.event.kind.replace('_', ' ')} event {reason}", field="event")

    return refuse


BUILDERS: dict[EventKind, tuple[str, Builder]] = {
    EventKind.LICENSE_GRANTED: ("authorizations", _authorization),
    EventKind.LICENSE_EXTENDED: ("authorizations", _authorization),
    EventKind.COURT_ORDER: ("legal_actions", _legal_action),
    EventKind.LISTING: ("curated_parties", _curated_party),
    EventKind.INVESTMENT_BAN: ("curated_parties", _curated_party),
    # Ending a licence or a listing amends a record; the news only ever adds one.
    EventKind.LICENSE_ENDED: (
        "authorizations",
        _refuse("amends an existing authorization; edit the policy data (clearance/policy/data)"),
    ),
    EventKind.DELISTING: (
        "curated_parties",
        _refuse("is read from the list files, not made policy from the news"),
    ),
}


def build_record(request: Request) -> tuple[str, dict[str, Any]]:
    """The record family and a record that the policy loader accepts, or an InputError."""
    family, builder = BUILDERS[request.event.kind]
    record = builder(request)
    validate_record(family, record, request.book, label=f"the draft of {request.event.id}")
    return family, record


def validate_record(family: str, record: dict[str, Any], book: PolicyBook, label: str) -> None:
    """The checks the policy loader makes on a data file, on one record."""
    from pydantic import ValidationError

    try:
        document = PolicyFile.model_validate({family: [record]})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(f"{label}, field {where!r}: {first['msg']}", field=where) from None
    try:
        check_references(book.extended(label, document))
    except PolicyError as exc:
        raise InputError(f"{label}: {exc.message}") from None


def linked_entities(parties: Sequence[dict[str, Any]], key: str) -> Subject:
    """The party of a kept reading, by key, as a record's subject."""
    party = next((p for p in parties if p.get("key") == key), None)
    if party is None:
        return Subject(key, None, ())
    ids = [str(e["entity_id"]) for e in party.get("entities", [])]
    if party.get("curated_id"):
        ids.append(str(party["curated_id"]))
    return Subject(str(party["name"]), party.get("organisation"), tuple(dict.fromkeys(ids)))
