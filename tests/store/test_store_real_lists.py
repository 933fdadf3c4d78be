"""The store on the real lists in ../shared: full CSL, UN diff between years, truncated files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    fixture_dir_fixture,
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.errors import InputError
from clearance.store import Store
from clearance.store.bootstrap import load_sources
from support import shared_path

pytestmark = pytest.mark.shared


@pytest.fixture(autouse=True)
def _readers() -> None:
    load_sources()


@pytest.fixture(name="sqlite_store")
def sqlite_store_fixture(tmp_path: Path) -> Iterator[Store]:
    """The big real-data tests run on SQLite only; PostgreSQL gets the truncation test."""
    instance = Store(f"sqlite:///{tmp_path / 'real.sqlite'}")
    yield instance
    instance.close()


def test_full_csl_ingest_and_reload(sqlite_store: Store) -> None:
    path = shared_path("us_csl/2022-05/consolidated.csv")
    result = sqlite_store.ingest("us_csl", path)
    # 14,160 rows, one listing each; a party listed on two lists under one _id (SDN and
    # CAPTA) is one entity with two listings.
    assert result.snapshot.listing_count == 14160
    assert result.snapshot.entity_count == 14048
    assert sqlite_store.count_active_entities() == 14048
    twice = sqlite_store.entity("us_csl:34616")
    assert len(twice.listings) == 2
    loaded = {entity.id for entity in sqlite_store.active_entities()}
    assert len(loaded) == 14048 and "us_csl:34616" in loaded


def test_un_list_diff_between_2020_and_2026(sqlite_store: Store) -> None:
    old = sqlite_store.ingest("un_sc", shared_path("un_sc/2020-11/consolidated.xml"))
    new = sqlite_store.ingest("un_sc", shared_path("un_sc/2026-02-27/consolidated.xml"))
    diff = new.diff
    assert diff.old == old.snapshot.id and diff.new == new.snapshot.id
    assert diff.added and diff.removed and diff.changed
    assert new.snapshot.entity_count == 1003
    assert (
        old.snapshot.entity_count + len(diff.added) - len(diff.removed) == new.snapshot.entity_count
    )
    assert all(fields for fields in diff.changed.values())
    assert sqlite_store.diff("un_sc") == diff


def test_truncated_real_files_leave_previous_snapshot(store: Store, tmp_path: Path) -> None:
    source = shared_path("un_sc/2026-02-27/consolidated.xml")
    store.ingest("un_sc", source)
    before = (store.snapshots(), store.data_version(), store.count_active_entities())
    truncated = tmp_path / "consolidated.xml"
    truncated.write_bytes(source.read_bytes()[:300_000])
    with pytest.raises(InputError, match="truncated") as info:
        store.ingest("un_sc", truncated)
    assert info.value.location.file == str(truncated)
    assert info.value.location.line is not None
    assert (store.snapshots(), store.data_version(), store.count_active_entities()) == before
    # The CSL subset in ../shared is itself cut off mid-record by its publisher's tooling.
    with pytest.raises(InputError, match="truncated"):
        store.ingest("us_csl", shared_path("us_csl/2023-11-30_subset/csl.csv"))
    assert (store.snapshots(), store.data_version(), store.count_active_entities()) == before
    if store.url.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_bad_date_deep_in_a_real_file(sqlite_store: Store, tmp_path: Path) -> None:
    rows = list(csv.reader(shared_path("us_csl/2022-05/consolidated.csv").open(encoding="utf-8")))
    bad = tmp_path / "csl.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerows(rows[:13900])
        broken = list(rows[13900])
        broken[rows[0].index("start_date")] = "2015-13-45"
        writer.writerow(broken)
    with pytest.raises(InputError) as info:
        sqlite_store.ingest("us_csl", bad)
    assert info.value.location.field == "start_date"
    content = bad.read_text(encoding="utf-8")
    # Physical line of the bad value: CSL records span several lines (quoted newlines).
    assert info.value.location.line == content[: content.index("2015-13-45")].count("\n") + 1
    assert sqlite_store.is_empty()
