"""Names as readers add them: a field of several spellings is several names."""

from __future__ import annotations

import pytest

from clearance.model import Entity, Schema
from clearance.sources import bundled_path, get_source
from clearance.sources.entities import add_names, listed_names


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Mohammad Islami; Mohamed Islami", ["Mohammad Islami", "Mohamed Islami"]),
        ("حسن غول (Hassan Ghul; Hasan Gul)", ["حسن غول", "Hassan Ghul", "Hasan Gul"]),
        ("ACME (ACM) ; GREAT LAKES (GL)", ["ACME (ACM)", "GREAT LAKES (GL)"]),
        # One name with a bracket, and a semicolon inside brackets: one name each.
        ("Huawei Technologies Co., Ltd. (Huawei)", ["Huawei Technologies Co., Ltd. (Huawei)"]),
        ("A (b; c) d; e", ["A (b; c) d; e"]),
        ("Abas Rashidi;", ["Abas Rashidi"]),
        (" ; ", []),
    ],
)
def test_listed_names_splits_spellings(value: str, names: list[str]) -> None:
    assert listed_names(value) == names


def test_add_names_keeps_the_property_of_every_spelling() -> None:
    entity = Entity("x", Schema.PERSON, "test")
    add_names(entity, "weakAlias", ["Haj Qasem; Haji Qassem"])
    assert entity.get("weakAlias") == ["Haj Qasem", "Haji Qassem"]
    assert entity.get("alias") == []


def test_the_un_list_spellings_are_names_of_their_own() -> None:
    spec = get_source("un_sc")
    by_id = {e.id: e for e in spec.reader(bundled_path(spec))}
    soleimani = by_id["un_sc:IRi.039"]
    assert "Qasem Sulaimani" in soleimani.get("alias")
    assert not [n for n in soleimani.names if ";" in n]
