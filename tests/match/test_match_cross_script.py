"""The screener over the bundled lists, queried in other scripts than Latin (issue 4):
Han (simplified and traditional), Cyrillic, Hangul; and the Xiaomi / Zhang Xiaoming trap."""

from __future__ import annotations

import pytest

from clearance.match import Query, Screener
from clearance.names import normalise_name


@pytest.fixture(scope="module")
def screener(bundled_screener: Screener) -> Screener:
    return bundled_screener


def _best(screener: Screener, name: str) -> tuple[str, float, str]:
    results = screener.match(Query((name,)), limit=5)
    assert results, f"nothing found for {name!r}"
    top = results[0]
    return top.entity.caption, top.score, top.comparison.explanation()


@pytest.mark.parametrize("name", ["Хуавэй", "华为", "華為"])
def test_huawei_in_other_scripts_finds_huawei_technologies(screener: Screener, name: str) -> None:
    caption, score, why = _best(screener, name)
    assert caption == "HUAWEI TECHNOLOGIES CO., LTD.", why
    assert score >= 0.7, why


def test_xiaomi_in_han_is_not_zhang_xiaoming(screener: Screener) -> None:
    for m in screener.match(Query(("小米",)), limit=10):
        assert "xiaoming" not in m.entity.caption.lower() or m.score < 0.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("김정은", "KIM, Jong Un"),
        ("최룡해", "CHOE, Ryong Hae"),
        ("Ким Чен Ын", "KIM, Jong Un"),
        ("Рамзан Кадыров", "KADYROV, Ramzan Akhmatovich"),
    ],
)
def test_listed_persons_found_from_other_scripts(
    screener: Screener, name: str, expected: str
) -> None:
    caption, score, why = _best(screener, name)
    assert caption == expected, why
    assert score >= 0.7, why


def test_a_hangul_name_with_one_syllable_apart_is_no_match(screener: Screener) -> None:
    for m in screener.match(Query(("김정은",)), limit=10):
        if m.entity.caption.upper().replace(",", "") == "KIM JUNG JONG":
            assert not m.is_match, m.comparison.explanation()


def test_a_greek_rendering_of_a_listed_name_is_found(screener: Screener) -> None:
    caption, score, why = _best(screener, "Ραμζάν Καντίροφ")
    assert caption == "KADYROV, Ramzan Akhmatovich", why
    assert score >= 0.7, why


def test_arabic_query_finds_the_listed_person(screener: Screener) -> None:
    caption, score, why = _best(screener, "عبد الملك الحوثي")
    assert caption == "ABDULMALIK AL-HOUTHI", why
    assert score >= 0.7, why


def test_a_company_name_in_han_or_cyrillic_needs_no_person_tagging(screener: Screener) -> None:
    for name in ("华为", "Хуавэй"):
        candidates = screener.index.candidate_entities([normalise_name(name)], 24)
        assert not screener._may_be_a_person(Query((name,)), candidates)
