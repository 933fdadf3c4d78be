"""Translation between the API's bodies and clearance's domain types; no decisions here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from clearance.api.changes import EntityHistory
from clearance.api.datasets import entity_datasets
from clearance.api.models import EntityExample
from clearance.errors import InputError
from clearance.match.types import Match, Query
from clearance.model import IDENTIFIER_PROPERTIES, NAME_PROPERTIES, Entity, Schema

COUNTRY_PROPERTIES = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry")
# FtM schemata that clients send and clearance folds into its own few.
SCHEMA_ALIASES: dict[str, Schema | None] = {
    "Thing": None,
    "PublicBody": Schema.ORGANIZATION,
    **{s.value: s for s in Schema},
}
MAX_VALUES_PER_PROPERTY = 50


def parse_schema(value: str | None, field: str) -> Schema | None:
    if value is None:
        return None
    try:
        return SCHEMA_ALIASES[value]
    except KeyError:
        known = ", ".join(SCHEMA_ALIASES)
        raise InputError(
            f"unknown schema {value!r}; expected one of {known}", field=field
        ) from None


def property_values(example: EntityExample, prop: str, field: str) -> list[str]:
    raw = example.properties.get(prop)
    if raw is None:
        return []
    values = [raw] if isinstance(raw, str) else raw
    if len(values) > MAX_VALUES_PER_PROPERTY:
        raise InputError(f"at most {MAX_VALUES_PER_PROPERTY} values per property", field=field)
    texts: list[str] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise InputError("expected a string or a list of strings", field=field)
        text = " ".join(str(value).split())
        if text:
            texts.append(text)
    return texts


def parse_birth_date(values: list[str], field: str) -> date | None:
    for value in values:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise InputError(
                f"cannot read {value!r} as a date; expected YYYY-MM-DD", field=field
            ) from None
    return None


def example_to_query(key: str, example: EntityExample, max_name_length: int) -> Query:
    """A yente query example as a clearance `Query`; names the offending field on bad input."""
    where = f"queries.{key}"
    values = {
        prop: property_values(example, prop, f"{where}.properties.{prop}")
        for prop in example.properties
    }
    names = [n for prop in NAME_PROPERTIES for n in values.get(prop, [])]
    if not names and (values.get("firstName") or values.get("lastName")):
        names = [" ".join(values.get("firstName", [])[:1] + values.get("lastName", [])[:1])]
    if not names:
        raise InputError("expected at least one name", field=f"{where}.properties.name")
    for name in names:
        if len(name) > max_name_length:
            raise InputError(
                f"a name may have at most {max_name_length} characters, got {len(name)}",
                field=f"{where}.properties.name",
            )
    return Query(
        names=tuple(names),
        schema=parse_schema(example.schema_, f"{where}.schema"),
        countries=tuple(c.lower() for p in COUNTRY_PROPERTIES for c in values.get(p, [])),
        birth_date=parse_birth_date(values.get("birthDate", []), f"{where}.properties.birthDate"),
        identifiers=tuple(i for p in IDENTIFIER_PROPERTIES for i in values.get(p, [])),
    )


def echo_example(example: EntityExample) -> dict[str, Any]:
    """The query as yente echoes it: every property value as a list of strings."""
    props = {
        k: [v] if isinstance(v, str) else [str(x) for x in v] for k, v in example.properties.items()
    }
    return {"id": example.id, "schema": example.schema_, "properties": props}


def entity_document(entity: Entity, history: EntityHistory | None = None) -> dict[str, Any]:
    """An entity as `EntityResponse` documents it, as plain JSON-ready data; the seen/changed
    times come from the store's snapshots (api/changes.py) when known."""
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": str(entity.schema),
        "properties": {k: list(v) for k, v in entity.properties.items()},
        "datasets": entity_datasets(entity),
        "referents": [],
        "target": bool(entity.listings),
        "first_seen": _instant(history.first_seen) if history else None,
        "last_seen": _instant(history.last_seen) if history else None,
        "last_change": _instant(history.last_change) if history else None,
        "listings": [listing.to_dict() for listing in entity.listings],
    }


def _instant(moment: datetime) -> str:
    """ISO 8601 exactly as the response models serialise it (UTC as `Z`)."""
    return moment.isoformat().replace("+00:00", "Z")


def scored_document(
    match: Match, threshold: float, history: EntityHistory | None = None
) -> dict[str, Any]:
    """A match as `ScoredEntityResponse` documents it: the entity, its score and why."""
    features = match.comparison.features
    return {
        **entity_document(match.entity, history),
        "score": round(match.score, 4),
        "match": match.score >= threshold,
        "features": {f.name: f.score for f in features},
        "explanations": {f.name: f.to_dict() for f in features},
    }
