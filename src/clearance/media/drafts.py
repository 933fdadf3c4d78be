"""Drafts: reviewed events on their way into the policy data, never policy until approved.

`media read` keeps each reading (with the article text, its source) under the media directory
(`Settings.media_path`); `media accept EVENT_ID` turns one event into a draft policy record,
validated as the policy loader would; `media approve DRAFT_ID` (another reviewer: four eyes)
writes it as a policy data file into `approved/`, the one folder the policy book loads
besides the bundled data (clearance.policy.approved), with the article as its source.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from clearance.errors import InputError, NotFoundError
from clearance.media.records import Request, Source, build_record, linked_entities
from clearance.media.types import Comparison, Event, Reading
from clearance.policy.approved import approved_dir, load_approved_file, policy_book

_DRAFT_ID = re.compile(r"draft_[0-9a-f]{10}")
DRAFT = "draft"
APPROVED = "approved"


@dataclass(frozen=True)
class Draft:
    id: str
    status: str
    record_family: str
    record: dict[str, Any]
    event: dict[str, Any]
    source: dict[str, Any]
    accepted_by: str
    accepted_at: str
    approved_by: str | None = None
    approved_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class DraftBook:
    """Readings, drafts and approved records under one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.readings = directory / "readings"
        self.drafts = directory / "drafts"
        self.approved = approved_dir(directory)

    def keep(self, reading: Reading) -> Path:
        self.readings.mkdir(parents=True, exist_ok=True)
        document = reading.to_dict()
        document["article"]["text"] = reading.article.text
        path = self.readings / f"{reading.article.id}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def find_event(self, event_id: str) -> tuple[Event, dict[str, Any], list[dict[str, Any]]]:
        """The event, its article and the parties of the reading that reported it."""
        for path in sorted(self.readings.glob("*.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            for item in document.get("events", []):
                if item["id"] == event_id:
                    return Event.from_dict(item), document["article"], document["parties"]
        raise NotFoundError(f"no event {event_id!r} in the kept readings; run `media read` first")

    def accept(self, event_id: str, actor: str, activities: tuple[str, ...] = ()) -> Draft:
        """A draft record of the event; `activities` name what a licence authorizes when the
        article does not say it in words clearance reads."""
        event, article, parties = self.find_event(event_id)
        if event.policy.status is Comparison.KNOWN:
            raise InputError(
                f"event {event_id} is already in the policy data as {event.policy.record_id}; "
                "nothing to accept",
                field="event_id",
            )
        digest = hashlib.sha256(f"{event_id}|{article['id']}".encode()).hexdigest()
        request = Request(
            event=event,
            source=Source.from_article(article),
            subject=linked_entities(parties, event.party),
            record_id=f"news_{digest[:10]}",
            book=policy_book(self.approved),
            activities=activities,
        )
        family, record = build_record(request)
        draft = Draft(
            id=f"draft_{digest[:10]}",
            status=DRAFT,
            record_family=family,
            record=record,
            event=event.to_dict(),
            source={k: article.get(k) for k in ("id", "source", "title", "published", "text")},
            accepted_by=actor,
            accepted_at=_now(),
        )
        self._write(draft)
        return draft

    def get(self, draft_id: str) -> Draft:
        path = self.drafts / f"{draft_id}.json"
        # An id is a name in this folder, never a path (it may come from an HTTP request).
        if not _DRAFT_ID.fullmatch(draft_id) or not path.exists():
            raise NotFoundError(f"no draft {draft_id!r}; `media drafts` lists them")
        return Draft(**json.loads(path.read_text(encoding="utf-8")))

    def list(self) -> list[Draft]:
        return [self.get(p.stem) for p in sorted(self.drafts.glob("*.json"))]

    def approve(self, draft_id: str, actor: str) -> Path:
        """Mark a draft approved and write its record as a policy data file; four eyes."""
        draft = self.get(draft_id)
        if draft.status == APPROVED:
            raise InputError(f"draft {draft_id} is already approved", field="draft_id")
        if actor == draft.accepted_by:
            raise InputError(
                f"draft {draft_id} was accepted by {actor}; another reviewer must approve it",
                field="actor",
            )
        approved = Draft(
            **{**draft.to_dict(), "status": APPROVED, "approved_by": actor, "approved_at": _now()}
        )
        self.approved.mkdir(parents=True, exist_ok=True)
        path = self.approved / f"{draft_id}.yaml"
        header = (
            f"# Approved from the news by {actor} on {approved.approved_at}; accepted by "
            f"{draft.accepted_by}.\n# Source: {draft.source.get('source')}\n"
            f"# Sentence: {' '.join(str(draft.event.get('sentence')).split())}\n"
        )
        body = yaml.safe_dump(
            {draft.record_family: [draft.record]}, allow_unicode=True, sort_keys=False
        )
        # Validated as the policy book will read it, then moved in whole: `decide` in another
        # process never sees half a file nor one that it would refuse.
        staging = self.directory / f".{draft_id}.yaml.tmp"
        staging.write_text(header + body, encoding="utf-8")
        try:
            load_approved_file(staging, policy_book(self.approved))
        except Exception:
            staging.unlink(missing_ok=True)
            raise
        staging.replace(path)
        self._write(approved)
        return path

    def _write(self, draft: Draft) -> None:
        self.drafts.mkdir(parents=True, exist_ok=True)
        path = self.drafts / f"{draft.id}.json"
        path.write_text(json.dumps(draft.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
