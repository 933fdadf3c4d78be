"""Loaders for the matching benchmarks: entities straight from the real list files in
../shared/data/raw (the CSL CSV and the UN XML), independent of the store, with a fixed
sample seed. Not part of the package."""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from defusedxml import ElementTree

from clearance.match import Screener
from clearance.model import Entity, Schema
from clearance.names import normalise_name

RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw"
CSL = RAW / "us_csl" / "2022-05" / "consolidated.csv"
UN = RAW / "un_sc" / "2026-02-27" / "consolidated.xml"
SEED = 20240501

_CSL_TYPES = {"Individual": Schema.PERSON, "Entity": Schema.COMPANY, "Vessel": Schema.VESSEL}


def csl_entities(path: Path = CSL) -> Iterator[Entity]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            schema = _CSL_TYPES.get(row["type"], Schema.LEGAL_ENTITY)
            entity = Entity(f"us_csl:{row['_id']}", schema, "us_csl")
            entity.add("name", row["name"])
            entity.add("alias", [a for a in row["alt_names"].split(";") if a.strip()])
            entity.add("birthDate", [d for d in row["dates_of_birth"].split(";") if d.strip()])
            entity.add("nationality", [n for n in row["nationalities"].split(";") if n.strip()])
            if entity.names:
                yield entity


def un_entities(path: Path = UN) -> Iterator[Entity]:
    tree = ElementTree.parse(str(path))
    for node in tree.getroot().iter():
        if node.tag not in ("INDIVIDUAL", "ENTITY"):
            continue
        schema = Schema.PERSON if node.tag == "INDIVIDUAL" else Schema.ORGANIZATION
        ref = (node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID") or "").strip()
        entity = Entity(f"un_sc:{ref}", schema, "un_sc")
        parts = [node.findtext(t) or "" for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME")]
        parts.append(node.findtext("FOURTH_NAME") or "")
        entity.add("name", " ".join(p.strip() for p in parts if p.strip()))
        entity.add("name", node.findtext("NAME_ORIGINAL_SCRIPT"))
        for alias in node.iter("INDIVIDUAL_ALIAS"):
            quality = (alias.findtext("QUALITY") or "").strip()
            prop = "weakAlias" if quality in ("Low", "a.k.a. (low quality)") else "alias"
            entity.add(prop, alias.findtext("ALIAS_NAME"))
        for alias in node.iter("ENTITY_ALIAS"):
            entity.add("alias", alias.findtext("ALIAS_NAME"))
        for dob in node.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            entity.add("birthDate", dob.findtext("DATE") or dob.findtext("YEAR"))
        if entity.names:
            yield entity


def bundled_entities() -> list[Entity]:
    """Every entity of the lists bundled in the package, read by the package's own readers."""
    from clearance.sources.bundled import bundled_path, bundled_sources

    return [e for spec in bundled_sources() for e in spec.reader(bundled_path(spec))]


def candidates(screener: Screener, name: str, limit: int) -> list[Entity]:
    """The entities the screener's candidate generation proposes for a name (any schema)."""
    forms = [normalise_name(name)]
    return [
        screener.index.entities[slot] for slot, _ in screener.index.candidate_entities(forms, limit)
    ]


# Our schema names that FollowTheMoney spells otherwise.
FTM_SCHEMATA = {"Aircraft": "Airplane"}


def ftm_proxy(entity: Entity) -> object:
    """The entity as a FollowTheMoney proxy, for nomenklatura's scorers."""
    from followthemoney import model

    proxy = model.make_entity(FTM_SCHEMATA.get(str(entity.schema), str(entity.schema)))
    proxy.id = entity.id
    for prop, values in entity.properties.items():
        if prop in proxy.schema.properties:
            proxy.add(prop, values, quiet=True)
    return proxy


def query_proxy(name: str, schema: str = "Person", birth_date: str | None = None) -> object:
    from followthemoney import model

    proxy = model.make_entity(FTM_SCHEMATA.get(schema, schema))
    # nomenklatura caches what it derives from an entity by id: one id per distinct query.
    proxy.id = "query-" + hashlib.sha1(f"{schema}|{name}|{birth_date}".encode()).hexdigest()
    proxy.add("name", name)
    if birth_date:
        proxy.add("birthDate", birth_date, quiet=True)
    return proxy
