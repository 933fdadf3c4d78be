"""POST /decide and GET /timeline/{entity_id}: decisions, as `clearance decide --json` prints."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from pydantic import BaseModel, Field

from clearance.api import deps
from clearance.api.auth import Principal, require
from clearance.api.config import ApiSettings
from clearance.api.routers.match import ERRORS
from clearance.errors import InputError
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter(tags=["Decisions"])


class DecideRequest(BaseModel):
    party: str = Field(..., examples=["Huawei Technologies Co., Ltd."])
    activity: str = Field(..., examples=["export"])
    on: date | None = Field(
        None, examples=["2019-06-15"], description="as-of date; today if absent"
    )
    facts: dict[str, str] = Field({}, examples=[{"eccn": "EAR99"}])


@router.post("/decide", responses=ERRORS)
def decide(
    body: Annotated[DecideRequest, Body()],
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
    settings: Annotated[ApiSettings, Depends(deps.api_settings)],
) -> dict[str, Any]:
    """May we do `activity` with `party` on `on`? The outcome with its reasons and citations."""
    party = " ".join(body.party.split())
    if not party:
        raise InputError("expected the party's name", field="party")
    if len(party) > settings.max_name_length:
        raise InputError(f"at most {settings.max_name_length} characters", field="party")
    if len(body.facts) > 50:
        raise InputError("at most 50 facts", field="facts")
    # The service records the decision (with its data version) in the audit log itself.
    decision = service.decide(
        party, body.activity, body.on or date.today(), body.facts, actor=who.actor
    )
    result: dict[str, Any] = decision.to_dict()
    return result


@router.get("/timeline/{entity_id:path}", responses=ERRORS)
def timeline(
    entity_id: Annotated[str, Path(max_length=300)],
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> dict[str, Any]:
    """Every dated event of an entity's listings, authorisations and court orders, in order."""
    events = service.timeline(entity_id)
    return {"entity_id": entity_id, "events": [event.to_dict() for event in events]}
