"""A real clearance server on an ephemeral loopback port, over a store holding small fixtures.

Test modules import these fixtures (a conftest.py here would shadow the root `conftest`
module that other folders import helpers from).

`server` runs uvicorn in a thread of the test process (one worker); the hot-swap test starts
`clearance serve --workers 2` as a separate process instead.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import api_parties  # type: ignore[import-not-found]
import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from clearance.api import create_app
from clearance.api.config import Anonymous, ApiSettings
from clearance.service import Clearance
from clearance.settings import Settings
from clearance.store import Store
from clearance.store.accounts import Accounts, Role

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Server:
    url: str
    service: Clearance
    keys: dict[Role, str]
    db_url: str

    def client(self, role: Role | None = Role.SCREEN) -> httpx.Client:
        headers = {"Authorization": f"ApiKey {self.keys[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def ingest(db_url: str, fixture: str) -> None:
    store = Store(db_url)
    store.ingest(api_parties.SOURCE, api_parties.FIXTURES / fixture)
    store.close()


def make_keys(db_url: str) -> dict[Role, str]:
    store = Store(db_url)
    accounts = Accounts(store.engine)
    keys = {role: accounts.create(role, f"test {role}")[1] for role in Role}
    store.close()
    return keys


def wait_ready(url: str, timeout: float = 60.0, workers: int = 1) -> None:
    """Wait until `workers` distinct worker processes have answered /readyz with 200: with
    several workers on one port, one ready worker says nothing of the others."""
    ready: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            resp = httpx.get(f"{url}/readyz", timeout=2)
            if resp.status_code == 200:
                ready.add(resp.json()["worker"])
                if len(ready) >= workers:
                    return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url}: {len(ready)} of {workers} workers ready after {timeout} s")


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn in a thread on an ephemeral loopback port; yields its URL."""
    sock = free_socket()
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url)
        yield url
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(name="server", scope="session")
def server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("api")
    db_url = f"sqlite:///{root / 'store.sqlite'}"
    ingest(db_url, "parties_v1.csv")
    keys = make_keys(db_url)
    service = Clearance(Settings(db_url=db_url, cache_dir=root / "cache"))
    # The media tests fetch articles from loopback servers, which the default refuses.
    api = ApiSettings(
        anonymous=Anonymous.OFF,
        refresh_seconds=0.5,
        auth_cache_seconds=0.0,
        media_private_urls=True,
    )
    with serving(create_app(service=service, api_settings=api)) as url:
        yield Server(url=url, service=service, keys=keys, db_url=db_url)


@pytest.fixture(name="postgres_db", scope="session")
def postgres_db_fixture() -> Iterator[str]:
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any connection failure means: no server to test against
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 (database 'test') not reachable: {exc}")
    name = f"clearance_api_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(name="fixtures_dir")
def fixtures_dir_fixture() -> Path:
    return Path(api_parties.FIXTURES)
