"""OFAC legacy XML (`sdn.xml`, `consolidated.xml`): the same entries as the legacy CSV,
structured: names, akaList (strong / weak), addresses, idList, dates and places of birth."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from clearance.errors import InputError
from clearance.model import Entity, Listing
from clearance.sources.dates import partial_dates
from clearance.sources.entities import add_names, add_properties
from clearance.sources.lists import (
    NON_SDN_TITLE,
    OFAC_NON_SDN_TITLES,
    SDN_TITLE,
    ofac_non_sdn_lists,
)
from clearance.sources.ofac_facts import Facts, add_fact, parse_remarks
from clearance.sources.schemas import TYPE_SCHEMAS, organisation_schema
from clearance.sources.xmlsafe import child_text, descendants, local, parse_xml

# akaList: type a.k.a./f.k.a./n.k.a. and category strong/weak.
AKA_PROPERTIES = {
    ("a.k.a.", "strong"): "alias",
    ("n.k.a.", "strong"): "alias",
    ("f.k.a.", "strong"): "previousName",
}
VESSEL_FIELDS = {
    "callSign": "callSign",
    "vesselType": "vesselType",
    "vesselFlag": "flag",
    "vesselOwner": "owner",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "grossRegisteredTonnage",
}


def _full_name(element: etree._Element) -> str:
    """`LAST, First` as in the CSV; entities only have lastName."""
    last, first = child_text(element, "lastName"), child_text(element, "firstName")
    return f"{last}, {first}" if last and first else last or first


def read_ofac_xml(path: Path, source: str) -> Iterator[Entity]:
    root = parse_xml(path)
    if local(root.tag) != "sdnList":
        raise InputError(
            f"root element is <{local(root.tag)}>; expected <sdnList> (OFAC legacy XML)",
            file=path,
            line=root.sourceline,
            field=local(root.tag),
        )
    entries = descendants(root, "sdnEntry")
    if not entries:
        raise InputError(
            "no <sdnEntry> elements; expected OFAC entries", file=path, line=root.sourceline
        )
    return (_entry(entry, path, source) for entry in entries)


def _entry(entry: etree._Element, path: Path, source: str) -> Entity:
    line = entry.sourceline
    uid = child_text(entry, "uid")
    if not uid.isdigit():
        raise InputError(f"{uid!r} is not an entry number", file=path, line=line, field="uid")
    name = _full_name(entry)
    if not name:
        raise InputError("the entry has no name", file=path, line=line, field="lastName")
    kind = child_text(entry, "sdnType").lower()
    schema = TYPE_SCHEMAS.get(kind)
    if schema is None and kind != "entity":
        raise InputError(
            f"unknown sdnType {kind!r}; expected Individual, Entity, Vessel or Aircraft",
            file=path,
            line=line,
            field="sdnType",
        )
    entity = Entity(
        id=f"{source}:{uid}", schema=schema or organisation_schema([name], {}), source=source
    )
    add_names(entity, "name", [name])
    entity.add("position" if kind == "individual" else "notes", child_text(entry, "title"))

    for aka in descendants(entry, "akaList", "aka"):
        key = (child_text(aka, "type").lower(), child_text(aka, "category").lower())
        add_names(entity, AKA_PROPERTIES.get(key, "weakAlias"), [_full_name(aka)])
    for address in descendants(entry, "addressList", "address"):
        parts = [child_text(address, f) for f in ("address1", "address2", "address3", "city")]
        parts += [child_text(address, f) for f in ("stateOrProvince", "postalCode", "country")]
        entity.add("address", ", ".join(p for p in parts if p))
        entity.add("country", child_text(address, "country"))
    for item in descendants(entry, "dateOfBirthList", "dateOfBirthItem"):
        entity.add("birthDate", partial_dates(child_text(item, "dateOfBirth")))
    for item in descendants(entry, "placeOfBirthList", "placeOfBirthItem"):
        entity.add("birthPlace", child_text(item, "placeOfBirth"))
    for item in descendants(entry, "nationalityList", "nationality"):
        entity.add("nationality", child_text(item, "country"))
    for item in descendants(entry, "citizenshipList", "citizenship"):
        entity.add("citizenship", child_text(item, "country"))
    for vessel in descendants(entry, "vesselInfo"):
        for field_name, prop in VESSEL_FIELDS.items():
            entity.add(prop, child_text(vessel, field_name))

    remarks = child_text(entry, "remarks")
    facts = parse_remarks(remarks, path, line, "remarks")
    for ident in descendants(entry, "idList", "id"):
        _add_id(facts, ident, path)
    add_properties(entity, facts.properties)
    if entity.schema.is_organisation:
        entity.schema = organisation_schema(entity.names, entity.properties)

    programs = [(p.text or "").strip() for p in descendants(entry, "programList", "program")]
    programs = [p for p in programs if p]
    list_ids = ["us_ofac_sdn"] if source == "us_ofac_sdn" else ofac_non_sdn_lists(programs)
    for list_id in list_ids:
        title = (
            SDN_TITLE
            if list_id == "us_ofac_sdn"
            else OFAC_NON_SDN_TITLES.get(list_id, NON_SDN_TITLE)
        )
        entity.listings.append(
            Listing(
                list_id=list_id,
                source_list=title,
                programs=tuple(programs),
                remarks=remarks or None,
                dates=dict(facts.dates),
            )
        )
    return entity


def _add_id(facts: Facts, ident: etree._Element, path: Path) -> None:
    label, number = child_text(ident, "idType"), child_text(ident, "idNumber")
    if label and number:
        add_fact(facts, label, number, path, ident.sourceline, "idNumber")
