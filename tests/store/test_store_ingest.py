"""Ingest: snapshots, no-op re-ingest, diffs, atomicity on malformed input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from people_source import TEST_SOURCE  # type: ignore[import-not-found]
from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    fixture_dir_fixture,
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.errors import InputError, NotFoundError
from clearance.model import Schema
from clearance.store import Store


def test_new_store_is_empty(store: Store) -> None:
    assert store.is_empty()
    assert store.data_version() == "empty"
    assert store.snapshots() == []
    assert list(store.active_entities()) == []


def test_ingest_creates_active_snapshot(store: Store, fixture_dir: Path) -> None:
    result = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv", origin="fixture")
    assert not result.unchanged
    assert result.snapshot.active
    assert result.snapshot.entity_count == 3
    assert result.snapshot.listing_count == 3
    assert result.snapshot.origin == "fixture"
    assert sorted(result.diff.added) == ["test_people:1", "test_people:2", "test_people:3"]
    assert not store.is_empty()
    assert store.data_version() == f"{TEST_SOURCE}@{result.snapshot.id}"
    entity = store.entity("test_people:3")
    assert entity.schema is Schema.PERSON
    assert entity.caption == "IVAN PETROV"
    assert entity.listings[0].programs == ("SDN",)


def test_reingest_identical_content_is_a_noop(store: Store, fixture_dir: Path) -> None:
    first = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    again = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    assert again.unchanged
    assert again.snapshot.id == first.snapshot.id
    assert again.diff.is_empty
    assert len(store.snapshots()) == 1


def test_second_version_replaces_first_and_diff_names_fields(
    store: Store, fixture_dir: Path
) -> None:
    first = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    second = store.ingest(TEST_SOURCE, fixture_dir / "people_v2.csv")
    assert second.diff.added == ["test_people:4"]
    assert second.diff.removed == ["test_people:3"]
    assert second.diff.changed == {"test_people:2": ["country"]}
    snaps = store.snapshots(TEST_SOURCE)
    assert [(s.id, s.active) for s in snaps] == [
        (first.snapshot.id, False),
        (second.snapshot.id, True),
    ]
    assert store.data_version() == f"{TEST_SOURCE}@{second.snapshot.id}"
    assert sorted(e.id for e in store.active_entities()) == [
        "test_people:1",
        "test_people:2",
        "test_people:4",
    ]
    # The diff between the stored snapshots is the same when asked later, both ways.
    assert store.diff(TEST_SOURCE) == second.diff
    backwards = store.diff(TEST_SOURCE, second.snapshot.id, first.snapshot.id)
    assert backwards.added == ["test_people:3"] and backwards.removed == ["test_people:4"]


def test_removed_entity_is_not_found_but_explained(store: Store, fixture_dir: Path) -> None:
    store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    store.ingest(TEST_SOURCE, fixture_dir / "people_v2.csv")
    with pytest.raises(NotFoundError, match="last seen in snapshot"):
        store.entity("test_people:3")
    with pytest.raises(NotFoundError, match="no entity"):
        store.entity("test_people:999")


@pytest.mark.parametrize(
    ("content", "line", "field"),
    [
        ("id,schema,name\n1,Company,X\n", 1, None),
        ("id,schema,name,country,program\n1,Company,A,cn,X\n2,Robot,B,cn,X\n", 3, "schema"),
        ("id,schema,name,country,program\n1,Company,A,cn,X\n2,Company,B\n", 3, None),
        ("id,schema,name,country,program\n", None, None),
    ],
    ids=["wrong-columns", "bad-schema", "truncated-row", "no-rows"],
)
def test_malformed_file_leaves_store_unchanged(
    store: Store,
    fixture_dir: Path,
    tmp_path: Path,
    content: str,
    line: int | None,
    field: str | None,
) -> None:
    store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    before = (store.snapshots(), store.data_version(), store.count_active_entities())
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        store.ingest(TEST_SOURCE, bad)
    assert info.value.location.file == str(bad)
    assert info.value.location.line == line
    assert info.value.location.field == field
    assert (store.snapshots(), store.data_version(), store.count_active_entities()) == before


def test_bad_encoding_is_an_input_error(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(
        "id,schema,name,country,program\n1,Company,Soci\xe9t\xe9,fr,X\n".encode("latin-1")
    )
    with pytest.raises(InputError, match="UnicodeDecodeError"):
        store.ingest(TEST_SOURCE, bad)
    assert store.is_empty()


def test_missing_file_and_unknown_source(store: Store, tmp_path: Path, fixture_dir: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        store.ingest(TEST_SOURCE, tmp_path / "absent.csv")
    with pytest.raises(NotFoundError, match="unknown source"):
        store.ingest("no_such_source", fixture_dir / "people_v1.csv")


def test_directory_snapshot_hash_covers_the_set(
    store: Store, tmp_path: Path, fixture_dir: Path
) -> None:
    from clearance.store.hashing import source_sha256

    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(fixture_dir / "people_v1.csv", one / "a.csv")
    before = source_sha256(one)
    (one / "b.csv").write_text("x", encoding="utf-8")
    assert source_sha256(one) != before


def test_diff_errors(store: Store, fixture_dir: Path) -> None:
    with pytest.raises(NotFoundError, match="no snapshots"):
        store.diff(TEST_SOURCE)
    result = store.ingest(TEST_SOURCE, fixture_dir / "people_v1.csv")
    with pytest.raises(NotFoundError, match="not a snapshot"):
        store.diff(TEST_SOURCE, 12345, result.snapshot.id)
    first = store.diff(TEST_SOURCE)
    assert first.old is None and len(first.added) == 3
