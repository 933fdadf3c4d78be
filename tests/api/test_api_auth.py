"""Keys and roles over HTTP: 401 without a valid key, 403 for a role too low, no data leaked."""

from __future__ import annotations

import httpx
from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401

from clearance.api.config import Anonymous, ApiSettings
from clearance.store.accounts import Role

QUERY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Huawei"]}}}}


def test_missing_and_wrong_keys_are_401_without_data(server: Server) -> None:
    with httpx.Client(base_url=server.url) as anon:
        missing = anon.post("/match/default", json=QUERY)
        wrong = anon.post(
            "/match/default", json=QUERY, headers={"Authorization": "ApiKey clr_abc_def"}
        )
        garbage = anon.get("/entities/api_parties:huawei", headers={"Authorization": "junk"})
        forged = server.keys[Role.SCREEN][:-4] + "AAAA"
        tampered = anon.post(
            "/match/default", json=QUERY, headers={"Authorization": f"ApiKey {forged}"}
        )
        health = anon.get("/healthz")
    for resp in (missing, wrong, garbage, tampered):
        assert resp.status_code == 401
        assert set(resp.json()) == {"status", "detail"}
        assert "huawei" not in resp.text.lower()
        assert resp.headers["www-authenticate"] == "ApiKey"
    assert health.status_code == 200


def test_key_schemes_yente_clients_use(server: Server) -> None:
    key = server.keys[Role.SCREEN]
    with httpx.Client(base_url=server.url) as client:
        for headers, params in (
            ({"Authorization": f"ApiKey {key}"}, {}),
            ({"Authorization": f"Bearer {key}"}, {}),
            ({}, {"api_key": key}),
        ):
            resp = client.post("/match/default", json=QUERY, headers=headers, params=params)
            assert resp.status_code == 200


def test_roles(server: Server) -> None:
    with server.client(Role.SCREEN) as screen, server.client(Role.ADMIN) as admin:
        forbidden = screen.get("/keys")
        assert forbidden.status_code == 403 and "admin" in forbidden.json()["detail"]
        assert (
            admin.post("/match/default", json=QUERY).status_code == 200
        )  # higher roles may screen
        created = admin.post("/keys", json={"role": "analyst", "label": "new analyst"})
        assert created.status_code == 201
        new_key = created.json()["key"]
        listed = admin.get("/keys").json()
        assert all(k["key"] is None for k in listed)
        assert new_key not in str(listed)
        bad_role = admin.post("/keys", json={"role": "king"})
        assert bad_role.status_code == 400 and "role" in bad_role.json()["detail"]
    with httpx.Client(base_url=server.url, headers={"Authorization": f"ApiKey {new_key}"}) as fresh:
        assert fresh.post("/match/default", json=QUERY).status_code == 200
        with server.client(Role.ADMIN) as admin:
            revoked = admin.delete(f"/keys/{created.json()['key_id']}")
            assert revoked.status_code == 200 and revoked.json()["active"] is False
        assert fresh.post("/match/default", json=QUERY).status_code == 401


def test_anonymous_switch_follows_the_listening_interface() -> None:
    assert ApiSettings(host="127.0.0.1", anonymous=Anonymous.AUTO).anonymous_allowed
    assert ApiSettings(host="::1", anonymous=Anonymous.AUTO).anonymous_allowed
    assert not ApiSettings(host="0.0.0.0", anonymous=Anonymous.AUTO).anonymous_allowed
    assert not ApiSettings(host="127.0.0.1", anonymous=Anonymous.OFF).anonymous_allowed
    assert ApiSettings.from_env(host="10.0.0.5").anonymous is Anonymous.AUTO
    assert not ApiSettings.from_env(host="10.0.0.5").anonymous_allowed
