"""Key management over HTTP for admins: create (the key is shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from clearance.api import deps
from clearance.api.auth import Principal, require
from clearance.api.models import ApiKeyCreate, ApiKeyResponse
from clearance.api.routers.match import ERRORS
from clearance.service import Clearance
from clearance.store.accounts import Role, accounts_of

router = APIRouter(tags=["Accounts"])


@router.post("/keys", response_model=ApiKeyResponse, status_code=201, responses=ERRORS)
def create_key(
    body: ApiKeyCreate,
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> ApiKeyResponse:
    """A new key with the given role; the response is the only place the key appears."""
    record, key = accounts_of(service.store).create(Role.parse(body.role), body.label)
    service.store.audit_append(
        "key_create", who.actor, {"key_id": record.key_id, "role": record.role.value}
    )
    return ApiKeyResponse(**record.to_dict(), key=key)  # type: ignore[arg-type]


@router.get("/keys", response_model=list[ApiKeyResponse], responses=ERRORS)
def list_keys(
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> list[ApiKeyResponse]:
    """Every key, active and revoked, without secrets."""
    return [ApiKeyResponse(**k.to_dict()) for k in accounts_of(service.store).list()]  # type: ignore[arg-type]


@router.delete("/keys/{key_id}", response_model=ApiKeyResponse, responses=ERRORS)
def revoke_key(
    key_id: Annotated[str, Path(max_length=16)],
    who: Annotated[Principal, Depends(require(Role.ADMIN))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> ApiKeyResponse:
    """Revoke a key; it stops working within `CLEARANCE_API_AUTH_CACHE` seconds everywhere."""
    record = accounts_of(service.store).revoke(key_id)
    service.store.audit_append("key_revoke", who.actor, {"key_id": key_id})
    return ApiKeyResponse(**record.to_dict())  # type: ignore[arg-type]
