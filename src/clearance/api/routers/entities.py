"""GET /search/{dataset} (free-text name search) and GET /entities/{entity_id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from clearance.api import audit, deps
from clearance.api.auth import Principal, require
from clearance.api.config import ApiSettings
from clearance.api.convert import entity_document, parse_schema
from clearance.api.datasets import get_dataset
from clearance.api.filters import ResultFilter, candidate_count, select_results
from clearance.api.models import EntityResponse, SearchResponse
from clearance.api.responses import json_response
from clearance.api.routers.match import ERRORS
from clearance.api.runtime import Runtime
from clearance.errors import InputError, NotFoundError
from clearance.match.types import Query as ScreenQuery
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter()


@router.get(
    "/search/{dataset}",
    summary="Search entities by name",
    tags=["Matching"],
    response_model=SearchResponse,
    responses=ERRORS,
)
def search(
    dataset: Annotated[str, Path(description="dataset to search, e.g. default, us")],
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
    settings: Annotated[ApiSettings, Depends(deps.api_settings)],
    q: Annotated[str, Query(description="a name, in any script")] = "",
    schema: Annotated[str | None, Query(description="only this schema, e.g. Company")] = None,
    limit: Annotated[int, Query(ge=0, le=500, description="results per page")] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000, description="results to skip")] = 0,
    include_dataset: Annotated[list[str], Query(description="only these datasets")] = [],  # noqa: B006
    exclude_dataset: Annotated[list[str], Query(description="not these datasets")] = [],  # noqa: B006
    topics: Annotated[list[str], Query(description="only these topics")] = [],  # noqa: B006
) -> Response:
    """Names that look like `q`, best first; the candidates of `/match` without a threshold."""
    text = " ".join(q.split())
    if not text:
        raise InputError("expected a name to search for", field="q")
    if len(text) > settings.max_name_length:
        raise InputError(f"at most {settings.max_name_length} characters", field="q")
    result_filter = ResultFilter(
        dataset=get_dataset(dataset),
        include_dataset=tuple(include_dataset),
        exclude_dataset=tuple(exclude_dataset),
        topics=tuple(topics),
    )
    query = ScreenQuery(names=(text,), schema=parse_schema(schema, "schema"))
    loaded = runtime.current()
    wanted = min(limit + offset, settings.max_limit)
    threshold = service.settings.match_threshold
    matches = loaded.screener.match(query, threshold, candidate_count(wanted))
    total, kept = select_results(matches, result_filter, 0.0, wanted)
    page = kept[offset : offset + limit]
    audit.record(
        service,
        "search",
        who,
        loaded.data_version,
        {
            "dataset": dataset,
            "q": text,
            "top": [{"id": m.entity.id, "score": m.score} for m in page[: audit.TOP_RESULTS]],
            "outcome": "results" if page else "none",
        },
    )
    return json_response(
        {
            "limit": limit,
            "offset": offset,
            "total": {"value": total, "relation": "eq"},
            "results": [entity_document(m.entity, loaded.histories.get(m.entity.id)) for m in page],
            "facets": {},
        }
    )


@router.get(
    "/entities/{entity_id:path}",
    summary="Retrieve a listed entity",
    tags=["Data access"],
    response_model=EntityResponse,
    responses=ERRORS,
)
def fetch_entity(
    entity_id: Annotated[str, Path(description="e.g. us_ofac_sdn:30947", max_length=300)],
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
) -> Response:
    """One entity with its properties and listings (404 when unknown)."""
    entity = service.store.entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    loaded = runtime.loaded
    history = loaded.histories.get(entity_id) if loaded is not None else None
    return json_response(entity_document(entity, history))
