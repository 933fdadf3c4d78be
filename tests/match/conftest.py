"""A screener over every bundled list, built once for the match tests that need real names."""

from __future__ import annotations

import pytest

from clearance.match import Screener
from clearance.model import Entity
from clearance.sources.bundled import bundled_path, bundled_sources


@pytest.fixture(scope="session")
def bundled_screener() -> Screener:
    entities: list[Entity] = [
        e for spec in bundled_sources() for e in spec.reader(bundled_path(spec))
    ]
    return Screener.build(entities)
