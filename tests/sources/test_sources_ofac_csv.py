"""OFAC legacy CSV sets: real files, small fixtures and malformed inputs."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

import pytest

from clearance.errors import InputError
from clearance.model import Schema
from clearance.sources import get_source
from clearance.sources.ofac_csv import read_consolidated, read_sdn
from support import FIXTURES, shared_path

SDN_FIXTURE = FIXTURES / "sources" / "ofac_sdn"
CONS_FIXTURE = FIXTURES / "sources" / "ofac_cons"


def by_id(path: Path, reader=read_sdn) -> dict:  # type: ignore[no-untyped-def]
    return {entity.id: entity for entity in reader(path)}


def test_fixture_set_joins_alt_add_and_comments() -> None:
    entities = by_id(SDN_FIXTURE)
    assert len(entities) == 4
    bank = entities["us_ofac_sdn:306"]
    assert bank.schema == Schema.ORGANIZATION or bank.schema == Schema.COMPANY
    assert bank.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert bank.get("weakAlias") == ["BNC"]  # weak a.k.a. are left in the remarks
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bank.get("address")
    assert bank.listings[0].list_id == "us_ofac_sdn"
    assert bank.listings[0].programs == ("CUBA",)


def test_individual_facts_from_remarks() -> None:
    person = by_id(SDN_FIXTURE)["us_ofac_sdn:2676"]
    assert person.schema == Schema.PERSON
    assert person.get("birthDate") == ["1951-06-19"]
    assert person.get("birthPlace") == ["Giza, Egypt"]
    assert person.get("passportNumber") == ["1084010", "19820215"]
    assert person.get("position") == ["Operational and Military Leader of JIHAD GROUP"]


def test_comments_continue_long_remarks() -> None:
    entity = by_id(SDN_FIXTURE)["us_ofac_sdn:12300"]
    remarks = entity.listings[0].remarks or ""
    assert "PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA" in remarks
    assert entity.get("birthDate")[:2] == ["1965-05-13", "1968-04-13"]


def test_vessel_columns() -> None:
    vessel = by_id(SDN_FIXTURE)["us_ofac_sdn:4234"]
    assert vessel.schema == Schema.VESSEL
    assert vessel.get("callSign") == ["CL2685"]
    assert vessel.get("flag") == ["Cuba"]


def test_primary_file_path_finds_companions_and_gzip(tmp_path: Path) -> None:
    for member in SDN_FIXTURE.iterdir():
        with member.open("rb") as src, gzip.open(tmp_path / f"{member.name}.gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
    from_dir = by_id(tmp_path)
    from_file = by_id(tmp_path / "sdn.csv.gz")
    assert from_dir.keys() == from_file.keys() == by_id(SDN_FIXTURE).keys()
    assert from_file["us_ofac_sdn:306"].get("alias") == ["NATIONAL BANK OF CUBA"]


def test_consolidated_fixture_cmic_dates_and_lists() -> None:
    entities = by_id(CONS_FIXTURE, read_consolidated)
    huawei = entities["us_ofac_consolidated:30947"]
    assert huawei.schema == Schema.COMPANY
    (listing,) = huawei.listings
    assert listing.list_id == "us_ofac_ns_cmic"
    assert listing.dates == {
        "effective": date(2021, 8, 2),
        "divestment": date(2022, 6, 3),
        "listing": date(2021, 6, 3),
    }
    assert huawei.get("uscCode") == ["914403001922038216"]
    bank = entities["us_ofac_consolidated:17014"]
    assert [item.list_id for item in bank.listings] == ["us_ofac_ssi"]
    assert bank.get("swiftBic") == ["RUAGRUMM"]
    assert entities["us_ofac_consolidated:9639"].listings[0].list_id == "us_ofac_ns_plc"


def test_registered_sources() -> None:
    assert get_source("us_ofac_sdn").reader is read_sdn
    assert get_source("us_ofac_consolidated").data_date == "2025-12-19"


@pytest.mark.shared
def test_real_sdn_2024() -> None:
    entities = list(read_sdn(shared_path("ofac_sdn/2024-05-03/sdn.csv")))
    assert len(entities) == 14965
    kinds = {schema: sum(1 for e in entities if e.schema == schema) for schema in Schema}
    assert kinds[Schema.PERSON] == 6854
    assert kinds[Schema.VESSEL] == 851
    assert kinds[Schema.AIRCRAFT] == 376
    zhang = next(e for e in entities if e.id == "us_ofac_sdn:29259")
    assert zhang.get("birthDate") == ["1963-09-03"]
    assert zhang.listings[0].programs == ("HK-EO13936",)


@pytest.mark.shared
def test_real_sdn_2021_full_set() -> None:
    entities = by_id(shared_path("ofac_sdn/2021-07-07_full_set"))
    assert len(entities) == 8976
    assert sum(len(e.get("alias")) + len(e.get("previousName")) for e in entities.values()) > 10000


@pytest.mark.shared
def test_real_consolidated_2025() -> None:
    entities = by_id(shared_path("ofac_consolidated/2025-12-19"), read_consolidated)
    assert len(entities) == 442
    cmic = [
        e for e in entities.values() if any(li.list_id == "us_ofac_ns_cmic" for li in e.listings)
    ]
    assert len(cmic) == 68
    assert all(
        set(li.dates) == {"effective", "divestment", "listing"} for e in cmic for li in e.listings
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_wrong_field_count_names_line_and_field(tmp_path: Path) -> None:
    good = (SDN_FIXTURE / "sdn.csv").read_text(encoding="utf-8").rstrip("\x1a")
    write(tmp_path / "sdn.csv", good + '99,"SHORT ROW","individual"\r\n')
    with pytest.raises(InputError) as info:
        list(read_sdn(tmp_path / "sdn.csv"))
    assert info.value.location.line == 5
    assert info.value.location.field == "SDN_Type"
    assert "expected 12 fields" in str(info.value)


def test_bad_encoding_names_line(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    empty = b",-0- " * 8
    path.write_bytes(
        b'1,"OK",-0- ,"CUBA"' + empty + b"\r\n" + b'2,"CAF\xc9",-0- ,"CUBA"' + empty + b"\r\n"
    )
    with pytest.raises(InputError) as info:
        list(read_sdn(path))
    assert info.value.location.line == 2
    assert "not valid UTF-8" in str(info.value)


def test_bad_cmic_date_names_field(tmp_path: Path) -> None:
    write(
        tmp_path / "cons_prim.csv",
        '1,"X CO., LTD.",-0- ,"CMIC-EO13959",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"Effective Date (CMIC) 31 Feb 2021."\r\n',
    )
    with pytest.raises(InputError) as info:
        list(read_consolidated(tmp_path / "cons_prim.csv"))
    assert (info.value.location.line, info.value.location.field) == (1, "Remarks")
    assert "31 Feb 2021" in str(info.value)


def test_orphan_alias_row_is_an_error(tmp_path: Path) -> None:
    shutil.copy(SDN_FIXTURE / "sdn.csv", tmp_path / "sdn.csv")
    write(tmp_path / "alt.csv", '306,1,"aka","X",-0- \r\n777,2,"aka","Y",-0- \r\n')
    with pytest.raises(InputError) as info:
        list(read_sdn(tmp_path))
    assert (info.value.location.line, info.value.location.field) == (2, "ent_num")
    assert str(tmp_path / "alt.csv") in str(info.value)


def test_empty_and_missing(tmp_path: Path) -> None:
    write(tmp_path / "sdn.csv", "")
    with pytest.raises(InputError, match="empty"):
        list(read_sdn(tmp_path / "sdn.csv"))
    (tmp_path / "sdn.csv").unlink()
    with pytest.raises(InputError, match=r"no sdn\.csv"):
        list(read_sdn(tmp_path))


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((SDN_FIXTURE / "sdn.csv").read_bytes())
    (tmp_path / "sdn.csv.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="gzip"):
        list(read_sdn(tmp_path / "sdn.csv.gz"))
