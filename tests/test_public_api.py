"""The public names of `clearance` are exactly the documented ones, and each one resolves."""

from __future__ import annotations

import re

import clearance
from support import REPO_ROOT


def documented_names() -> set[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- public-api -->(.*?)<!-- /public-api -->", readme, re.S)
    assert block is not None, "README.md has no public-api block"
    return set(re.findall(r"`(\w+)`", block.group(1)))


def test_all_is_exactly_the_documented_api() -> None:
    assert set(clearance.__all__) == documented_names()
    assert len(clearance.__all__) == len(set(clearance.__all__))


def test_every_public_name_resolves() -> None:
    for name in clearance.__all__:
        assert getattr(clearance, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        clearance.NotAThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NotAThing" in str(exc)
    else:
        raise AssertionError("clearance.NotAThing resolved")
