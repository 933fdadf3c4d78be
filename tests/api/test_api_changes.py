"""yente's `changed_since` and the entity's first_seen / last_change / last_seen, from the
store's own snapshot history: three snapshots fetched on known dates, one adding an entity,
one changing another and dropping a third."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import api_parties  # type: ignore[import-not-found]
import httpx
import pytest
from api_server import make_keys, serving  # type: ignore[import-not-found]

from clearance.api import create_app
from clearance.api.changes import entity_histories, served_snapshots
from clearance.api.config import Anonymous, ApiSettings
from clearance.service import Clearance
from clearance.settings import Settings
from clearance.store import Store
from clearance.store.accounts import Role

JAN, JUN, SEP = (datetime(2024, m, 1, 12, tzinfo=UTC) for m in (1, 6, 9))


@pytest.fixture(name="history_db", scope="module")
def history_db_fixture(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("changes")
    v2 = (api_parties.FIXTURES / "parties_v2.csv").read_text(encoding="utf-8").splitlines()
    # September: Petrov's country changes, Huawei leaves the list.
    v3 = [
        line.replace(",ru,us_ofac_sdn,", ",ua,us_ofac_sdn,")
        for line in v2
        if not line.startswith("huawei,")
    ]
    (root / "parties_v3.csv").write_text("\n".join(v3) + "\n", encoding="utf-8")
    db_url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store(db_url)
    for path, fetched in (
        (api_parties.FIXTURES / "parties_v1.csv", JAN),
        (api_parties.FIXTURES / "parties_v2.csv", JUN),
        (root / "parties_v3.csv", SEP),
    ):
        store.ingest(api_parties.SOURCE, path, fetched_at=fetched)
    store.close()
    return db_url


def test_histories_follow_the_snapshots(history_db: str) -> None:
    store = Store(history_db)
    version = store.data_version()
    histories = entity_histories(store.engine, version)
    store.close()
    assert served_snapshots(version) == {api_parties.SOURCE: 3}
    xiaomi, rosneft, petrov = (
        histories[f"api_parties:{name}"] for name in ("xiaomi", "rosneft", "petrov")
    )
    assert (xiaomi.first_seen, xiaomi.last_change, xiaomi.last_seen) == (JAN, JAN, SEP)
    assert (rosneft.first_seen, rosneft.last_change) == (JUN, JUN)
    assert (petrov.first_seen, petrov.last_change) == (JAN, SEP)
    assert "api_parties:huawei" not in histories
    # The history as of an older data version stops there.
    assert entity_histories(Store(history_db).engine, "api_parties@2")["api_parties:petrov"] == (
        type(petrov)(JAN, JAN, JUN)
    )


@pytest.fixture(name="history_server", scope="module")
def history_server_fixture(
    history_db: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    key = make_keys(history_db)[Role.SCREEN]
    cache = tmp_path_factory.mktemp("changes-cache")
    service = Clearance(Settings(db_url=history_db, cache_dir=cache))
    api = ApiSettings(anonymous=Anonymous.OFF, auth_cache_seconds=0.0)
    with serving(create_app(service=service, api_settings=api)) as url:
        yield url, key


def _match(server: tuple[str, str], name: str, **params: str) -> list[dict[str, Any]]:
    url, key = server
    query = {"queries": {"q": {"schema": "Thing", "properties": {"name": [name]}}}}
    resp = httpx.post(
        f"{url}/match/default",
        json=query,
        params=params,
        headers={"Authorization": f"ApiKey {key}"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    results: list[dict[str, Any]] = resp.json()["responses"]["q"]["results"]
    return results


def _ids(results: list[dict[str, Any]]) -> set[str]:
    return {r["id"] for r in results}


def test_changed_since_keeps_entities_whose_data_changed(history_server: tuple[str, str]) -> None:
    changed = _match(history_server, "Ivan Petrov", changed_since="2024-08-01")
    assert "api_parties:petrov" in _ids(changed)
    assert "api_parties:xiaomi" not in _ids(
        _match(history_server, "Xiaomi Corporation", changed_since="2024-08-01")
    )
    assert "api_parties:rosneft" in _ids(
        _match(history_server, "Rosneft Oil Company", changed_since="2024-06-01")
    )
    everything = _match(history_server, "Xiaomi Corporation", changed_since="2023-12-01")
    xiaomi = next(r for r in everything if r["id"] == "api_parties:xiaomi")
    assert xiaomi["last_change"].startswith("2024-01-01")
    assert xiaomi["first_seen"].startswith("2024-01-01")
    assert xiaomi["last_seen"].startswith("2024-09-01")


def test_entity_carries_its_history(history_server: tuple[str, str]) -> None:
    url, key = history_server
    resp = httpx.get(
        f"{url}/entities/api_parties:petrov", headers={"Authorization": f"ApiKey {key}"}
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["first_seen"].startswith("2024-01-01")
    assert body["last_change"].startswith("2024-09-01")


def test_changed_since_must_be_a_date(history_server: tuple[str, str]) -> None:
    url, key = history_server
    headers = {"Authorization": f"ApiKey {key}"}
    query = {"queries": {"q": {"schema": "Thing", "properties": {"name": ["Petrov"]}}}}
    for bad in ("yesterday", "2024-13-45"):
        resp = httpx.post(
            f"{url}/match/default", json=query, params={"changed_since": bad}, headers=headers
        )
        assert resp.status_code in (400, 422), resp.text
        assert "changed_since" in resp.text
