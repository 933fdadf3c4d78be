"""yente compatibility: requests shaped exactly as yente's documentation shows them."""

from __future__ import annotations

import os
from typing import Any

import httpx
from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401

from clearance.api.models import EntityMatchResponse, EntityResponse, SearchResponse
from clearance.store import Store

# As in yente's /match documentation (https://www.opensanctions.org/docs/api/matching/).
YENTE_QUERY: dict[str, Any] = {
    "queries": {
        "q1": {"schema": "Company", "properties": {"name": ["Huawei Technologies Co., Ltd."]}},
        "q2": {
            "schema": "Person",
            "properties": {"name": ["Ivan Petrov"], "nationality": ["ru"]},
        },
    }
}
ENTITY_FIELDS = {
    "id", "caption", "schema", "properties", "datasets", "referents", "target",
    "first_seen", "last_seen", "last_change",
}  # fmt: skip


def test_match_has_yentes_shape(server: Server) -> None:
    with server.client() as client:
        resp = client.post("/match/default", json=YENTE_QUERY)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) >= {"responses", "matcher", "limit"}
    assert body["limit"] == 5
    assert resp.headers["x-batch-size"] == "2"
    q1 = body["responses"]["q1"]
    assert q1["status"] == 200
    assert q1["total"]["relation"] == "eq" and q1["total"]["value"] >= 1
    assert q1["query"]["schema"] == "Company"
    assert q1["query"]["properties"]["name"] == ["Huawei Technologies Co., Ltd."]
    top = q1["results"][0]
    assert set(top) >= ENTITY_FIELDS | {"score", "match", "features", "explanations"}
    assert top["id"] == "api_parties:huawei"
    assert top["datasets"] == ["us_bis_entity_list"]
    assert top["match"] is True and 0.7 <= top["score"] <= 1.0
    for name, explanation in top["explanations"].items():
        assert set(explanation) == {"score", "detail", "query", "candidate", "weight"}
        assert top["features"][name] == explanation["score"]
    assert body["responses"]["q2"]["results"][0]["id"] == "api_parties:petrov"


def test_threshold_sets_match_and_cutoff_drops(server: Server) -> None:
    with server.client() as client:
        high = client.post("/match/default", params={"threshold": 1.0}, json=YENTE_QUERY).json()
        cut = client.post("/match/default", params={"cutoff": 0.99}, json=YENTE_QUERY).json()
        loose = client.post("/match/default", params={"limit": 1}, json=YENTE_QUERY).json()
    scores = [r["score"] for r in high["responses"]["q1"]["results"]]
    assert all(r["match"] is (r["score"] >= 1.0) for r in high["responses"]["q1"]["results"])
    assert scores
    assert all(r["score"] >= 0.99 for r in cut["responses"]["q1"]["results"])
    assert len(loose["responses"]["q1"]["results"]) == 1 and loose["limit"] == 1


def test_datasets_and_filters(server: Server) -> None:
    with server.client() as client:
        un = client.post("/match/un_sc", json=YENTE_QUERY).json()
        us = client.post("/match/us", json=YENTE_QUERY).json()
        no_bis = client.post(
            "/match/default", params={"exclude_dataset": "us_bis_entity_list"}, json=YENTE_QUERY
        ).json()
        no_org = client.post(
            "/match/default", params={"exclude_schema": "Company"}, json=YENTE_QUERY
        ).json()
        excluded = client.post(
            "/match/default",
            params={"exclude_entity_ids": "api_parties:huawei"},
            json=YENTE_QUERY,
        ).json()
        unknown = client.post("/match/nowhere", json=YENTE_QUERY)
    assert un["responses"]["q1"]["results"] == []
    assert us["responses"]["q1"]["results"][0]["id"] == "api_parties:huawei"
    for body in (no_bis, no_org, excluded):
        ids = [r["id"] for r in body["responses"]["q1"]["results"]]
        assert "api_parties:huawei" not in ids
    assert unknown.status_code == 404
    assert unknown.json()["status"] == 404 and "known datasets" in unknown.json()["detail"]


def test_yente_algorithm_names_are_accepted(server: Server) -> None:
    with server.client() as client:
        for name in ("logic-v2", "logic-v1", "best"):
            resp = client.post("/match/default", params={"algorithm": name}, json=YENTE_QUERY)
            assert resp.status_code == 200
        bad = client.post("/match/default", params={"algorithm": "nope"}, json=YENTE_QUERY)
        algos = client.get("/algorithms").json()
    assert bad.status_code == 400 and "algorithm" in bad.json()["detail"]
    assert algos["default"] == algos["best"] == algos["algorithms"][0]["name"]


def test_multilingual_query(server: Server) -> None:
    query = {"queries": {"zh": {"schema": "Company", "properties": {"name": "华为技术有限公司"}}}}
    with server.client() as client:
        body = client.post("/match/default", json=query).json()
    assert body["responses"]["zh"]["results"][0]["id"] == "api_parties:huawei"
    assert body["responses"]["zh"]["query"]["properties"]["name"] == ["华为技术有限公司"]


def test_search_entities_catalog(server: Server) -> None:
    with server.client() as client:
        search = client.get("/search/default", params={"q": "xiaomi"}).json()
        entity = client.get("/entities/api_parties:xiaomi")
        missing = client.get("/entities/api_parties:nobody")
        catalog = client.get("/catalog").json()
        sources = client.get("/sources").json()
    assert search["results"][0]["id"] == "api_parties:xiaomi"
    assert search["total"]["relation"] == "eq" and search["limit"] == 10
    assert entity.status_code == 200
    assert entity.json()["listings"][0]["list_id"] == "us_ofac_ns_cmic"
    assert set(entity.json()) >= ENTITY_FIELDS
    assert missing.status_code == 404 and set(missing.json()) == {"status", "detail"}
    names = {d["name"] for d in catalog["datasets"]}
    assert {"default", "us", "us_bis_entity_list", "us_ofac_sdn", "un_sc"} <= names
    us = next(d for d in catalog["datasets"] if d["name"] == "us")
    assert "us_ofac_sdn" in us["children"]
    assert sources["snapshots"][0]["source"] == "api_parties"


def test_screen_batch(server: Server) -> None:
    parties = [
        {"id": "c1", "name": "Xiaomi Corporation", "schema": "Company"},
        {"id": "c2", "name": "Plain Bakery of Lyon", "schema": "Company"},
    ]
    with server.client() as client:
        body = client.post("/screen", json={"parties": parties}).json()
    outcomes = {r["id"]: r["outcome"] for r in body["results"]}
    assert outcomes["c1"] == "match"
    assert outcomes["c2"] in ("clear", "review")
    assert body["results"][0]["results"][0]["id"] == "api_parties:xiaomi"


def test_screen_honours_datasets_as_match_does(server: Server) -> None:
    parties = [{"id": "c1", "name": "Xiaomi Corporation", "schema": "Company"}]

    def screen(**filters: object) -> httpx.Response:
        with server.client() as client:
            return client.post("/screen", json={"parties": parties, **filters})

    def hits(resp: httpx.Response) -> set[str]:
        assert resp.status_code == 200, resp.text
        return {h["id"] for h in resp.json()["results"][0]["results"]}

    assert "api_parties:xiaomi" in hits(screen(dataset="us"))
    elsewhere = screen(dataset="us_bis_entity_list")
    assert "api_parties:xiaomi" not in hits(elsewhere)
    assert elsewhere.json()["results"][0]["outcome"] != "match"
    assert "api_parties:xiaomi" not in hits(screen(exclude_dataset=["us_ofac_ns_cmic"]))
    assert "api_parties:xiaomi" not in hits(screen(include_dataset=["un_sc"]))
    assert "api_parties:xiaomi" not in hits(screen(topics=["debarment"]))
    unknown = screen(dataset="mars")
    assert unknown.status_code == 404 and "known datasets" in unknown.json()["detail"]
    assert screen(topics=["x"] * 51).status_code == 422
    screens = [r for r in Store(server.db_url).audit_records() if r.kind == "screen"]
    assert screens[-4].payload["dataset"] == "us_bis_entity_list"


def test_bounds_give_4xx_with_reason(server: Server) -> None:
    many = {
        "queries": {
            f"q{i}": {"schema": "Person", "properties": {"name": ["A B"]}} for i in range(101)
        }
    }
    long_name = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 501]}}}}
    no_name = {"queries": {"q": {"schema": "Person", "properties": {"country": ["ru"]}}}}
    bad_schema = {"queries": {"q": {"schema": "Planet", "properties": {"name": ["Mars"]}}}}
    with server.client() as client:
        responses = {
            "batch": client.post("/match/default", json=many),
            "name": client.post("/match/default", json=long_name),
            "noname": client.post("/match/default", json=no_name),
            "schema": client.post("/match/default", json=bad_schema),
            "limit": client.post("/match/default", params={"limit": 10_000}, json=YENTE_QUERY),
            "body": client.post(
                "/match/default",
                content=b'{"queries": {}, "pad": "' + b"x" * 1_100_000 + b'"}',
                headers={"content-type": "application/json"},
            ),
            "json": client.post(
                "/match/default", content=b"{not json", headers={"content-type": "application/json"}
            ),
        }
    expected = {
        "batch": 400,
        "name": 400,
        "noname": 400,
        "schema": 400,
        "limit": 422,
        "body": 413,
        "json": 422,
    }
    for what, resp in responses.items():
        assert resp.status_code == expected[what], (what, resp.text)
        body = resp.json()
        assert set(body) == {"status", "detail"} and body["status"] == resp.status_code
        assert body["detail"]
    assert "queries.q.properties.name" in responses["name"].json()["detail"]
    assert "limit" in responses["limit"].json()["detail"]


def test_fast_answers_match_their_documented_models(server: Server) -> None:
    """/match, /search and /entities build plain JSON for speed; it must still be exactly what
    their OpenAPI models promise (no missing or extra fields, right types)."""
    with server.client() as client:
        match = client.post("/match/default", json=YENTE_QUERY).json()
        search = client.get("/search/default", params={"q": "huawei"}).json()
        entity = client.get("/entities/api_parties:huawei").json()
    for model, body in (
        (EntityMatchResponse, match),
        (SearchResponse, search),
        (EntityResponse, entity),
    ):
        parsed = model.model_validate(body)
        assert parsed.model_dump(mode="json", by_alias=True) == body, model.__name__


def test_readyz_names_the_worker_that_answered(server: Server) -> None:
    body = httpx.get(f"{server.url}/readyz").json()
    assert body["ready"] is True and body["data_version"]
    assert body["worker"] == os.getpid()  # this test's server runs in the test process
