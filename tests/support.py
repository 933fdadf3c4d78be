"""Shared test helpers: where the real data lives, and a skip when it is absent.

Importable from every test module as `support` (pytest's `pythonpath` includes tests/), so
that no test imports a conftest module by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
RAW = SHARED / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(relative: str) -> Path:
    """A path under ../shared/data/raw, skipping the test when the shared data is absent."""
    path = RAW / relative
    if not path.exists():
        pytest.skip(f"needs the shared data file {path} (../shared beside the checkout)")
    return path
