"""Mojibake repair: certain repairs only, published text untouched."""

from __future__ import annotations

import pytest

from clearance.sources.text import repair, repaired_forms


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Huawei Technologies Co”peratief U.A.", "Huawei Technologies Coöperatief U.A."),
        ("A‚roport de L‚opold", "Aéroport de Léopold"),
        ("Xi\x92an", "Xi’an"),
        ("CoÃ¶peratief", "Coöperatief"),
    ],
)
def test_known_misdecodings_are_repaired(damaged: str, repaired: str) -> None:
    assert repair(damaged) == repaired


@pytest.mark.parametrize(
    "clean",
    ["“Scientific” Research Institute", "11–19 Road", "Xi’an", "Škoda Š.", "A • B", "Coöperatief"],
)
def test_clean_text_is_unchanged(clean: str) -> None:
    assert repair(clean) == clean
    assert repaired_forms([clean]) == []


def test_repaired_forms_only_adds_new_values() -> None:
    assert repaired_forms(["Co”peratief", "Coöperatief"]) == []
    assert repaired_forms(["Co”peratief"]) == ["Coöperatief"]
