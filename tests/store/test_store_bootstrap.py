"""The bundled lists load into an empty store by themselves, once, and resume if interrupted."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from people_source import TEST_SOURCE  # type: ignore[import-not-found]

from clearance.errors import DataError
from clearance.sources.registry import SourceSpec
from clearance.store import Store
from clearance.store.bootstrap import (
    BUNDLED_ORIGIN,
    bundled_files,
    bundled_sources,
    ensure_bundled,
    ingest_bundled,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


@pytest.fixture(name="sqlite_store")
def sqlite_store_fixture(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'boot.sqlite'}")


@pytest.mark.slow
def test_bootstrap_loads_every_bundled_source_and_resumes(sqlite_store: Store) -> None:
    specs = {spec.name: spec for spec in bundled_sources()}
    assert {"us_csl", "us_ofac_sdn", "un_sc"} <= specs.keys()
    # An interrupted first run: one source loaded, the others not yet.
    ingest_bundled(sqlite_store, specs["un_sc"])
    started = time.perf_counter()
    results = ensure_bundled(sqlite_store, show_progress=False)
    elapsed = time.perf_counter() - started
    assert sorted(r.snapshot.source for r in results) == sorted(set(specs) - {"un_sc"})
    assert elapsed < 60
    snaps = sqlite_store.active_snapshots()
    assert {s.source for s in snaps} == set(specs)
    for snap in snaps:
        assert snap.origin == BUNDLED_ORIGIN
        expected = specs[snap.source].data_date
        assert snap.data_date == (date.fromisoformat(expected) if expected else None)
        assert snap.entity_count > 0
    assert ensure_bundled(sqlite_store, show_progress=False) == []
    total = sum(s.entity_count for s in snaps)
    assert sum(1 for _ in sqlite_store.active_entities()) == total > 25_000


def test_store_with_own_data_is_left_alone(sqlite_store: Store) -> None:
    sqlite_store.ingest(TEST_SOURCE, FIXTURES / "people_v1.csv")
    assert ensure_bundled(sqlite_store, show_progress=False) == []
    assert [s.source for s in sqlite_store.snapshots()] == [TEST_SOURCE]


def test_missing_bundled_file_is_a_data_error() -> None:
    spec = SourceSpec(
        name="ghost", title="ghost", reader=lambda path: iter(()), bundled=("ghost/none.csv.gz",)
    )
    with pytest.raises(DataError, match=r"bundled data of ghost is missing.*none\.csv\.gz"):
        bundled_files(spec)
