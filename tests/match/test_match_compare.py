"""compare(): the golden table of name pairs and the explanation in words."""

from __future__ import annotations

import csv

import pytest

from clearance import InputError
from clearance.match import compare
from support import FIXTURES

with (FIXTURES / "match" / "pairs.csv").open(encoding="utf-8") as _handle:
    PAIRS = list(csv.DictReader(_handle))


@pytest.mark.parametrize("row", PAIRS, ids=[row["why"] for row in PAIRS])
def test_golden_pair_scores_within_band(row: dict[str, str]) -> None:
    result = compare(row["name1"], row["name2"], row["schema"])
    assert float(row["min"]) <= result.score <= float(row["max"]), result.explanation()


def test_compare_is_symmetric_on_the_golden_table() -> None:
    for row in PAIRS:
        forward = compare(row["name1"], row["name2"], row["schema"]).score
        backward = compare(row["name2"], row["name1"], row["schema"]).score
        assert forward == pytest.approx(backward, abs=0.02), row["why"]


def test_explanation_names_transliteration_and_legal_form() -> None:
    result = compare("华为技术有限公司", "Huawei Technologies Co., Ltd.", "Company")
    text = result.explanation()
    assert "2 of 2 name tokens match after transliteration (华为 → huawei)" in text
    assert "legal form: '有限公司' ≡ 'co., ltd.' (ignored)" in text
    assert result.query_name == "华为技术有限公司"
    assert result.candidate_name == "Huawei Technologies Co., Ltd."


def test_explanation_names_the_spelling_difference() -> None:
    text = compare("Хуавэй", "Huawei", "Company").explanation()
    assert "huavei ~ huawei" in text


def test_generic_only_match_is_capped_and_says_why() -> None:
    result = compare("International", "International", "Company")
    assert "only generic words match" in result.explanation()


def test_empty_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match="name2"):
        compare("Huawei", "  ", "Company")


def test_unknown_schema_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown schema 'Robot'"):
        compare("Huawei", "Huawei", "Robot")


def test_explanation_names_the_translated_words() -> None:
    text = compare("Banque Centrale de Syrie", "Central Bank of Syria", "Company").explanation()
    assert "translation: " in text
    assert "banque = bank" in text and "syrie = syria" in text


def test_words_of_person_names_are_not_translated() -> None:
    # Jordanie is Jordan in French: one country in company names, two names of persons.
    company = compare("Jordanie Trading", "Jordan Trading", "Company").score
    person = compare("Jordanie Smith", "Jordan Smith", "Person").score
    assert company >= 0.85
    assert person < 0.7


def test_a_name_in_han_script_is_matched_by_its_exact_pinyin() -> None:
    # 建军 is Jianjun, not Jiangzhou; 吕 is Lü, not Luo: typo tolerance is for typed names.
    for han, latin in (("建军 李", "LI, Jiangzhou"), ("洁 吕", "Luo Jie")):
        assert compare(han, latin, "Person").score < 0.7
        assert compare(latin, han, "Person").score < 0.7
    assert compare("张小明", "ZHANG, Xiaoming", "Person").score >= 0.95
    assert compare("徐 小明", "Hsu Hsiao-ming", "Person").score >= 0.8
