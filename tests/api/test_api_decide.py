"""POST /decide answers as `clearance decide --json` does, and is audited with its actor."""

from __future__ import annotations

from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401

from clearance.store import Store
from clearance.store.accounts import Role


def test_decide_over_http_is_audited(server: Server) -> None:
    body = {"party": "Huawei Technologies", "activity": "export", "on": "2019-06-15"}
    with server.client(Role.SCREEN) as client:
        resp = client.post("/decide", json=body)
        empty = client.post("/decide", json={**body, "party": "  "})
    assert resp.status_code == 200, resp.text
    decision = resp.json()
    assert decision["outcome"] in {"prohibited", "license_required", "authorized", "review"}
    assert decision["reasons"]
    assert empty.status_code == 400 and "party" in empty.json()["detail"]
    last = Store(server.db_url).audit_records()[-1]
    assert last.kind == "decide" and last.actor.startswith("key:")
