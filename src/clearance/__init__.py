"""clearance: may we deal with this party, for this purpose, on this date — and why?

The public Python API (documented in README.md, "Python API"; a test holds the two equal):
`Clearance` (the service: store, screener, decisions), `decide`, `Screener`, `compare`, the
result types and the exceptions. Heavy modules load only when first asked for.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clearance._build import check_checkout
from clearance.errors import (
    AccessError,
    ClearanceError,
    DataError,
    DownloadError,
    InputError,
    NotFoundError,
    PolicyError,
)
from clearance.model import Entity, Listing, Schema, Snapshot

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clearance.match import Screener, compare
    from clearance.match.types import Comparison, Feature, Match, Query
    from clearance.policy import Decision, Outcome, Reason
    from clearance.service import Clearance

__version__ = "0.1.0"

check_checkout(Path(__file__).parent)

# name -> module that defines it; imported on first access so `import clearance` stays fast.
_LAZY = {
    "Clearance": "clearance.service",
    "Screener": "clearance.match",
    "compare": "clearance.match",
    "Query": "clearance.match.types",
    "Match": "clearance.match.types",
    "Comparison": "clearance.match.types",
    "Feature": "clearance.match.types",
    "Decision": "clearance.policy",
    "Outcome": "clearance.policy",
    "Reason": "clearance.policy",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'clearance' has no attribute {name!r}")
    return getattr(import_module(module), name)


def decide(
    party: str,
    activity: str,
    on: date,
    facts: Mapping[str, str] | None = None,
    *,
    db: str | None = None,
    actor: str = "python",
) -> Decision:
    """May we do `activity` with `party` on `on`? The decision is recorded in the audit log."""
    from clearance.service import Clearance
    from clearance.settings import Settings

    return Clearance(Settings.from_env(db=db)).decide(party, activity, on, facts or {}, actor=actor)


__all__ = [
    "AccessError",
    "Clearance",
    "ClearanceError",
    "Comparison",
    "DataError",
    "Decision",
    "DownloadError",
    "Entity",
    "Feature",
    "InputError",
    "Listing",
    "Match",
    "NotFoundError",
    "Outcome",
    "PolicyError",
    "Query",
    "Reason",
    "Schema",
    "Screener",
    "Snapshot",
    "compare",
    "decide",
]
