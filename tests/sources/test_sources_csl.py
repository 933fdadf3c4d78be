"""The Consolidated Screening List reader: CSV and JSON shapes, real file and malformed input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.errors import InputError
from clearance.model import Entity, Schema
from clearance.sources.csl import COLUMNS, read_csl, split_citations
from support import FIXTURES, shared_path

CSV_FIXTURE = FIXTURES / "sources" / "csl_excerpt.csv"
JSON_FIXTURE = FIXTURES / "sources" / "csl_excerpt.json"
HUAWEI = "us_csl:d05d55fa214aff19c1eb3270d54905e4e362d445"


def by_id(path: Path) -> dict[str, Entity]:
    return {entity.id: entity for entity in read_csl(path)}


def assert_huawei(entity: Entity) -> None:
    (listing,) = entity.listings
    assert listing.list_id == "us_bis_entity_list"
    assert listing.citations == (
        "84 FR 22963",
        "84 FR 43495",
        "85 FR 29853",
        "85 FR 36720",
        "85 FR 51603",
    )
    assert listing.license_policy == "Presumption of denial"
    assert listing.start_date == date(2019, 5, 21)
    assert (listing.license_requirement or "").startswith("For all items subject to the EAR")
    assert entity.get("alias") == ["Shenzhen Huawei Technologies", "Huawei Technology"]
    assert entity.schema == Schema.COMPANY


def assert_cmic(entity: Entity) -> None:
    (listing,) = entity.listings
    assert listing.list_id == "us_ofac_ns_cmic"
    assert listing.dates == {
        "effective": date(2021, 8, 2),
        "divestment": date(2022, 6, 3),
        "listing": date(2021, 6, 3),
    }
    assert entity.get("uscCode") == ["914403001922038216"]


def test_csv_fixture_with_repeated_header() -> None:
    entities = by_id(CSV_FIXTURE)
    assert len(entities) == 5  # the repeated header line is not a record
    assert_huawei(entities[HUAWEI])
    assert_cmic(entities["us_csl:30947"])
    coop = next(e for e in entities.values() if "peratief" in e.caption)
    assert coop.get("name") == ["Huawei Technologies Co”peratief U.A."]  # kept as published
    assert "Huawei Technologies Coöperatief U.A." in coop.get("alias")  # and repaired


def test_json_shape_gives_the_same_entities() -> None:
    from_csv, from_json = by_id(CSV_FIXTURE), by_id(JSON_FIXTURE)
    assert from_json.keys() == from_csv.keys()
    assert_huawei(from_json[HUAWEI])
    assert_cmic(from_json["us_csl:30947"])
    for key, entity in from_csv.items():
        assert from_json[key].listings == entity.listings
        assert from_json[key].get("alias") == entity.get("alias")


def test_split_citations() -> None:
    assert split_citations("68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06") == (
        "68 FR 38290 6/27/03",
        "71 FR 38843 7/10/06",
    )
    assert split_citations("Vol. 84, No. 98, 05/21/19") == ("Vol. 84, No. 98, 05/21/19",)
    assert split_citations("") == ()


@pytest.mark.shared
def test_real_full_csl() -> None:
    entities = by_id(shared_path("us_csl/2022-05/consolidated.csv"))
    # 14,160 records; 71 parties appear on several lists under one _id (SDN + SSI + CAPTA, ...)
    assert sum(len(e.listings) for e in entities.values()) == 14160
    assert len(entities) == 14048
    lists = [li.list_id for e in entities.values() for li in e.listings]
    assert len(set(lists)) == 13
    vtb = entities["us_csl:18725"]
    assert {li.list_id for li in vtb.listings} == {"us_ofac_sdn", "us_ofac_ssi", "us_ofac_capta"}
    assert lists.count("us_bis_entity_list") == 2001
    huawei_el = [
        e
        for e in entities.values()
        if e.listings[0].list_id == "us_bis_entity_list"
        and any("huawei" in n.lower() for n in e.names)
    ]
    assert len(huawei_el) == 136
    assert_huawei(entities[HUAWEI])
    assert_cmic(entities["us_csl:30947"])


@pytest.mark.shared
def test_real_subset_is_truncated(tmp_path: Path) -> None:
    path = shared_path("us_csl/2023-11-30_subset/csl.csv")
    with pytest.raises(InputError) as info:
        list(read_csl(path))
    assert info.value.location.line == 4233
    assert "truncated" in str(info.value)
    # Its first lines, cut before the broken record, read; the duplicated header is skipped.
    head = "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:200])
    (tmp_path / "csl.csv").write_text(head, encoding="utf-8")
    assert len(list(read_csl(tmp_path / "csl.csv"))) == 198


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "consolidated.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_column(tmp_path: Path) -> None:
    header = ",".join(c for c in COLUMNS if c != "start_date")
    with pytest.raises(InputError) as info:
        list(read_csl(write(tmp_path, header + "\n")))
    assert (info.value.location.line, info.value.location.field) == (1, "start_date")


def test_bad_start_date(tmp_path: Path) -> None:
    lines = CSV_FIXTURE.read_text(encoding="utf-8").splitlines()
    broken = [line.replace(",2019-05-21,", ",21/05/2019,") for line in lines]
    path = write(tmp_path, "\n".join(broken) + "\n")
    with pytest.raises(InputError) as info:
        list(read_csl(path))
    assert info.value.location.field == "start_date"
    assert info.value.location.line == next(
        n for n, line in enumerate(broken, start=1) if "21/05/2019" in line
    )
    assert "expected YYYY-MM-DD" in str(info.value)


def test_unknown_list_and_empty(tmp_path: Path) -> None:
    lines = CSV_FIXTURE.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Entity List (EL)", "Made Up List", 1)
    lines[1] = lines[1].replace("Non-SDN Chinese", "Made Up Chinese", 1)
    with pytest.raises(InputError) as info:
        list(read_csl(write(tmp_path, "\n".join(lines) + "\n")))
    assert (info.value.location.line, info.value.location.field) == (2, "source")
    with pytest.raises(InputError, match="empty"):
        list(read_csl(write(tmp_path, "")))


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.json"
    path.write_text('{"results": [{"name": "x"}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_csl(path))
    assert info.value.location.field == "json"
    path.write_text('{"total": 0}', encoding="utf-8")
    with pytest.raises(InputError, match="results"):
        list(read_csl(path))
