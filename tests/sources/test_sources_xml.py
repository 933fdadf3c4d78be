"""UN and OFAC XML readers, and safe XML parsing: truncation, bombs, wrong documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.errors import InputError
from clearance.model import Schema
from clearance.sources.ofac_csv import read_consolidated
from clearance.sources.un_xml import read_un_xml
from support import FIXTURES, shared_path

UN_FIXTURE = FIXTURES / "sources" / "un_excerpt.xml"

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def test_un_fixture() -> None:
    entities = {e.id: e for e in read_un_xml(UN_FIXTURE)}
    person = entities["un_sc:QDi.001"]
    assert person.schema == Schema.PERSON
    assert person.caption == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert "Sayf-Al Adl" in person.get("alias")  # quality Good
    assert "Seif al Adel" in person.get("weakAlias")  # quality Low
    assert person.get("birthDate") == ["1963-04-11", "1960-04-11"]
    assert person.listings[0].start_date == date(2001, 1, 25)
    assert person.listings[0].list_id == "un_sc"
    assert entities["un_sc:CDe.001"].schema in (Schema.ORGANIZATION, Schema.COMPANY)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("folder", "people", "organisations"), [("2026-02-27", 730, 273), ("2020-11", 713, 305)]
)
def test_un_real(folder: str, people: int, organisations: int) -> None:
    entities = list(read_un_xml(shared_path(f"un_sc/{folder}/consolidated.xml")))
    assert len({e.id for e in entities}) == people + organisations
    assert sum(e.schema == Schema.PERSON for e in entities) == people


@pytest.mark.shared
def test_ofac_legacy_xml() -> None:
    path = shared_path("ofac_consolidated/legacy_xml/consolidated.xml")
    entities = {e.id: e for e in read_consolidated(path)}
    assert len(entities) == 639
    bank = entities["us_ofac_consolidated:4632"]
    assert "CENTRAL BANK OF IRAN" in bank.get("alias")
    assert bank.listings[0].programs == ("IRAN",)
    weak = sum(len(e.get("weakAlias")) for e in entities.values())
    assert weak == 45  # 46 <category>weak</category>, one repeated within its entry


def test_truncated_xml_names_line_and_element(tmp_path: Path) -> None:
    text = UN_FIXTURE.read_text(encoding="utf-8")
    path = tmp_path / "consolidated.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert "truncated" in str(info.value)
    assert info.value.location.line is not None
    assert info.value.location.field is not None


def test_xml_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert info.value.location.field == "DOCTYPE"
    assert info.value.location.line == 3
    assert "XML bomb" in str(info.value)


def test_wrong_document_and_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text("<sdnList/>", encoding="utf-8")
    with pytest.raises(InputError, match="CONSOLIDATED_LIST"):
        list(read_un_xml(path))
    text = UN_FIXTURE.read_text(encoding="utf-8").replace(
        "<LISTED_ON>2001-01-25", "<LISTED_ON>25.01.2001"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_un_xml(path))
    assert info.value.location.field == "LISTED_ON"
    expected = next(n for n, line in enumerate(text.splitlines(), 1) if "25.01.2001" in line)
    assert info.value.location.line == expected


def test_empty_xml(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_un_xml(path))
