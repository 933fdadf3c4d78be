"""OFAC legacy CSV sets: the SDN list (`sdn.csv`, `add.csv`, `alt.csv`, `sdn_comments.csv`)
and the consolidated non-SDN lists (`cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`,
`cons_comments.csv`).

The files have no header; `-0-` means empty; each ends with a DOS end-of-file byte. Remarks
longer than the column allows continue in the comments file, keyed by the entry number. A
path may be the directory of the set or its primary file (with the others beside it); `.xml`
paths are read by `ofac_xml` under the same source names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from clearance.errors import InputError
from clearance.model import Entity, Listing
from clearance.sources.csvrows import Record, headerless_records
from clearance.sources.entities import add_names, add_properties
from clearance.sources.files import find_member, logical_name, logical_suffix, read_text
from clearance.sources.lists import (
    NON_SDN_TITLE,
    OFAC_NON_SDN_TITLES,
    SDN_TITLE,
    ofac_non_sdn_lists,
)
from clearance.sources.ofac_facts import parse_remarks
from clearance.sources.ofac_xml import read_ofac_xml
from clearance.sources.registry import SourceSpec, register
from clearance.sources.schemas import TYPE_SCHEMAS, organisation_schema
from clearance.sources.urls import urls_for

PRIMARY_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ADDRESS_COLUMNS = (
    "ent_num",
    "Add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "Add_remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
COMMENT_COLUMNS = ("ent_num", "Remarks_extended")

EMPTY = "-0-"
# alt.csv types: "aka" is a strong alias, "fka" a former name, "nka" the name now used.
ALT_TYPE_PROPERTIES = {"aka": "alias", "fka": "previousName", "nka": "alias"}
VESSEL_COLUMNS = {
    "Call_Sign": "callSign",
    "Vess_type": "vesselType",
    "Tonnage": "tonnage",
    "GRT": "grossRegisteredTonnage",
    "Vess_flag": "flag",
    "Vess_owner": "owner",
}


@dataclass(frozen=True)
class OfacSet:
    source: str
    primary: str
    addresses: str
    alts: str
    comments: str


SDN_SET = OfacSet("us_ofac_sdn", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
CONSOLIDATED_SET = OfacSet(
    "us_ofac_consolidated", "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"
)


def value(record: Record, column: str) -> str:
    text = record.get(column).strip()
    return "" if text == EMPTY else text


def split_programs(text: str) -> list[str]:
    """`SDGT] [IRGC` (the CSV's rendering of "[SDGT] [IRGC]") -> [SDGT, IRGC]."""
    return [p.strip() for p in re.split(r"\]\s*\[", text.strip("[] ")) if p.strip()]


def entry_number(record: Record, path: Path) -> str:
    number = record.get("ent_num").strip()
    if not number.isdigit():
        raise InputError(
            f"{number!r} is not an entry number; expected digits",
            file=path,
            line=record.line,
            field="ent_num",
        )
    return number


def _members(path: Path, spec: OfacSet) -> tuple[Path, Path | None, Path | None, Path | None]:
    if path.is_dir():
        primary = find_member(path, spec.primary)
        if primary is None:
            raise InputError(
                f"no {spec.primary} (or {spec.primary}.gz) in the directory", file=path
            )
        directory = path
    else:
        primary, directory = path, path.parent
        if logical_name(path).lower() != spec.primary:
            return primary, None, None, None
    return (
        primary,
        find_member(directory, spec.addresses),
        find_member(directory, spec.alts),
        find_member(directory, spec.comments),
    )


def _rows(path: Path, columns: tuple[str, ...]) -> list[Record]:
    return list(headerless_records(read_text(path), path, columns))


def _attach(
    rows: list[Record], path: Path, known: dict[str, Entity]
) -> Iterator[tuple[Entity, Record]]:
    """Pair companion rows with their entries; an unknown entry number means a mismatched set."""
    for record in rows:
        number = entry_number(record, path)
        entity = known.get(number)
        if entity is None:
            raise InputError(
                f"entry {number} is not in the primary file; the files are not from the same "
                "publication (download the set again)",
                file=path,
                line=record.line,
                field="ent_num",
            )
        yield entity, record


def read_ofac_set(path: Path, spec: OfacSet) -> Iterator[Entity]:
    primary_path, add_path, alt_path, comments_path = _members(path, spec)
    primary_rows = _rows(primary_path, PRIMARY_COLUMNS)
    if not primary_rows:
        raise InputError(
            f"the file is empty; expected {spec.primary} records", file=primary_path, line=1
        )

    remarks: dict[str, str] = {}
    remark_lines: dict[str, int] = {}
    entities: dict[str, Entity] = {}
    programs: dict[str, list[str]] = {}
    for record in primary_rows:
        number = entry_number(record, primary_path)
        if number in entities:
            raise InputError(
                f"entry {number} appears twice",
                file=primary_path,
                line=record.line,
                field="ent_num",
            )
        entities[number] = _entity(record, spec, number, primary_path)
        programs[number] = split_programs(value(record, "Program"))
        remarks[number] = value(record, "Remarks")
        remark_lines[number] = record.line

    if comments_path is not None:
        for entity, record in _attach(
            _rows(comments_path, COMMENT_COLUMNS), comments_path, entities
        ):
            number = entity.id.split(":", 1)[1]
            remarks[number] += record.get("Remarks_extended").rstrip()
    if alt_path is not None:
        for entity, record in _attach(_rows(alt_path, ALT_COLUMNS), alt_path, entities):
            _add_alt(entity, record, alt_path)
    if add_path is not None:
        for entity, record in _attach(_rows(add_path, ADDRESS_COLUMNS), add_path, entities):
            _add_address(entity, record)

    for number, entity in entities.items():
        facts = parse_remarks(remarks[number], primary_path, remark_lines[number], "Remarks")
        add_properties(entity, facts.properties)
        if entity.schema.is_organisation:
            entity.schema = organisation_schema(entity.names, entity.properties)
        entity.listings.extend(_listings(spec, programs[number], remarks[number], facts.dates))
        yield entity


def _entity(record: Record, spec: OfacSet, number: str, path: Path) -> Entity:
    name = value(record, "SDN_Name")
    if not name:
        raise InputError("the entry has no name", file=path, line=record.line, field="SDN_Name")
    kind = value(record, "SDN_Type").lower()
    schema = TYPE_SCHEMAS.get(kind)
    if kind and schema is None:
        raise InputError(
            f"unknown type {kind!r}; expected individual, vessel, aircraft or -0-",
            file=path,
            line=record.line,
            field="SDN_Type",
        )
    entity = Entity(
        id=f"{spec.source}:{number}",
        schema=schema or organisation_schema([name], {}),
        source=spec.source,
    )
    add_names(entity, "name", [name])
    entity.add("position" if entity.schema == "Person" else "notes", value(record, "Title"))
    for column, prop in VESSEL_COLUMNS.items():
        entity.add(prop, value(record, column))
    return entity


def _add_alt(entity: Entity, record: Record, path: Path) -> None:
    kind = value(record, "alt_type").lower()
    prop = ALT_TYPE_PROPERTIES.get(kind)
    if prop is None:
        raise InputError(
            f"unknown alias type {kind!r}; expected aka, fka or nka",
            file=path,
            line=record.line,
            field="alt_type",
        )
    add_names(entity, prop, [value(record, "alt_name")])


def _add_address(entity: Entity, record: Record) -> None:
    parts = [value(record, c) for c in ("Address", "City/State/Province/Postal Code", "Country")]
    entity.add("address", ", ".join(p for p in parts if p))
    entity.add("country", value(record, "Country"))


def _listings(
    spec: OfacSet, programs: list[str], remarks: str, dates: dict[str, date]
) -> list[Listing]:
    if spec is SDN_SET:
        return [
            Listing(
                list_id="us_ofac_sdn",
                source_list=SDN_TITLE,
                programs=tuple(programs),
                remarks=remarks or None,
                dates=dict(dates),
            )
        ]
    return [
        Listing(
            list_id=list_id,
            source_list=OFAC_NON_SDN_TITLES.get(list_id, NON_SDN_TITLE),
            programs=tuple(programs),
            remarks=remarks or None,
            dates=dict(dates),
        )
        for list_id in ofac_non_sdn_lists(programs)
    ]


def read_sdn(path: Path) -> Iterator[Entity]:
    if logical_suffix(path) == ".xml":
        return read_ofac_xml(path, "us_ofac_sdn")
    return read_ofac_set(path, SDN_SET)


def read_consolidated(path: Path) -> Iterator[Entity]:
    if logical_suffix(path) == ".xml":
        return read_ofac_xml(path, "us_ofac_consolidated")
    return read_ofac_set(path, CONSOLIDATED_SET)


register(
    SourceSpec(
        name="us_ofac_sdn",
        title="OFAC Specially Designated Nationals (SDN) list",
        reader=read_sdn,
        urls=urls_for("us_ofac_sdn"),
        bundled=("us_ofac_sdn/sdn.csv.gz", "us_ofac_sdn/add.csv.gz", "us_ofac_sdn/alt.csv.gz"),
        data_date="2024-05-03",
        formats=("csv", "xml"),
    )
)
register(
    SourceSpec(
        name="us_ofac_consolidated",
        title="OFAC Consolidated (non-SDN) lists: NS-CMIC, SSI, NS-PLC, FSE, NS-MBS, CAPTA",
        reader=read_consolidated,
        urls=urls_for("us_ofac_consolidated"),
        bundled=(
            "us_ofac_consolidated/cons_prim.csv.gz",
            "us_ofac_consolidated/cons_add.csv.gz",
            "us_ofac_consolidated/cons_alt.csv.gz",
            "us_ofac_consolidated/cons_comments.csv.gz",
        ),
        data_date="2025-12-19",
        formats=("csv", "xml"),
    )
)
