"""Keys and roles over HTTP: 401 without a valid key, 403 for a role too low, no data leaked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from api_server import (  # type: ignore[import-not-found]
    Server,
    free_socket,
    ingest,
    server_fixture,  # noqa: F401
    wait_ready,
)

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
    assert not ApiSettings.from_env(host="0.0.0.0").anonymous_allowed
    assert not ApiSettings.from_env(host="::").anonymous_allowed
    assert ApiSettings.from_env(host="localhost").anonymous_allowed


def test_anonymous_auto_also_checks_the_connection() -> None:
    auto = ApiSettings(host="127.0.0.1", anonymous=Anonymous.AUTO)
    assert auto.anonymous_allowed_on("127.0.0.1")
    assert auto.anonymous_allowed_on("::ffff:127.0.0.1")
    assert auto.anonymous_allowed_on(None)
    # Configured for loopback but reached on another interface: a server started by hand.
    assert not auto.anonymous_allowed_on("192.168.1.20")
    assert ApiSettings(anonymous=Anonymous.ON).anonymous_allowed_on("192.168.1.20")


def _anonymous_match(tmp_path: Path, host: str) -> int:
    """Status of an anonymous /match to `clearance serve --host HOST` (default --anonymous)."""
    db_url = f"sqlite:///{tmp_path / host.replace(':', '_')}.sqlite"
    ingest(db_url, "parties_v1.csv")
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "CLEARANCE_CACHE": str(tmp_path / "cache")}
    env.pop("CLEARANCE_API_ANONYMOUS", None)
    env.pop("CLEARANCE_API_HOST", None)
    command = [sys.executable, "-c", "from clearance.cli import main; main()"]
    serve = [*command, "--db", db_url, "serve", "--host", host, "--port", str(port)]
    server = subprocess.Popen(serve, env=env, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(url)
        return httpx.post(f"{url}/match/default", json=QUERY, timeout=30).status_code
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.slow
def test_serve_beyond_loopback_refuses_anonymous_by_default(tmp_path: Path) -> None:
    assert _anonymous_match(tmp_path, "127.0.0.1") == 200
    # Listening on every interface: even a loopback caller now needs a key.
    assert _anonymous_match(tmp_path, "0.0.0.0") == 401
