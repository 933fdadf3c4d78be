"""Adverse media over HTTP: read an article, accept an event as a draft, approve a draft.

The same core calls as `clearance media read / accept / approve`, the same JSON; readings,
drafts and approved records live in the configuration's media folder (`CLEARANCE_MEDIA_DIR`),
so an approval made here changes the next `/decide` of every worker sharing that folder.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from pydantic import BaseModel, Field

from clearance.api import audit, deps
from clearance.api.auth import Principal, require
from clearance.api.config import ApiSettings
from clearance.api.fetch import any_address, fetch_page, public_only
from clearance.api.routers.match import ERRORS
from clearance.api.runtime import Runtime
from clearance.errors import InputError
from clearance.media.build import media_drafts, service_reader
from clearance.media.extract import article_from_bytes
from clearance.media.types import Article
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter(prefix="/media", tags=["Adverse media"])

# An article, not a book: the largest news page we have seen is well under this.
MAX_ARTICLE_CHARS = 400_000
MAX_SOURCE_CHARS = 2_000


class ReadRequest(BaseModel):
    """Exactly one of `text`, `html` or `url`."""

    text: str | None = Field(None, max_length=MAX_ARTICLE_CHARS, description="plain text")
    html: str | None = Field(
        None, max_length=MAX_ARTICLE_CHARS, description="a saved page; site furniture removed"
    )
    url: str | None = Field(
        None,
        max_length=MAX_SOURCE_CHARS,
        description="http(s) URL of the article to fetch; public addresses only, unless "
        "CLEARANCE_API_MEDIA_PRIVATE_URLS allows private ones",
    )
    published: date | None = Field(
        None, description="publication date: resolves 'last week' and 'on Friday'"
    )
    source: str | None = Field(
        None, max_length=MAX_SOURCE_CHARS, description="where the text came from (cited)"
    )


class AcceptRequest(BaseModel):
    activities: list[str] = Field(
        [],
        max_length=20,
        description="activities a licence authorizes, when the article does not say them",
    )


def _article(body: ReadRequest, timeout: float, allow_private: bool) -> Article:
    given = [name for name in ("text", "html", "url") if getattr(body, name) is not None]
    if len(given) != 1:
        raise InputError(
            f"expected exactly one of text, html or url, got {given or 'none'}", field="body"
        )
    if body.url is not None:
        permits = any_address if allow_private else public_only
        page = fetch_page(body.url, timeout=timeout, permits=permits)
        return article_from_bytes(page, body.url, published=body.published)
    html = body.html is not None
    content = body.html if html else body.text
    source = body.source or ("api:html" if html else "api:text")
    return article_from_bytes(
        (content or "").encode("utf-8"), source, published=body.published, html=html
    )


@router.post("/read", responses=ERRORS)
def read(
    body: Annotated[ReadRequest, Body()],
    who: Annotated[Principal, Depends(require(Role.ANALYST))],
    service: Annotated[Clearance, Depends(deps.service)],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
    settings: Annotated[ApiSettings, Depends(deps.api_settings)],
) -> dict[str, Any]:
    """The parties an article names, their list matches and the events it reports, as
    `clearance media read --json` prints them; the reading is kept for `accept`."""
    article = _article(body, service.settings.download_timeout, settings.media_private_urls)
    loaded = runtime.current()
    reading = service_reader(service, loaded.screener).read(article)
    media_drafts(service).keep(reading)
    audit.record(
        service,
        "media_read",
        who,
        loaded.data_version,
        {"article": article.to_dict(), "events": [e.id for e in reading.events]},
    )
    result: dict[str, Any] = reading.to_dict()
    return result


@router.post("/drafts/{event_id}/accept", responses=ERRORS)
def accept(
    event_id: Annotated[str, Path(max_length=100)],
    who: Annotated[Principal, Depends(require(Role.ANALYST))],
    service: Annotated[Clearance, Depends(deps.service)],
    body: Annotated[AcceptRequest | None, Body()] = None,
) -> dict[str, Any]:
    """A DRAFT policy record from an event of a kept reading; not policy until approved."""
    activities = tuple(body.activities) if body else ()
    draft = media_drafts(service).accept(event_id, who.actor, activities)
    audit.record(
        service, "media_accept", who, service.data_version(), {"draft": draft.id, "event": event_id}
    )
    result: dict[str, Any] = draft.to_dict()
    return result


@router.post("/drafts/{draft_id}/approve", responses=ERRORS)
def approve(
    draft_id: Annotated[str, Path(max_length=100)],
    who: Annotated[Principal, Depends(require(Role.APPROVER))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> dict[str, Any]:
    """Approve a draft (four eyes: not its acceptor); `/decide` uses it from now on."""
    drafts = media_drafts(service)
    drafts.approve(draft_id, who.actor)
    draft = drafts.get(draft_id)
    audit.record(service, "media_approve", who, service.data_version(), {"draft": draft_id})
    result: dict[str, Any] = draft.to_dict()
    return result
