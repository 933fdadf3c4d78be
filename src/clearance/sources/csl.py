"""The US Consolidated Screening List (trade.gov): 13 lists of Commerce, State and Treasury in
one file, as CSV (`consolidated.csv`) or as the API's JSON (`{"results": [...]}`, same field
names, lists instead of `;`-joined strings), chosen by the file's extension."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from clearance.errors import InputError
from clearance.model import Entity, Listing, Schema
from clearance.sources.csvrows import header_records
from clearance.sources.dates import parse_iso, partial_dates
from clearance.sources.entities import add_names, add_properties, split_list
from clearance.sources.files import logical_suffix, read_bytes, read_text
from clearance.sources.lists import csl_list_id
from clearance.sources.ofac_facts import Facts, add_fact
from clearance.sources.registry import SourceSpec, register
from clearance.sources.schemas import organisation_schema, party_schema
from clearance.sources.urls import urls_for

COLUMNS = (
    "_id",
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
# Columns that hold several values: `;`-joined in the CSV, lists in the JSON.
MULTI_VALUE = (
    "programs",
    "addresses",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "ids",
)
TYPE_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
VESSEL_COLUMNS = {
    "call_sign": "callSign",
    "vessel_type": "vesselType",
    "gross_tonnage": "tonnage",
    "gross_registered_tonnage": "grossRegisteredTonnage",
    "vessel_flag": "flag",
    "vessel_owner": "owner",
}
# "84 FR 22963", "68 F.R. 38290", "85 FR  51603": volume, FR, page.
_FR_CITATION = re.compile(r"\d+\s*F\.?\s*R\.?\s+\d+")
_COUNTRY_CODE = re.compile(r",\s*([A-Z]{2})$")


class Row:
    """One CSL record, whatever the file format: single values and value lists by field."""

    def __init__(self, path: Path, line: int, values: dict[str, str | list[str]]) -> None:
        self.path, self.line, self.values = path, line, values

    def one(self, column: str) -> str:
        value = self.values.get(column)
        if isinstance(value, list):
            return "; ".join(str(v) for v in value)
        return (value or "").strip()

    def many(self, column: str) -> list[str]:
        value = self.values.get(column)
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        return split_list(value or "")

    def date(self, column: str) -> Any:
        text = self.one(column)
        return parse_iso(text, self.path, self.line, column) if text else None


def split_citations(text: str) -> tuple[str, ...]:
    """`84 FR 22963, 84 FR 43495,  85 FR 51603 ` -> separate citations, spacing normalised.

    Text before the first citation, or without any "FR" citation at all (`Vol. 84, No. 98`),
    is kept as one citation so that nothing published is lost.
    """
    text = " ".join(text.split())
    starts = [m.start() for m in _FR_CITATION.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    out: list[str] = []
    for chunk in chunks:
        chunk = chunk.strip(" ,;")
        chunk = re.sub(r"^(\d+)\s*F\.?\s*R\.?\s+(\d+)", r"\1 FR \2", chunk)
        if chunk and chunk not in out:
            out.append(chunk)
    return tuple(out)


def parse_ids(items: list[str], row: Row) -> Facts:
    """`CN, 914403001922038216, Unified Social Credit Code (USCC)`: country, [dates,] number,
    type, as the CSL renders OFAC's identifiers; `02 Aug 2021, Effective Date (CMIC)` too."""
    facts = Facts()
    for item in items:
        parts = [part.strip() for part in item.split(",")]
        if len(parts) < 2:
            continue
        label = parts[-1]
        number = parts[-2] if len(parts) >= 3 and re.fullmatch(r"[A-Z]{2}", parts[0]) else ""
        number = number or ", ".join(parts[:-1])
        add_fact(facts, label, number, row.path, row.line, "ids")
    return facts


def csl_entity(row: Row) -> Entity:
    native_id = row.one("_id")
    if not native_id:
        raise InputError("the record has no _id", file=row.path, line=row.line, field="_id")
    name = row.one("name")
    if not name:
        raise InputError("the record has no name", file=row.path, line=row.line, field="name")
    list_id = csl_list_id(row.one("source"), row.path, row.line)
    kind = row.one("type").lower()
    entity = Entity(id=f"us_csl:{native_id}", schema=Schema.LEGAL_ENTITY, source="us_csl")
    add_names(entity, "name", [name])
    add_names(entity, "alias", row.many("alt_names"))
    for address in row.many("addresses"):
        entity.add("address", address)
        if match := _COUNTRY_CODE.search(address):
            entity.add("country", match.group(1).lower())
        elif re.fullmatch(r"[A-Z]{2}", address):
            entity.add("country", address.lower())
    entity.add("citizenship", [c.lower() for c in row.many("citizenships")])
    entity.add("nationality", [c.lower() for c in row.many("nationalities")])
    for value in row.many("dates_of_birth"):
        entity.add("birthDate", partial_dates(value))
    entity.add("birthPlace", row.many("places_of_birth"))
    for column, prop in VESSEL_COLUMNS.items():
        entity.add(prop, row.one(column))
    facts = parse_ids(row.many("ids"), row)
    add_properties(entity, facts.properties)

    schema = TYPE_SCHEMAS.get(kind)
    if schema is None:
        schema = (
            organisation_schema(entity.names, entity.properties)
            if kind == "entity"
            else party_schema(entity.names, entity.properties)
        )
    entity.schema = schema
    entity.add("position" if schema is Schema.PERSON else "notes", row.one("title"))

    entity.listings.append(
        Listing(
            list_id=list_id,
            source_list=row.one("source"),
            programs=tuple(row.many("programs")),
            start_date=row.date("start_date"),
            end_date=row.date("end_date"),
            citations=split_citations(row.one("federal_register_notice")),
            license_requirement=row.one("license_requirement") or None,
            license_policy=row.one("license_policy") or None,
            remarks=row.one("remarks") or None,
            source_url=row.one("source_information_url") or row.one("source_list_url") or None,
            dates=dict(facts.dates),
        )
    )
    return entity


def merge_by_id(entities: Iterator[Entity]) -> Iterator[Entity]:
    """One entity per `_id`: a party on several lists (e.g. an OFAC entry on the SDN, SSI and
    CAPTA lists) appears in one CSL row per list with the same `_id`; each row is a Listing."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        first = merged.setdefault(entity.id, entity)
        if first is not entity:
            for prop, values in entity.properties.items():
                first.add(prop, values)
            first.listings.extend(entity.listings)
    return iter(merged.values())


def read_csl_csv(path: Path) -> Iterator[Entity]:
    text = read_text(path)
    records = list(header_records(text, path, COLUMNS, repeated_header_allowed=True))
    if not records:
        raise InputError("the file has a header but no records", file=path, line=2)
    return merge_by_id(csl_entity(Row(path, r.line, dict(r.values))) for r in records)


def read_csl_json(path: Path) -> Iterator[Entity]:
    try:
        document = orjson.loads(read_bytes(path))
    except orjson.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON ({exc.msg})", file=path, line=exc.lineno, field="json"
        ) from None
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise InputError(
            'expected a JSON object with a "results" list', file=path, line=1, field="results"
        )
    rows: list[Row] = []
    for index, item in enumerate(results, start=1):
        if not isinstance(item, dict):
            raise InputError(
                f"result {index} is not an object", file=path, line=None, field=f"results[{index}]"
            )
        values = {k: _json_value(v) for k, v in item.items() if k in COLUMNS or k == "id"}
        values.setdefault("_id", values.get("id", ""))
        rows.append(Row(path, index, values))
    return merge_by_id(csl_entity(row) for row in rows)


def _json_value(value: Any) -> str | list[str]:
    """The API's lists of objects (addresses, ids) rendered like the CSV's text."""
    if isinstance(value, list):
        return [_json_item(v) for v in value if v not in (None, "")]
    return "" if value is None else str(value)


def _json_item(value: Any) -> str:
    if isinstance(value, dict):
        if "type" in value and "number" in value:  # ids: {"type", "number", "country", ...}
            parts = [value.get("country"), value.get("number"), value.get("type")]
            return ", ".join(str(p) for p in parts if p)
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def read_csl(path: Path) -> Iterator[Entity]:
    if logical_suffix(path) == ".json":
        return read_csl_json(path)
    return read_csl_csv(path)


register(
    SourceSpec(
        name="us_csl",
        title="US Consolidated Screening List (trade.gov): BIS Entity List, DPL, OFAC, State",
        reader=read_csl,
        urls=urls_for("us_csl"),
        bundled=("us_csl/consolidated.csv.gz",),
        data_date="2022-05-16",
        formats=("csv", "json"),
    )
)
