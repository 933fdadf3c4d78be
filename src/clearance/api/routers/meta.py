"""Service status and what data is loaded: /healthz, /readyz, /catalog, /algorithms, /sources."""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from clearance.api import deps
from clearance.api.algorithms import algorithms
from clearance.api.auth import Principal, require
from clearance.api.datasets import DATASETS
from clearance.api.models import (
    AlgorithmResponse,
    DataCatalogModel,
    DatasetModel,
    ReadyResponse,
    SnapshotResponse,
    SourcesResponse,
    StatusResponse,
)
from clearance.api.routers.match import ERRORS
from clearance.api.runtime import Runtime
from clearance.service import Clearance
from clearance.store.accounts import Role

router = APIRouter(tags=["System information"])


@router.get("/healthz", response_model=StatusResponse)
def healthz() -> StatusResponse:
    """The process is up (it may still be loading its index: see /readyz)."""
    return StatusResponse(status="ok")


@router.get("/readyz", response_model=ReadyResponse, responses={503: {"model": ReadyResponse}})
def readyz(runtime: Annotated[Runtime, Depends(deps.runtime)]) -> JSONResponse:
    """Ready to answer /match: 200 once the index is loaded, 503 before."""
    loaded = runtime.loaded
    body = ReadyResponse(
        status="ok" if loaded else "loading",
        ready=loaded is not None,
        data_version=loaded.data_version if loaded else None,
        worker=os.getpid(),
    )
    return JSONResponse(body.model_dump(), status_code=200 if loaded else 503)


@router.get("/catalog", response_model=DataCatalogModel, responses=ERRORS)
def catalog(
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    runtime: Annotated[Runtime, Depends(deps.runtime)],
    service: Annotated[Clearance, Depends(deps.service)],
) -> DataCatalogModel:
    """The datasets /match and /search accept, and the data version each is indexed at."""
    stored = service.data_version()
    loaded = runtime.loaded
    indexed = loaded.data_version if loaded else None
    current = indexed == stored
    datasets = [
        DatasetModel(
            name=d.name,
            title=d.title,
            summary=d.summary or None,
            url=d.url,
            version=stored,
            index_version=indexed,
            index_current=current,
            children=d.children(),
        )
        for d in DATASETS.values()
    ]
    names = [d.name for d in datasets]
    return DataCatalogModel(
        datasets=datasets,
        current=names if current else [],
        outdated=[] if current else names,
        index_stale=not current,
    )


@router.get("/algorithms", response_model=AlgorithmResponse, responses=ERRORS)
def list_algorithms(runtime: Annotated[Runtime, Depends(deps.runtime)]) -> AlgorithmResponse:
    """The scoring algorithms /match accepts (yente's names are aliases of clearance's)."""
    loaded = runtime.loaded
    return algorithms(loaded.screener if loaded else None)


@router.get("/sources", response_model=SourcesResponse, responses=ERRORS, tags=["Data access"])
def sources(
    who: Annotated[Principal, Depends(require(Role.SCREEN))],
    service: Annotated[Clearance, Depends(deps.service)],
) -> SourcesResponse:
    """Every stored snapshot of every source: when fetched, its data date and counts."""
    return SourcesResponse(
        data_version=service.data_version(),
        snapshots=[SnapshotResponse(**s.to_dict()) for s in service.store.snapshots()],
    )
