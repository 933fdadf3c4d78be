"""A tiny test list format (CSV: id, schema, name, country, program), registered by import.

It stands in for a real reader so that the store can be tested on small, exact fixtures.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from pathlib import Path

from clearance.errors import InputError
from clearance.model import Entity, Listing, Schema
from clearance.sources.registry import SourceSpec, register

TEST_SOURCE = "test_people"
COLUMNS = ["id", "schema", "name", "country", "program"]


def read_people(path: Path) -> Iterator[Entity]:
    """A minimal CSV reader standing in for a real list format."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise InputError(
                f"expected columns {COLUMNS}, got {reader.fieldnames}", file=path, line=1
            )
        for line, row in enumerate(reader, start=2):
            if None in row.values() or None in row:
                raise InputError("row has the wrong number of fields", file=path, line=line)
            try:
                schema = Schema(row["schema"])
            except ValueError:
                raise InputError(
                    f"expected one of {[s.value for s in Schema]}, got {row['schema']!r}",
                    file=path,
                    line=line,
                    field="schema",
                ) from None
            entity = Entity(id=f"{TEST_SOURCE}:{row['id']}", schema=schema, source=TEST_SOURCE)
            entity.add("name", row["name"])
            entity.add("country", row["country"].split(";"))
            entity.listings.append(
                Listing(list_id="test", source_list="Test list", programs=(row["program"],))
            )
            yield entity
    stall = path.with_suffix(".stall")
    if stall.exists():
        yield from _stall_midway(stall)


register(SourceSpec(name=TEST_SOURCE, title="test people CSV", reader=read_people))


STALL_EXTRA = 5000


def _stall_midway(marker: Path) -> Iterator[Entity]:
    """Test hook: yield many more entities, say so in `marker`, then hang until killed.

    Lets a test kill an ingest with SIGKILL while rows are written but not committed.
    """
    for i in range(STALL_EXTRA):
        entity = Entity(id=f"{TEST_SOURCE}:extra{i}", schema=Schema.PERSON, source=TEST_SOURCE)
        entity.add("name", f"EXTRA PERSON {i}")
        yield entity
    marker.write_text("written", encoding="utf-8")
    time.sleep(120)
