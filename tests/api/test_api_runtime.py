"""The hot swap reaches every endpoint: /match through the runtime, /decide and /timeline
through the service, which must serve from the same, newly built index."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_server import ingest  # type: ignore[import-not-found]

from clearance.api.runtime import Runtime
from clearance.errors import NotFoundError
from clearance.service import Clearance
from clearance.settings import Settings


def test_swap_reaches_decide_and_timeline(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    ingest(db_url, "parties_v1.csv")
    service = Clearance(Settings(db_url=db_url, cache_dir=tmp_path / "cache"))
    runtime = Runtime(service, refresh_seconds=60)
    assert runtime.refresh() is True  # first load
    first = runtime.current()
    with pytest.raises(NotFoundError):  # rosneft is only in the second snapshot
        service.timeline("api_parties:rosneft")

    ingest(db_url, "parties_v2.csv")  # as another process would
    assert runtime.refresh() is True
    swapped = runtime.current()
    assert swapped.data_version != first.data_version
    assert service.screener is swapped.screener
    assert service.timeline("api_parties:rosneft") is not None
    assert runtime.refresh() is False  # nothing new: no rebuild
