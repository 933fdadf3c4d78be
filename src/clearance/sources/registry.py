"""The registry of list formats: one `SourceSpec` per source, looked up by name.

A reader turns a file (or the directory of a multi-file set) into entities and raises
`InputError` naming file, line and field on anything malformed. A new format is one new module
in `clearance.sources` that calls `register(SourceSpec(...))`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clearance.errors import NotFoundError
from clearance.model import Entity

Reader = Callable[[Path], Iterator[Entity]]


@dataclass(frozen=True)
class SourceSpec:
    """A source: its reader, official URLs and the bundled copy shipped in the package.

    `urls` are the official download locations (overridable with the environment variable
    `CLEARANCE_URL_<NAME>`, comma-separated); `bundled` names files in `clearance/data/`
    (gzip-compressed); `data_date` is the date of the bundled copy's content.
    """

    name: str
    title: str
    reader: Reader
    urls: tuple[str, ...] = ()
    bundled: tuple[str, ...] = ()
    data_date: str | None = None
    formats: tuple[str, ...] = field(default_factory=tuple)


_SOURCES: dict[str, SourceSpec] = {}


def register(spec: SourceSpec) -> SourceSpec:
    _SOURCES[spec.name] = spec
    return spec


def get_source(name: str) -> SourceSpec:
    try:
        return _SOURCES[name]
    except KeyError:
        known = ", ".join(sorted(_SOURCES)) or "none"
        raise NotFoundError(f"unknown source {name!r}; known sources: {known}") from None


def all_sources() -> list[SourceSpec]:
    return [_SOURCES[name] for name in sorted(_SOURCES)]
