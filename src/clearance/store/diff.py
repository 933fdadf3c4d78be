"""What changed between two snapshots of a source: entities added, removed and changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SnapshotDiff:
    """Entity ids added, removed and changed from snapshot `old` to snapshot `new`.

    `changed` maps each changed entity id to the fields that differ: `schema`, `listings`, or
    an FtM property name (`name`, `alias`, `address`, ...). `old` is None for a first snapshot.
    """

    source: str
    old: int | None
    new: int | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "old": self.old,
            "new": self.new,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
        }


def split_by_hash(
    old: Mapping[str, str], new: Mapping[str, str]
) -> tuple[list[str], list[str], list[str]]:
    """(added, removed, changed) entity ids from two {entity id: content hash} maps."""
    added = sorted(new.keys() - old.keys())
    removed = sorted(old.keys() - new.keys())
    changed = sorted(k for k in new.keys() & old.keys() if new[k] != old[k])
    return added, removed, changed


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names of the fields that differ between two entity documents (`Entity.to_dict()`)."""
    fields: list[str] = []
    if old.get("schema") != new.get("schema"):
        fields.append("schema")
    old_props: Mapping[str, Any] = old.get("properties") or {}
    new_props: Mapping[str, Any] = new.get("properties") or {}
    for prop in sorted(old_props.keys() | new_props.keys()):
        if old_props.get(prop) != new_props.get(prop):
            fields.append(prop)
    if old.get("listings") != new.get("listings"):
        fields.append("listings")
    return fields
