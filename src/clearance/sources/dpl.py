"""BIS Denied Persons List (`dpl.txt`): tab-delimited, quoted, one row per order and address.

The list has no entry numbers; an entry is identified by its name, its order's effective date
and Federal Register citation (the same denial order), and rows of the same order at several
addresses become one entity with several addresses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from clearance.errors import InputError
from clearance.model import Entity, Listing
from clearance.sources.csl import split_citations
from clearance.sources.csvrows import Record, header_records
from clearance.sources.dates import parse_iso, parse_us
from clearance.sources.entities import add_names
from clearance.sources.files import read_text
from clearance.sources.registry import SourceSpec, register
from clearance.sources.schemas import party_schema
from clearance.sources.urls import urls_for

COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
TITLE = "Denied Persons List (DPL) - Bureau of Industry and Security"


def entry_key(record: Record) -> str:
    basis = "|".join(
        " ".join(record.get(c).split()).upper() for c in ("Name", "Effective_Date", "FR_Citation")
    )
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]


def read_dpl(path: Path) -> Iterator[Entity]:
    records = list(header_records(read_text(path), path, COLUMNS, delimiter="\t"))
    if not records:
        raise InputError("the file has a header but no records", file=path, line=2)
    entities: dict[str, Entity] = {}
    for record in records:
        key = entry_key(record)
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = _entity(record, key, path)
        parts = [record.get(c).strip() for c in ("Street_Address", "City", "State", "Postal_Code")]
        parts.append(record.get("Country").strip())
        entity.add("address", ", ".join(p for p in parts if p))
        entity.add("country", record.get("Country").strip().lower())
    return iter(entities.values())


def _entity(record: Record, key: str, path: Path) -> Entity:
    name = record.get("Name").strip()
    if not name:
        raise InputError("the record has no name", file=path, line=record.line, field="Name")
    effective = record.get("Effective_Date").strip()
    if not effective:
        raise InputError(
            "the denial order has no effective date; expected MM/DD/YYYY",
            file=path,
            line=record.line,
            field="Effective_Date",
        )
    expiration = record.get("Expiration_Date").strip()
    last_update = record.get("Last_Update").strip()
    if last_update:
        parse_iso(last_update, path, record.line, "Last_Update")
    entity = Entity(id=f"us_bis_dpl:{key}", schema=party_schema([name], {}), source="us_bis_dpl")
    add_names(entity, "name", [name])
    entity.listings.append(
        Listing(
            list_id="us_bis_dpl",
            source_list=TITLE,
            # 15 CFR 764.3(a)(2): a denial order takes effect on its effective date.
            start_date=parse_us(effective, path, record.line, "Effective_Date"),
            end_date=parse_us(expiration, path, record.line, "Expiration_Date")
            if expiration
            else None,
            citations=split_citations(record.get("FR_Citation")),
            remarks="; ".join(
                part
                for part in (record.get("Action").strip(), _standard(record.get("Standard_Order")))
                if part
            )
            or None,
        )
    )
    return entity


def _standard(flag: str) -> str:
    return "standard denial order" if flag.strip().upper() == "Y" else ""


register(
    SourceSpec(
        name="us_bis_dpl",
        title="BIS Denied Persons List",
        reader=read_dpl,
        urls=urls_for("us_bis_dpl"),
        formats=("txt",),
    )
)
