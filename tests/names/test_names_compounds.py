"""Compound parts of Arabic and Persian names, written in one word or apart."""

from __future__ import annotations

import pytest

from clearance import compare
from clearance.match import Query, Screener
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.names.compounds import compound_variant


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("ABDUL RAHMAN HASSAN", ("abdulrahman", "hassan")),
        ("Abd al-Rahman Hassan", ("abdalrahman", "hassan")),
        ("AL-QAHTANI, Saud", ("alqahtani", "saud")),
        ("Nasr al-Din Haqqani", ("nasraldin", "haqqani")),
        ("Habib Allah Khan", ("habiballah", "khan")),
        ("Ahmad Jan Akhund Zada", ("ahmad", "jan", "akhundzada")),
        ("Abu Bakr al-Baghdadi", ("abubakr", "albaghdadi")),
        ("احمد جان آخوند زاده", ("ahmd", "jan", "akhwndzadh")),
        ("Tsai Ing-wen", ("tsai", "ingwen")),
        ("Kim Jong-un", ("kim", "jongun")),
    ],
)
def test_compound_parts_are_joined(text: str, tokens: tuple[str, ...]) -> None:
    variant = compound_variant(normalise_name(text, False))
    assert variant is not None
    assert variant.tokens == tokens
    assert variant.original == text


@pytest.mark.parametrize(
    "text", ["John Smith", "Abdulrahman Hassan", "Hassan Al", "El Ma", "Jean-Pierre Bemba"]
)
def test_names_without_compound_parts_have_no_variant(text: str) -> None:
    assert compound_variant(normalise_name(text, False)) is None


def test_company_names_are_not_joined() -> None:
    assert compound_variant(normalise_name("ABU DHABI NATIONAL OIL COMPANY", True)) is None


def test_a_joined_word_weighs_no_more_than_its_strongest_part() -> None:
    written = normalise_name("Abdul Hassan", False)  # two common names
    variant = compound_variant(written)
    assert variant is not None
    assert variant.weights == (max(written.weights),)


def test_compare_pairs_a_name_written_in_one_word_with_its_parts() -> None:
    result = compare("Abdulrahman Ali Hassan", "ABDUL RAHMAN HASSAN", "Person")
    assert result.score > 0.8
    assert "written as one word: abdulrahman" in result.explanation()
    other = compare("Abdulrahman Smith", "ABDUL RAHMAN JONES", "Person")
    assert other.score < 0.7


def test_the_screener_finds_a_listing_written_apart_from_a_query_in_one_word() -> None:
    def person(eid: str, name: str) -> Entity:
        entity = Entity(eid, Schema.PERSON, "test")
        entity.add("name", name)
        return entity

    screener = Screener.build(
        [
            person("t:apart", "ABDUL RAHMAN HASSAN"),
            person("t:other", "HASSAN, Ali Mohammed"),
            person("t:qahtani", "AL-QAHTANI, Saud"),
        ]
    )
    found = screener.match(Query(("Abdulrahman Ali Hassan",), Schema.PERSON), limit=2)
    assert found[0].entity.id == "t:apart"
    assert found[0].is_match
    found = screener.match(Query(("ALQAHTANI Saud",), Schema.PERSON), limit=1)
    assert found[0].entity.id == "t:qahtani"
    assert found[0].score > 0.9


def test_a_hyphenated_chinese_given_name_matches_it_written_in_one_word() -> None:
    result = compare("Tsai Ing-wen", "Cai Yingwen", "Person")
    assert result.score > 0.85
    assert "written as one word: ingwen" in result.explanation()
    other = compare("Tsai Ing-wen", "Tsai Ming-liang", "Person")
    assert other.score < 0.5
    assert "written as one word" not in other.explanation()
