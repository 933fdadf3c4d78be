"""Request and response bodies of the HTTP API.

The matching models follow yente's (`yente/data/common.py`) field for field, so that a client
written for yente or the OpenSanctions API reads clearance's answers unchanged; clearance's
extras (`listings`, `explanations[...].weight`, `data_version`) are additional fields that such
clients ignore.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_QUERIES = {
    "entity1": {
        "schema": "Company",
        "properties": {"name": ["Huawei Technologies Co., Ltd."], "country": ["cn"]},
    },
    "entity2": {
        "schema": "Person",
        "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]},
    },
}


class ErrorResponse(BaseModel):
    status: int = Field(..., examples=[400])
    detail: str = Field(..., examples=["queries.q1.properties.name: expected at least one name"])


class TotalSpec(BaseModel):
    value: int = Field(..., examples=[42])
    relation: str = Field("eq", examples=["eq"])


class EntityExample(BaseModel):
    """A party to match, shaped like an entity of the API (FollowTheMoney)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field({}, examples=[{"name_literal": 0.8}])
    config: dict[str, Any] = Field({}, examples=[{}])
    queries: dict[str, EntityExample] = Field(..., examples=[EXAMPLE_QUERIES])


class ListingResponse(BaseModel):
    list_id: str
    source_list: str
    programs: list[str] = []
    start_date: date | None = None
    end_date: date | None = None
    citations: list[str] = []
    license_requirement: str | None = None
    license_policy: str | None = None
    remarks: str | None = None
    source_url: str | None = None
    dates: dict[str, date] = {}


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["us_ofac_sdn:30947"])
    caption: str = Field(..., examples=["HUAWEI TECHNOLOGIES CO., LTD."])
    schema_: str = Field(..., alias="schema", examples=["Company"])
    properties: dict[str, list[str]] = Field(..., examples=[{"name": ["Huawei"]}])
    datasets: list[str] = Field([], examples=[["us_bis_entity_list"]])
    referents: list[str] = Field([], examples=[[]])
    target: bool = True
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None
    listings: list[ListingResponse] = []


class FeatureExplanation(BaseModel):
    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None
    weight: float = 0.0


class ScoredEntityResponse(EntityResponse):
    score: float = Field(..., examples=[0.93])
    match: bool = False
    features: dict[str, float] = {}
    explanations: dict[str, FeatureExplanation] = {}


class EntityMatches(BaseModel):
    status: int = Field(200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str | None = None
    coefficient: float = 0.0
    url: str = ""


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int = Field(..., examples=[5])
    data_version: str = ""


class SearchFacetItem(BaseModel):
    name: str
    label: str
    count: int = 1


class SearchFacet(BaseModel):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, SearchFacet] = {}


class DatasetModel(BaseModel):
    name: str
    title: str
    summary: str | None = None
    url: str | None = None
    load: bool = True
    entities_url: str | None = None
    version: str
    index_version: str | None = None
    index_current: bool = False
    children: list[str] = []


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


class Algorithm(BaseModel):
    name: str
    description: str | None = None
    features: dict[str, FeatureDoc] = {}


class AlgorithmResponse(BaseModel):
    algorithms: list[Algorithm]
    default: str
    best: str


class StatusResponse(BaseModel):
    status: str = "ok"


class ReadyResponse(BaseModel):
    status: str = "ok"
    ready: bool
    data_version: str | None = None
    worker: int | None = Field(
        None, description="process id of the worker that answered (one per `--workers`)"
    )


class SnapshotResponse(BaseModel):
    id: int
    source: str
    sha256: str
    fetched_at: datetime
    data_date: date | None = None
    entity_count: int
    listing_count: int
    active: bool
    origin: str


class SourcesResponse(BaseModel):
    data_version: str
    snapshots: list[SnapshotResponse]


class ScreenParty(BaseModel):
    """One row of a batch: a name, and whatever else is known."""

    id: str | None = Field(None, examples=["customer-17"])
    name: str = Field(..., examples=["Xiaomi Corporation"])
    schema_: str | None = Field(None, alias="schema", examples=["Company"])
    countries: list[str] = Field([], examples=[["cn"]])
    birth_date: date | None = None
    identifiers: list[str] = []

    model_config = ConfigDict(populate_by_name=True)


MAX_FILTER_NAMES = 50


class ScreenRequest(BaseModel):
    """A batch of parties and, as in /match, the datasets and topics to screen them against."""

    parties: list[ScreenParty]
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    limit: int = Field(5, ge=1, le=50)
    dataset: str = Field(
        "default", max_length=100, description="dataset to screen against, as in /match/{dataset}"
    )
    include_dataset: list[str] = Field(
        [], max_length=MAX_FILTER_NAMES, description="only results in these datasets"
    )
    exclude_dataset: list[str] = Field(
        [], max_length=MAX_FILTER_NAMES, description="no results in these datasets"
    )
    topics: list[str] = Field(
        [], max_length=MAX_FILTER_NAMES, description="only results with any of these topics"
    )


class ScreenHit(BaseModel):
    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    datasets: list[str]
    score: float
    match: bool

    model_config = ConfigDict(populate_by_name=True)


class ScreenResult(BaseModel):
    id: str | None
    name: str
    outcome: str = Field(..., examples=["match", "review", "clear"])
    top_score: float
    results: list[ScreenHit]


class ScreenResponse(BaseModel):
    data_version: str
    threshold: float
    results: list[ScreenResult]


class ApiKeyCreate(BaseModel):
    role: str = Field(..., examples=["screen"])
    label: str = Field("", max_length=200)


class ApiKeyResponse(BaseModel):
    key_id: str
    label: str
    role: str
    created_at: datetime
    revoked_at: datetime | None = None
    active: bool
    key: str | None = Field(None, description="the key itself; shown only once, at creation")
