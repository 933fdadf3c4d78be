"""An ingest killed with SIGKILL mid-way leaves the previous snapshot active and the store sound."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from people_source import TEST_SOURCE  # type: ignore[import-not-found]
from sqlalchemy import text
from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    fixture_dir_fixture,
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.store import Store

HERE = Path(__file__).resolve().parent

INGEST_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import people_source
from pathlib import Path
from clearance.store import Store
Store(sys.argv[2]).ingest(people_source.TEST_SOURCE, Path(sys.argv[3]))
"""


def test_killed_ingest_leaves_previous_snapshot_active(
    store: Store, store_url: str, fixture_dir: Path, tmp_path: Path
) -> None:
    first = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    before = (store.snapshots(), store.data_version(), store.count_active_entities())

    victim = tmp_path / "people_big.csv"
    shutil.copy(fixture_dir / "people_v2.csv", victim)
    marker = victim.with_suffix(".stall")
    marker.write_text("", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(HERE), store_url, str(victim)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        deadline = time.monotonic() + 60
        while marker.read_text(encoding="utf-8") != "written":
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the ingest never reached the stall (exit {process.returncode})")
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    after_store = Store(store_url)
    try:
        assert (
            after_store.snapshots(),
            after_store.data_version(),
            after_store.count_active_entities(),
        ) == before
        assert after_store.entity("test_people:3").caption == "IVAN PETROV"
        if store_url.startswith("sqlite"):
            with after_store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # The store still takes a new version afterwards.
        marker.unlink()
        second = after_store.ingest(TEST_SOURCE, victim)
        assert second.snapshot.id != first.snapshot.id
        assert second.snapshot.entity_count == 3
        assert after_store.active_snapshots() == [second.snapshot]
    finally:
        after_store.close()
