"""Helpers every reader uses to fill an `Entity`: names with their repaired forms."""

from __future__ import annotations

from collections.abc import Iterable

from clearance.model import Entity
from clearance.sources.text import repaired_forms


def add_names(entity: Entity, prop: str, values: Iterable[str]) -> None:
    """Add names as published, and a certain mojibake repair of each as an extra alias."""
    published = [value for value in values if value and value.strip()]
    entity.add(prop, published)
    # Weak aliases stay weak when repaired; every other repaired name is an alias.
    entity.add("weakAlias" if prop == "weakAlias" else "alias", repaired_forms(published))


def add_properties(entity: Entity, properties: dict[str, list[str]]) -> None:
    for prop, values in properties.items():
        if prop in ("name", "alias", "weakAlias", "previousName"):
            add_names(entity, prop, values)
        else:
            entity.add(prop, values)


def split_list(value: str, separator: str = ";") -> list[str]:
    """`a; b;c ;` -> [a, b, c]: a published multi-value cell, empty parts dropped."""
    return [part.strip() for part in value.split(separator) if part.strip()]
