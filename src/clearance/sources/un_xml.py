"""UN Security Council Consolidated List (official XML): individuals and entities, aliases
with their quality, dates and places of birth, nationalities, documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from clearance.errors import InputError
from clearance.model import Entity, Listing, Schema
from clearance.sources.dates import parse_xs_date
from clearance.sources.entities import add_names
from clearance.sources.registry import SourceSpec, register
from clearance.sources.schemas import organisation_schema
from clearance.sources.urls import urls_for
from clearance.sources.xmlsafe import child_text, children, descendants, local, parse_xml

TITLE = "UN Security Council Consolidated List"
# ALIAS/QUALITY: "Good" and "a.k.a." are strong; "Low" quality aliases are too weak to match
# on alone (the Committee's own wording: "low quality a.k.a."); "f.k.a." is a former name.
QUALITY_PROPERTIES = {
    "good": "alias",
    "a.k.a.": "alias",
    "low": "weakAlias",
    "f.k.a.": "previousName",
}
DOCUMENT_PROPERTIES = {"passport": "passportNumber"}
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def read_un_xml(path: Path) -> Iterator[Entity]:
    root = parse_xml(path)
    if local(root.tag) != "CONSOLIDATED_LIST":
        raise InputError(
            f"root element is <{local(root.tag)}>; expected <CONSOLIDATED_LIST> (UN SC list)",
            file=path,
            line=root.sourceline,
            field=local(root.tag),
        )
    people = descendants(root, "INDIVIDUALS", "INDIVIDUAL")
    organisations = descendants(root, "ENTITIES", "ENTITY")
    if not people and not organisations:
        raise InputError("no <INDIVIDUAL> or <ENTITY> elements", file=path, line=root.sourceline)
    entries = [(e, True) for e in people] + [(e, False) for e in organisations]
    return (_entry(element, is_person, path) for element, is_person in entries)


def _values(element: etree._Element, name: str) -> list[str]:
    return [child_text(item, "VALUE") for item in children(element, name)]


def _entry(element: etree._Element, is_person: bool, path: Path) -> Entity:
    line = element.sourceline
    reference = child_text(element, "REFERENCE_NUMBER")
    if not reference:
        raise InputError(
            "the entry has no reference number", file=path, line=line, field="REFERENCE_NUMBER"
        )
    name = " ".join(p for p in (child_text(element, part) for part in NAME_PARTS) if p)
    if not name:
        raise InputError("the entry has no name", file=path, line=line, field="FIRST_NAME")
    entity = Entity(id=f"un_sc:{reference}", schema=Schema.PERSON, source="un_sc")
    add_names(entity, "name", [name])
    add_names(entity, "alias", [child_text(element, "NAME_ORIGINAL_SCRIPT")])
    alias_tag = "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"
    for alias in children(element, alias_tag):
        quality = child_text(alias, "QUALITY").lower()
        add_names(
            entity, QUALITY_PROPERTIES.get(quality, "alias"), [child_text(alias, "ALIAS_NAME")]
        )
    entity.add("nationality", _values(element, "NATIONALITY"))
    entity.add("position", _values(element, "DESIGNATION"))
    entity.add("title", _values(element, "TITLE"))
    entity.add("gender", child_text(element, "GENDER").lower())
    address_tag = "INDIVIDUAL_ADDRESS" if is_person else "ENTITY_ADDRESS"
    for address in children(element, address_tag):
        fields = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
        entity.add("address", ", ".join(p for p in (child_text(address, f) for f in fields) if p))
        entity.add("country", child_text(address, "COUNTRY"))
    for birth in children(element, "INDIVIDUAL_DATE_OF_BIRTH"):
        entity.add("birthDate", _birth_dates(birth, path))
    for place in children(element, "INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = (child_text(place, f) for f in ("CITY", "STATE_PROVINCE", "COUNTRY"))
        entity.add("birthPlace", ", ".join(p for p in parts if p))
    for document in children(element, "INDIVIDUAL_DOCUMENT"):
        kind = child_text(document, "TYPE_OF_DOCUMENT").lower()
        entity.add(DOCUMENT_PROPERTIES.get(kind, "idNumber"), child_text(document, "NUMBER"))
    if not is_person:
        entity.schema = organisation_schema(entity.names, entity.properties)

    listed_on = child_text(element, "LISTED_ON")
    comments = child_text(element, "COMMENTS1")
    entity.listings.append(
        Listing(
            list_id="un_sc",
            source_list=TITLE,
            programs=tuple(p for p in [child_text(element, "UN_LIST_TYPE")] if p),
            start_date=parse_xs_date(listed_on, path, _line_of(element, "LISTED_ON"), "LISTED_ON")
            if listed_on
            else None,
            remarks=" ".join(comments.split()) or None,
        )
    )
    return entity


def _line_of(element: etree._Element, name: str) -> int | None:
    found = children(element, name)
    line = (found[0] if found else element).sourceline
    return int(line) if line is not None else None


def _birth_dates(birth: etree._Element, path: Path) -> list[str]:
    """EXACT / APPROXIMATELY: DATE or YEAR; BETWEEN: FROM_YEAR and TO_YEAR (both ends)."""
    out: list[str] = []
    full = child_text(birth, "DATE")
    if full:
        out.append(parse_xs_date(full, path, _line_of(birth, "DATE"), "DATE").isoformat())
    for field in ("YEAR", "FROM_YEAR", "TO_YEAR"):
        year = child_text(birth, field)
        if year:
            if not (year.isdigit() and len(year) == 4):
                raise InputError(
                    f"{year!r} is not a year; expected YYYY",
                    file=path,
                    line=_line_of(birth, field),
                    field=field,
                )
            out.append(year)
    return out


register(
    SourceSpec(
        name="un_sc",
        title="UN Security Council Consolidated List",
        reader=read_un_xml,
        urls=urls_for("un_sc"),
        bundled=("un_sc/consolidated.xml.gz",),
        data_date="2026-02-27",
        formats=("xml",),
    )
)
