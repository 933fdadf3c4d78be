"""The scoring algorithms /algorithms lists and /match accepts by name.

clearance has one scorer; yente's algorithm names are accepted as aliases of it so that a
client configured for yente (`algorithm=logic-v2`) works unchanged.
"""

from __future__ import annotations

from typing import Any

from clearance.api.models import Algorithm, AlgorithmResponse, FeatureDoc
from clearance.errors import InputError

NAME = "clearance-v1"
DESCRIPTION = (
    "Multilingual name matching (scripts transliterated, legal forms normalised, phonetic and "
    "token features) with country, date-of-birth and identifier features; every score carries "
    "its per-feature explanation."
)
YENTE_ALIASES = frozenset(
    {"best", "default", "logic-v1", "logic-v2", "regression-v1", "name-based", "name-qualified"}
)


def resolve_algorithm(name: str) -> str:
    if name == NAME or name in YENTE_ALIASES:
        return NAME
    known = ", ".join(sorted({NAME, *YENTE_ALIASES}))
    raise InputError(f"unknown algorithm {name!r}; expected one of {known}", field="algorithm")


def feature_docs(screener: Any) -> dict[str, FeatureDoc]:
    """The screener's feature documentation, when it publishes one (name → description/weight)."""
    docs = getattr(screener, "feature_docs", None)
    raw = docs() if callable(docs) else docs
    if not isinstance(raw, dict):
        return {}
    result: dict[str, FeatureDoc] = {}
    for name, doc in raw.items():
        if isinstance(doc, dict):
            result[name] = FeatureDoc(
                description=doc.get("description"),
                coefficient=float(doc.get("coefficient", doc.get("weight")) or 0.0),
                url=str(doc.get("url", "")),
            )
        else:
            result[name] = FeatureDoc(description=str(doc))
    return result


def algorithms(screener: Any) -> AlgorithmResponse:
    algorithm = Algorithm(name=NAME, description=DESCRIPTION, features=feature_docs(screener))
    return AlgorithmResponse(algorithms=[algorithm], default=NAME, best=NAME)
