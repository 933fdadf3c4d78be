"""Readers of the official list formats, registered by name (see `registry`).

Importing this package registers every reader; `get_source(name)` looks one up and
`bundled_path(spec)` gives the copy shipped in the package.
"""

# Each reader module registers its SourceSpec(s) on import.
from clearance.sources import csl, dpl, ftm_json, ofac_csv, un_xml
from clearance.sources.bundled import bundled_path, bundled_sources
from clearance.sources.registry import SourceSpec, all_sources, get_source, register

READER_MODULES = (csl, dpl, ftm_json, ofac_csv, un_xml)

__all__ = [
    "READER_MODULES",
    "SourceSpec",
    "all_sources",
    "bundled_path",
    "bundled_sources",
    "get_source",
    "register",
]
