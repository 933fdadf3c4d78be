"""POST /screen: a batch of parties, each answered match / review / clear with its top hits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from clearance.api import audit, deps
from clearance.api.auth import Principal, require
from clearance.api.config import ApiSettings
from clearance.api.convert import parse_schema
from clearance.api.datasets import entity_datasets, get_dataset
from clearance.api.filters import ResultFilter, candidate_count, select_results
from clearance.api.models import (
    ScreenHit,
    ScreenParty,
    ScreenRequest,
    ScreenResponse,
    ScreenResult,
)
from clearance.api.routers.match import ERRORS
from clearance.api.runtime import Loaded, Runtime
from clearance.api.work import Compute
from clearance.errors import InputError
from clearance.match.types import Query
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter(tags=["Screening"])


@router.post("/screen", response_model=ScreenResponse, responses=ERRORS)
async def screen(
    body: ScreenRequest,
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
    settings: Annotated[ApiSettings, Depends(deps.api_settings)],
    compute: Annotated[Compute, Depends(deps.compute)],
) -> ScreenResponse:
    """Screen up to `CLEARANCE_API_MAX_BATCH` parties against `dataset` (as /match/{dataset}
    does, with the same include/exclude and topic filters): `match` when a result scores at or
    above the threshold, `review` at or above the review threshold, else `clear`."""
    if len(body.parties) > settings.max_batch:
        raise InputError(
            f"too many parties in one batch (limit: {settings.max_batch})", field="parties"
        )
    threshold = service.settings.match_threshold if body.threshold is None else body.threshold
    review = min(service.settings.review_threshold, threshold)
    result_filter = ResultFilter(
        dataset=get_dataset(body.dataset),
        include_dataset=tuple(body.include_dataset),
        exclude_dataset=tuple(body.exclude_dataset),
        topics=tuple(body.topics),
    )
    queries = [
        _to_query(i, party, settings.max_name_length) for i, party in enumerate(body.parties)
    ]
    loaded = runtime.current()

    def answer() -> ScreenResponse:
        results = [
            _screen_one(loaded, party, query, result_filter, threshold, review, body.limit)
            for party, query in zip(body.parties, queries, strict=True)
        ]
        audit.record(
            service,
            "screen",
            who,
            loaded.data_version,
            {
                "dataset": body.dataset,
                "threshold": threshold,
                "parties": [
                    {
                        "id": r.id,
                        "name": r.name,
                        "outcome": r.outcome,
                        "top": audit.top_results(r.results),
                    }
                    for r in results
                ],
                "outcome": "match" if any(r.outcome == "match" for r in results) else "no_match",
            },
        )
        return ScreenResponse(
            data_version=loaded.data_version, threshold=threshold, results=results
        )

    # Matching and the audit commit run off the event loop, in the API's bounded pool.
    return await compute.run(answer)


def _screen_one(
    loaded: Loaded,
    party: ScreenParty,
    query: Query,
    result_filter: ResultFilter,
    threshold: float,
    review: float,
    limit: int,
) -> ScreenResult:
    matches = loaded.screener.match(query, threshold, candidate_count(limit))
    _, kept = select_results(matches, result_filter, 0.0, limit)
    top = max((m.score for m in kept), default=0.0)
    outcome = "match" if top >= threshold else "review" if top >= review else "clear"
    hits = [
        ScreenHit(
            id=m.entity.id,
            caption=m.entity.caption,
            schema=str(m.entity.schema),
            datasets=entity_datasets(m.entity),
            score=round(m.score, 4),
            match=m.score >= threshold,
        )
        for m in kept
    ]
    return ScreenResult(id=party.id, name=party.name, outcome=outcome, top_score=top, results=hits)


def _to_query(index: int, party: ScreenParty, max_name_length: int) -> Query:
    where = f"parties.{index}"
    name = " ".join(party.name.split())
    if not name:
        raise InputError("expected a name", field=f"{where}.name")
    if len(name) > max_name_length:
        raise InputError(
            f"a name may have at most {max_name_length} characters", field=f"{where}.name"
        )
    return Query(
        names=(name,),
        schema=parse_schema(party.schema_, f"{where}.schema"),
        countries=tuple(c.lower() for c in party.countries),
        birth_date=party.birth_date,
        identifiers=tuple(party.identifiers),
    )
