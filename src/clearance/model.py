"""Domain types shared by every layer: entities, listings, snapshots, matches, decisions.

Entities are FollowTheMoney-compatible: a schema name and a dict of FtM property names to
lists of string values (`name`, `alias`, `weakAlias`, `previousName`, `address`, `country`,
`nationality`, `birthDate`, `idNumber`, `registrationNumber`, `imoNumber`, `leiCode`, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Schema(StrEnum):
    PERSON = "Person"
    COMPANY = "Company"
    ORGANIZATION = "Organization"
    LEGAL_ENTITY = "LegalEntity"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"

    @property
    def is_organisation(self) -> bool:
        return self in (Schema.COMPANY, Schema.ORGANIZATION, Schema.LEGAL_ENTITY)


# FtM properties that hold names, from the strongest to the weakest.
NAME_PROPERTIES: tuple[str, ...] = ("name", "alias", "previousName", "weakAlias")
STRONG_NAME_PROPERTIES: tuple[str, ...] = ("name", "alias", "previousName")
IDENTIFIER_PROPERTIES: tuple[str, ...] = (
    "idNumber",
    "registrationNumber",
    "passportNumber",
    "taxNumber",
    "imoNumber",
    "leiCode",
    "swiftBic",
    "innCode",
    "ogrnCode",
    "uscCode",
    "mmsi",
    "registrationNumber",
)


@dataclass(frozen=True)
class Listing:
    """One entity on one list: what the publication says about that entry.

    `list_id` is clearance's stable name of the list (`us_bis_entity_list`, `us_ofac_sdn`,
    `us_ofac_ns_cmic`, `us_bis_dpl`, `un_sc`, ...); `source_list` is the list's name as
    published. `dates` holds structured dates found in remarks, e.g. for NS-CMIC
    {"effective": 2021-08-02, "divestment": 2022-06-03, "listing": 2021-06-03}.
    """

    list_id: str
    source_list: str
    programs: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    citations: tuple[str, ...] = ()
    license_requirement: str | None = None
    license_policy: str | None = None
    remarks: str | None = None
    source_url: str | None = None
    dates: dict[str, date] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "list_id": self.list_id,
            "source_list": self.source_list,
            "programs": list(self.programs),
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "citations": list(self.citations),
            "license_requirement": self.license_requirement,
            "license_policy": self.license_policy,
            "remarks": self.remarks,
            "source_url": self.source_url,
            "dates": {k: v.isoformat() for k, v in sorted(self.dates.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        return cls(
            list_id=data["list_id"],
            source_list=data["source_list"],
            programs=tuple(data.get("programs") or ()),
            start_date=_opt_date(data.get("start_date")),
            end_date=_opt_date(data.get("end_date")),
            citations=tuple(data.get("citations") or ()),
            license_requirement=data.get("license_requirement"),
            license_policy=data.get("license_policy"),
            remarks=data.get("remarks"),
            source_url=data.get("source_url"),
            dates={k: date.fromisoformat(v) for k, v in (data.get("dates") or {}).items()},
        )


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass
class Entity:
    """A listed party as one source publishes it.

    `id` is globally unique and stable across snapshots of a source: `<source>:<native id>`
    (e.g. `us_csl:d05d55fa…`, `us_ofac_sdn:30947`, `un_sc:QDi.001`).
    """

    id: str
    schema: Schema
    source: str
    properties: dict[str, list[str]] = field(default_factory=dict)
    listings: list[Listing] = field(default_factory=list)

    def add(self, prop: str, values: str | Iterable[str] | None) -> None:
        """Add cleaned, de-duplicated values to a property; empty values are dropped."""
        if values is None:
            return
        if isinstance(values, str):
            values = [values]
        bucket = self.properties.setdefault(prop, [])
        for value in values:
            text = " ".join(value.split())
            if text and text not in bucket:
                bucket.append(text)
        if not bucket:
            del self.properties[prop]

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    @property
    def caption(self) -> str:
        for prop in NAME_PROPERTIES:
            values = self.properties.get(prop)
            if values:
                return values[0]
        return self.id

    @property
    def names(self) -> list[str]:
        return [v for p in NAME_PROPERTIES for v in self.properties.get(p, [])]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema": str(self.schema),
            "caption": self.caption,
            "source": self.source,
            "properties": {k: list(v) for k, v in sorted(self.properties.items())},
            "listings": [listing.to_dict() for listing in self.listings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            schema=Schema(data["schema"]),
            source=data["source"],
            properties={k: list(v) for k, v in data.get("properties", {}).items()},
            listings=[Listing.from_dict(item) for item in data.get("listings", [])],
        )


@dataclass(frozen=True)
class Snapshot:
    """One ingested version of a source; immutable once written."""

    id: int
    source: str
    sha256: str
    fetched_at: datetime
    data_date: date | None
    entity_count: int
    listing_count: int
    active: bool
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "sha256": self.sha256,
            "fetched_at": self.fetched_at.isoformat(),
            "data_date": self.data_date.isoformat() if self.data_date else None,
            "entity_count": self.entity_count,
            "listing_count": self.listing_count,
            "active": self.active,
            "origin": self.origin,
        }
