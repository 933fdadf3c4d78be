"""Denied Persons List and FollowTheMoney JSON readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.errors import InputError
from clearance.sources.dpl import read_dpl
from clearance.sources.ftm_json import FtmReader, read_ftm
from support import FIXTURES, shared_path

DPL_FIXTURE = FIXTURES / "sources" / "dpl_excerpt.txt"
FTM_FIXTURE = FIXTURES / "sources" / "sanctions.ftm.json"


def test_dpl_fixture() -> None:
    entities = list(read_dpl(DPL_FIXTURE))
    villa = next(e for e in entities if e.caption == "AARON ABRAHAM VILLA")
    (listing,) = villa.listings
    assert listing.list_id == "us_bis_dpl"
    assert (listing.start_date, listing.end_date) == (date(2022, 8, 24), date(2026, 1, 14))
    assert listing.citations == ("87 FR 52741 8/29/2022",)
    assert villa.get("address") == ["3415 RIVERA AVENUE, EL PASO, TX, 79905"]
    assert {e.id for e in read_dpl(DPL_FIXTURE)} == {e.id for e in entities}  # stable ids


@pytest.mark.shared
def test_dpl_real() -> None:
    entities = list(read_dpl(shared_path("us_bis_dpl/2022-09-07/dpl.txt")))
    assert len(entities) == 486  # 581 rows: one row per order and address
    # 581 rows; two repeat an address already given for the same order
    assert sum(len(e.get("address")) for e in entities) == 579


def test_dpl_bad_date_and_columns(tmp_path: Path) -> None:
    lines = DPL_FIXTURE.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"08/24/2022"', '"2022-08-24"')
    path = tmp_path / "dpl.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_dpl(path))
    assert (info.value.location.line, info.value.location.field) == (3, "Effective_Date")
    assert "MM/DD/YYYY" in str(info.value)
    path.write_text('"Name"\t"City"\n"X"\t"Y"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_dpl(path))
    assert (info.value.location.line, info.value.location.field) == (1, "Street_Address")


def test_ftm_sanctions_become_listings() -> None:
    reader = FtmReader(FTM_FIXTURE)
    entities = {e.id: e for e in reader}
    assert set(entities) == {"ftm:co-1", "ftm:p-1"}
    assert reader.skipped == {"Payment": 2}  # counted, not silent
    company = entities["ftm:co-1"]
    (listing,) = company.listings
    assert listing.list_id == "us_bis_entity_list"
    assert listing.start_date == date(2019, 5, 21)
    assert listing.source_list == "Bureau of Industry and Security"
    assert company.get("address") == ["Amsterdam, Netherlands"]
    assert "Huawei Technologies Coöperatief U.A." in company.get("alias")
    person = entities["ftm:p-1"].listings[0]
    assert (person.start_date, person.end_date) == (date(2020, 1, 1), date(2030, 12, 31))


@pytest.mark.shared
def test_ftm_real_fixture() -> None:
    path = shared_path("opensanctions_exports/yente_fixtures/parteispenden_entities.ftm.json")
    reader = FtmReader(path)
    assert len(list(reader)) == 96
    assert reader.skipped == {"Payment": 290}


def test_ftm_malformed(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text('{"id": "a", "schema": "Person"}\n{"id": "b", "schema": \n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_ftm(path))
    assert (info.value.location.line, info.value.location.field) == (2, "json")
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_ftm(path))
    assert (info.value.location.line, info.value.location.field) == (1, "schema")
