"""Helpers every reader uses to fill an `Entity`: names with their repaired forms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from clearance.model import Entity
from clearance.sources.text import repaired_forms

# Several spellings in one name field, as the UN list writes them: "Mohammad Islami;
# Mohamed Islami", or a name in its own script with its Latin spellings in brackets: "حسن غول
# (Hassan Ghul; Hassan Gul)".
_BRACKETED_VARIANTS_RE = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<inner>[^()]*;[^()]*)\)\s*$")


def listed_names(value: str) -> list[str]:
    """The names a published name field holds: one, or several separated by semicolons (each
    spelling is a name of its own, which a query of one of them must meet alone)."""
    bracketed = _BRACKETED_VARIANTS_RE.match(value)
    if bracketed:
        parts = [bracketed["head"], *bracketed["inner"].split(";")]
    elif ";" in value and _balanced(value.split(";")):
        parts = value.split(";")
    else:
        parts = [value]
    return [part.strip() for part in parts if part.strip()]


def _balanced(parts: list[str]) -> bool:
    """No part opens a bracket that another closes: a semicolon inside brackets is text."""
    return all(part.count("(") == part.count(")") for part in parts)


def add_names(entity: Entity, prop: str, values: Iterable[str]) -> None:
    """Add names as published (a field of several spellings as its several names, see
    `listed_names`), and a certain mojibake repair of each as an extra alias."""
    published = [name for value in values if value for name in listed_names(value)]
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
