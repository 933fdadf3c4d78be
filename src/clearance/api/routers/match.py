"""POST /match/{dataset}: yente's query-by-example matcher."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from clearance.api import audit, deps
from clearance.api.algorithms import feature_docs, resolve_algorithm
from clearance.api.auth import Principal, require
from clearance.api.config import ApiSettings
from clearance.api.convert import echo_example, example_to_query, scored_document
from clearance.api.datasets import get_dataset
from clearance.api.filters import ResultFilter, candidate_count, select_results
from clearance.api.models import (
    EntityExample,
    EntityMatchQuery,
    EntityMatchResponse,
    ErrorResponse,
)
from clearance.api.responses import json_response
from clearance.api.runtime import Loaded, Runtime
from clearance.api.work import Compute
from clearance.errors import InputError
from clearance.match.types import Query as ScreenQuery
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter(tags=["Matching"])

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}"
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (400, "Invalid query"),
        (401, "Missing or invalid API key"),
        (403, "The key's role does not allow this call"),
        (404, "Unknown dataset"),
        (413, "Request body too large"),
        (422, "Malformed request"),
        (503, "Index still loading"),
    )
}


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher",
    response_model=EntityMatchResponse,
    responses=ERRORS,
)
async def match(
    body: EntityMatchQuery,
    dataset: Annotated[str, Path(description="dataset to match against, e.g. default, us")],
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
    settings: Annotated[ApiSettings, Depends(deps.api_settings)],
    compute: Annotated[Compute, Depends(deps.compute)],
    limit: Annotated[int, Query(ge=1, le=500, description="number of results per query")] = 5,
    threshold: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="score at or above which `match` is true")
    ] = None,
    cutoff: Annotated[
        float, Query(ge=0.0, le=1.0, description="results scoring below this are not returned")
    ] = 0.0,
    algorithm: Annotated[
        str, Query(description="scoring algorithm; yente names accepted")
    ] = "best",
    include_dataset: Annotated[list[str], Query(description="only results in these datasets")] = [],  # noqa: B006
    exclude_dataset: Annotated[list[str], Query(description="no results in these datasets")] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(description="no results of these schemata")] = [],  # noqa: B006
    topics: Annotated[list[str], Query(description="only results with any of these topics")] = [],  # noqa: B006
    changed_since: Annotated[
        str | None,
        Query(
            pattern=DATE_PATTERN,
            description="only entities whose data changed on or after this date (`last_change`:"
            " when clearance first held the entity's current content)",
        ),
    ] = None,
    exclude_entity_ids: Annotated[
        list[str], Query(max_length=50, description="entity ids never to return")
    ] = [],  # noqa: B006
) -> Response:
    """Match parties by example, exactly as yente's `/match` does: each query is an entity
    (`schema`, `properties`), keyed by a name of the client's choosing; each response carries
    the results with `score`, `match` (score ≥ `threshold`) and per-feature `explanations`."""
    resolve_algorithm(algorithm)
    if len(body.queries) > settings.max_batch:
        raise InputError(
            f"too many queries in one batch (limit: {settings.max_batch})", field="queries"
        )
    if not body.queries:
        raise InputError("no queries provided", field="queries")
    limit = min(limit, settings.max_limit)
    threshold = service.settings.match_threshold if threshold is None else threshold
    result_filter = ResultFilter(
        dataset=get_dataset(dataset),
        include_dataset=tuple(include_dataset),
        exclude_dataset=tuple(exclude_dataset),
        exclude_schema=tuple(exclude_schema),
        topics=tuple(topics),
        changed_since=_date(changed_since),
        exclude_entity_ids=frozenset(exclude_entity_ids),
    )
    queries = {
        key: example_to_query(key, example, settings.max_name_length)
        for key, example in body.queries.items()
    }
    loaded = runtime.current()
    result_filter = replace(result_filter, histories=loaded.histories)

    def answer() -> Response:
        responses = {
            key: _matches(loaded, query, body.queries[key], result_filter, threshold, cutoff, limit)
            for key, query in queries.items()
        }
        audit.record(
            service,
            "match",
            who,
            loaded.data_version,
            {
                "dataset": dataset,
                "threshold": threshold,
                "cutoff": cutoff,
                "queries": {
                    key: {"names": list(queries[key].names), "top": audit.top(r["results"])}
                    for key, r in responses.items()
                },
                "outcome": "match"
                if any(x["match"] for r in responses.values() for x in r["results"])
                else "no_match",
            },
        )
        matcher = {name: doc.model_dump() for name, doc in feature_docs(loaded.screener).items()}
        return json_response(
            {
                "responses": responses,
                "matcher": matcher,
                "limit": limit,
                "data_version": loaded.data_version,
            },
            headers={"x-batch-size": str(len(responses))},
        )

    # Matching and the audit commit run off the event loop, in the API's bounded pool.
    return await compute.run(answer)


def _matches(
    loaded: Loaded,
    query: ScreenQuery,
    example: EntityExample,
    result_filter: ResultFilter,
    threshold: float,
    cutoff: float,
    limit: int,
) -> dict[str, Any]:
    """One query's answer, shaped as yente's `EntityMatches`."""
    matches = loaded.screener.match(query, threshold, candidate_count(limit))
    total, kept = select_results(matches, result_filter, cutoff, limit)
    return {
        "status": 200,
        "results": [scored_document(m, threshold, loaded.histories.get(m.entity.id)) for m in kept],
        "total": {"value": total, "relation": "eq"},
        "query": echo_example(example),
    }


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(
            f"cannot read {value!r} as a date; expected YYYY-MM-DD", field="changed_since"
        ) from None
