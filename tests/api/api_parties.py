"""A tiny list format for the API tests (CSV: id, schema, name, aliases, country, list_id,
start_date), registered by import. Its entities carry real list ids so that yente's dataset
filters can be checked against clearance's dataset table."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from clearance.model import Entity, Listing, Schema
from clearance.sources.registry import SourceSpec, register

SOURCE = "api_parties"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "api"


def read_parties(path: Path) -> Iterator[Entity]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            entity = Entity(id=f"{SOURCE}:{row['id']}", schema=Schema(row["schema"]), source=SOURCE)
            entity.add("name", row["name"])
            entity.add("alias", row["aliases"].split(";"))
            entity.add("country", row["country"])
            entity.listings.append(
                Listing(
                    list_id=row["list_id"],
                    source_list=row["list_id"],
                    start_date=date.fromisoformat(row["start_date"]),
                )
            )
            yield entity


register(SourceSpec(name=SOURCE, title="API test parties", reader=read_parties))
