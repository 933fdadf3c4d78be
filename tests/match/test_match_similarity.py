"""The fast token similarity against its plain-Python reference, and its edit budget."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.similarity import (
    reference_token_similarity,
    token_similarity,
)

TOKENS = st.text(alphabet="abcdehikmnoqsuvwxyz", min_size=1, max_size=14)


@settings(max_examples=400, deadline=None)
@given(TOKENS, TOKENS, st.booleans(), st.booleans(), st.booleans())
def test_fast_similarity_equals_reference(
    a: str, b: str, abjad: bool, strict: bool, skeletal: bool
) -> None:
    fast = token_similarity(a, b, abjad, strict, skeletal)
    assert fast == reference_token_similarity(a, b, abjad, strict, skeletal)


@settings(max_examples=200, deadline=None)
@given(TOKENS, TOKENS)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = token_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == token_similarity(b, a)


def test_short_tokens_must_match_exactly() -> None:
    assert token_similarity("li", "lu") == 0.0


def test_xiaomi_is_not_xiaoming() -> None:
    assert token_similarity("xiaomi", "xiaoming") == 0.0


def test_one_typo_in_a_long_token_is_tolerated() -> None:
    assert token_similarity("abdulhai", "abdulhia") >= 0.75


def test_abjad_consonants_match() -> None:
    assert token_similarity("muhamad", "mohammed", abjad=True) >= 0.85


def test_company_words_tolerate_one_edit_less() -> None:
    assert token_similarity("alumis", "alumix") > 0.8
    assert token_similarity("alumis", "alumix", strict=True) == 0.0
    assert token_similarity("huavei", "huawei", strict=True) >= 0.95  # skeleton: spelling system


def test_brands_in_latin_do_not_match_by_skeleton() -> None:
    assert token_similarity("coty", "koti") > 0.9
    assert token_similarity("coty", "koti", strict=True, skeletal=False) == 0.0
