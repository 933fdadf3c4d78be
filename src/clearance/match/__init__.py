"""Matching: a compiled index over the listed entities, scoring, and explanations."""

from clearance.match.compare import compare
from clearance.match.screener import Screener
from clearance.match.types import Comparison, Feature, Match, Query

__all__ = ["Comparison", "Feature", "Match", "Query", "Screener", "compare"]
