"""Korean personal names in Chinese characters, read in Korean (names/hanja.py)."""

from __future__ import annotations

import pytest

from clearance.names import normalise_name
from clearance.names.hangul import korean_key, romanised_korean
from clearance.names.hanja import korean_reading, read_in_korean


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("金正恩", "김정은"),  # 金 is 김 as a surname (Unihan's reading for names), 금 as a word
        ("崔龙海", "최룡해"),  # simplified 龙, read as traditional 龍
        ("李英吉", "리영길"),
        (" 金与正 ", "김여정"),
    ],
)
def test_korean_names_in_chinese_characters_are_read_in_korean(written: str, reading: str) -> None:
    assert read_in_korean(written) == reading


@pytest.mark.parametrize(
    "written",
    [
        "张思",  # two characters: most such names are Chinese
        "杨 阳 徐",  # written as several words
        "华为技",  # 화 is no Korean surname
        "金正恩大",  # a surname of one syllable and a given name of three
        "Kim Jong Un",
    ],
)
def test_other_names_are_not_read_in_korean(written: str) -> None:
    assert read_in_korean(written) is None


def test_reading_says_what_was_written() -> None:
    reading = korean_reading(normalise_name("金正恩", False))
    assert reading is not None
    assert reading.reading_of == "金正恩"
    assert reading.original == "김정은"
    assert reading.tokens == ("gim", "jeong", "eun")


def test_companies_are_not_read_in_korean() -> None:
    assert korean_reading(normalise_name("金正恩", True)) is None
    assert korean_reading(normalise_name("金正恩技术", None)) is None


def test_romanised_korean_words() -> None:
    assert romanised_korean(["kim", "jong", "un"])
    assert romanised_korean(["park", "chung", "hee"])
    assert romanised_korean(["jongun"])
    assert not romanised_korean(["hong", "wei", "xian"])
    assert not romanised_korean(["luo", "jie"])


def test_korean_key_makes_romanisations_of_one_sound_one() -> None:
    assert korean_key("gim") == korean_key("kim")
    assert korean_key("jeong") == korean_key("jong")
    assert korean_key("lyong") == korean_key("ryong")
    assert korean_key("song") != korean_key("jong")
