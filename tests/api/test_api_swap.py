"""Two workers on one PostgreSQL store follow a new snapshot without restart or failed request."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from api_server import (  # type: ignore[import-not-found]  # noqa: F401
    free_socket,
    ingest,
    make_keys,
    postgres_db_fixture,
    wait_ready,
)

from clearance.store.accounts import Role

HERE = Path(__file__).resolve().parent
ROSNEFT = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Rosneft Oil Company"]}}}}


@pytest.mark.postgres
@pytest.mark.slow
def test_hot_swap_under_load(postgres_db: str, tmp_path: Path) -> None:
    ingest(postgres_db, "parties_v1.csv")
    key = make_keys(postgres_db)[Role.SCREEN]
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "CLEARANCE_CACHE": str(tmp_path / "cache"), "CLEARANCE_API_REFRESH": "0.5"}
    command = [sys.executable, "-c", "from clearance.cli import main; main()"]
    serve = [*command, "--db", postgres_db, "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen([*serve, "--anonymous", "off"], env=env, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, workers=2)
        failures: list[str] = []
        versions: set[str] = set()
        found = threading.Event()
        stop = threading.Event()

        def load() -> None:
            with httpx.Client(base_url=url, headers={"Authorization": f"ApiKey {key}"}) as client:
                while not stop.is_set():
                    resp = client.post("/match/default", json=ROSNEFT, timeout=30)
                    if resp.status_code != 200:
                        failures.append(f"{resp.status_code} {resp.text[:200]}")
                        continue
                    body = resp.json()
                    versions.add(body["data_version"])
                    top = body["responses"]["q"]["results"][:1]
                    if top and top[0]["id"] == "api_parties:rosneft":
                        found.set()

        threads = [threading.Thread(target=load) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        # Another process ingests the new snapshot while the workers are under load.
        code = (
            f"import sys; sys.path.insert(0, {str(HERE)!r}); import api_server; "
            f"api_server.ingest({postgres_db!r}, 'parties_v2.csv')"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
        deadline = time.monotonic() + 30
        while not found.is_set() and time.monotonic() < deadline:
            time.sleep(0.2)
        # Both workers must have swapped: keep loading a little and check every answer is new.
        time.sleep(2.0)
        versions.clear()
        time.sleep(1.5)
        stop.set()
        for thread in threads:
            thread.join()
        assert failures == []
        assert found.is_set(), "no worker picked up the new snapshot"
        assert len(versions) == 1, versions
        # /timeline reads the service's index: every worker must serve the new one there too.
        with httpx.Client(base_url=url, headers={"Authorization": f"ApiKey {key}"}) as client:
            for _ in range(6):
                assert client.get("/timeline/api_parties:rosneft").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
