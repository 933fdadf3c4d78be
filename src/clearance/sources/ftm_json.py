"""OpenSanctions FollowTheMoney JSON lines (`entities.ftm.json`).

Parties (Person, Company, Organization, LegalEntity, Vessel, Aircraft) become entities;
`Sanction` entities become Listings on the parties they name (`Sanction.entity`); `Address`
entities fill the parties' `addressEntity` references. Every other schema (Payment, Ownership,
...) is not a listed party: it is skipped and counted in `FtmReader.skipped`, which the reader
logs, so nothing goes missing silently.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from clearance.errors import InputError
from clearance.model import Entity, Listing, Schema
from clearance.sources.entities import add_properties
from clearance.sources.files import decode_utf8, read_bytes
from clearance.sources.registry import SourceSpec, register

log = logging.getLogger(__name__)

PARTY_SCHEMAS = {schema.value: schema for schema in Schema}


@dataclass
class _Line:
    number: int
    data: dict[str, Any]

    def props(self) -> dict[str, list[str]]:
        raw = self.data.get("properties") or {}
        return {k: [str(v) for v in vs] for k, vs in raw.items() if isinstance(vs, list)}


@dataclass
class FtmReader:
    """Reads one file; `skipped` counts the entities of non-party schemas by schema."""

    path: Path
    skipped: Counter[str] = field(default_factory=Counter)

    def __iter__(self) -> Iterator[Entity]:
        lines = self._lines()
        addresses = {
            line.data["id"]: line.props().get("full", [])
            for line in lines
            if line.data["schema"] == "Address"
        }
        sanctions: dict[str, list[Listing]] = {}
        for line in lines:
            if line.data["schema"] == "Sanction":
                listing = self._listing(line)
                for target in line.props().get("entity", []):
                    sanctions.setdefault(target, []).append(listing)
        parties: list[Entity] = []
        for line in lines:
            schema = PARTY_SCHEMAS.get(line.data["schema"])
            if schema is None:
                if line.data["schema"] not in ("Sanction", "Address"):
                    self.skipped[line.data["schema"]] += 1
                continue
            parties.append(self._entity(line, schema, addresses, sanctions))
        if self.skipped:
            summary = ", ".join(f"{n} {s}" for s, n in self.skipped.most_common())
            log.info("%s: skipped entities that are not listed parties: %s", self.path, summary)
        return iter(parties)

    def _lines(self) -> list[_Line]:
        text = decode_utf8(read_bytes(self.path), self.path)
        out: list[_Line] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise InputError(
                    f"not a JSON object ({exc.msg})", file=self.path, line=number, field="json"
                ) from None
            if not isinstance(data, dict):
                raise InputError(
                    "expected a JSON object", file=self.path, line=number, field="json"
                )
            for key in ("id", "schema"):
                if not isinstance(data.get(key), str) or not data[key]:
                    raise InputError(
                        f"the entity has no {key}", file=self.path, line=number, field=key
                    )
            out.append(_Line(number, data))
        if not out:
            raise InputError("the file is empty; expected FtM entities", file=self.path, line=1)
        return out

    def _entity(
        self,
        line: _Line,
        schema: Schema,
        addresses: dict[str, list[str]],
        sanctions: dict[str, list[Listing]],
    ) -> Entity:
        entity = Entity(id=f"ftm:{line.data['id']}", schema=schema, source="ftm")
        props = line.props()
        for ref in props.pop("addressEntity", []):
            entity.add("address", addresses.get(ref, []))
        add_properties(entity, props)
        entity.listings.extend(sanctions.get(line.data["id"], []))
        return entity

    def _listing(self, line: _Line) -> Listing:
        props = line.props()
        datasets = line.data.get("datasets") or []

        def first(prop: str) -> str | None:
            values = props.get(prop)
            return values[0] if values else None

        return Listing(
            list_id=str(datasets[0]) if datasets else "ftm",
            source_list=first("authority") or first("program") or "FollowTheMoney sanction",
            programs=tuple(props.get("program", [])),
            start_date=self._date(first("startDate") or first("listingDate"), line, "startDate"),
            end_date=self._date(first("endDate"), line, "endDate"),
            remarks="; ".join(props.get("reason", [])) or None,
            source_url=first("sourceUrl"),
        )

    def _date(self, value: str | None, line: _Line, field_name: str) -> date | None:
        """FtM dates may be partial (`2021`, `2021-06`); a listing starts on the first day of
        the period, the earliest reading of the published date."""
        if not value:
            return None
        text = value[:10]
        padded = text + "-01-01"[len(text) - 4 :] if len(text) in (4, 7) else text
        try:
            return date.fromisoformat(padded)
        except ValueError:
            raise InputError(
                f"{value!r} is not a date; expected YYYY[-MM[-DD]]",
                file=self.path,
                line=line.number,
                field=field_name,
            ) from None


def read_ftm(path: Path) -> Iterator[Entity]:
    return iter(FtmReader(path))


register(
    SourceSpec(
        name="ftm",
        title="FollowTheMoney entities (OpenSanctions JSON lines)",
        reader=read_ftm,
        formats=("json", "jsonl"),
    )
)
