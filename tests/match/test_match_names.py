"""Name scoring: capped pairs ordered by their evidence, numbers that differ."""

from __future__ import annotations

import pytest

from clearance.match import Query, Screener
from clearance.match.names import (
    CAP_ORDER_SPREAD,
    COMMON_ONLY_CAP,
    GENERIC_ONLY_CAP,
    NUMBER_MISMATCH_FACTOR,
    capped_score,
    describe_name_score,
    score_names,
    uncapped_score,
)
from clearance.model import Entity, Schema
from clearance.names import normalise_name


def _company(name: str) -> tuple[str, float, str]:
    q, c = normalise_name("Atlas Holding", True), normalise_name(name, True)
    result = score_names(q, c)
    return result.capped or "", result.score, describe_name_score(q, c, result)


def test_capped_pairs_are_ordered_by_their_uncapped_score() -> None:
    # Both match only on common words ("atlas"; "holding" is generic): both capped, but the
    # listing with more of the query's name in it comes first.
    more_reason, more, more_text = _company("ATLAS HOLDING SAL")
    less_reason, less, _ = _company("ATLAS SHIPPING")
    assert more_reason == less_reason == "only common names or initials match"
    assert COMMON_ONLY_CAP >= more > less > COMMON_ONLY_CAP * (1 - CAP_ORDER_SPREAD)
    assert "capped at 0.45: only common names or initials match (uncapped 0.74" in more_text


def test_generic_only_pairs_are_ordered_under_their_cap() -> None:
    q = normalise_name("New Far International Logistics Limited", True)
    whole = score_names(q, normalise_name("NEW FAR INTERNATIONAL", True))
    part = score_names(q, normalise_name("SMART LOGISTICS TRADING & INTERNATIONAL FREIGHT", True))
    assert whole.capped == part.capped == "only generic words match"
    assert GENERIC_ONLY_CAP >= whole.score > part.score


@pytest.mark.parametrize("cap", [GENERIC_ONLY_CAP, COMMON_ONLY_CAP])
def test_a_capped_score_never_exceeds_its_cap_and_rises_with_the_evidence(cap: float) -> None:
    uncapped = [cap + (1 - cap) * step / 20 for step in range(1, 21)]
    scores = [capped_score(cap, u) for u in uncapped]
    assert all(s <= cap for s in scores)
    assert scores == sorted(set(scores))
    assert all(
        abs(uncapped_score(cap, s) - u) < 1e-9 for s, u in zip(scores, uncapped, strict=True)
    )


def test_the_screener_ranks_the_better_capped_listing_first() -> None:
    def company(eid: str, name: str) -> Entity:
        entity = Entity(eid, Schema.COMPANY, "test")
        entity.add("name", name)
        return entity

    screener = Screener.build(
        [company("t:shipping", "ATLAS SHIPPING"), company("t:holding", "ATLAS HOLDING SAL")]
    )
    results = screener.match(Query(("Atlas Holding",), Schema.COMPANY))
    assert [m.entity.id for m in results] == ["t:holding", "t:shipping"]
    assert results[0].score > results[1].score


def test_names_with_other_numbers_name_other_things() -> None:
    q = normalise_name("IRAN HORMOZ 14", True)
    same = score_names(q, normalise_name("IRAN HORMUZ 14", True))
    other = score_names(q, normalise_name("IRAN HORMOZ 12", True))
    # Not one edit apart "when spaces are ignored": another number is not a spacing.
    assert not other.joined
    assert other.score < same.score
    assert other.capped is not None and other.capped.endswith("the numbers differ")
    text = describe_name_score(q, normalise_name("IRAN HORMOZ 12", True), other)
    assert f"×{NUMBER_MISMATCH_FACTOR}: the numbers differ (14 / 12)" in text


def test_the_numbers_of_one_name_only_are_no_mismatch() -> None:
    q = normalise_name("Kalashnikov Plant 150", True)
    assert score_names(q, normalise_name("Kalashnikov Plant", True)).capped is None


def test_a_number_outweighs_shared_common_words() -> None:
    q = normalise_name("YARD NO. 456 IRAN MARINE", True)
    hull = score_names(q, normalise_name("IMICO NEKA 456", True))
    other_hull = score_names(q, normalise_name("YARD NO. 455 IRAN MARINE", True))
    assert hull.score > other_hull.score


def test_two_everyday_words_of_company_names_keep_their_spelling_variants() -> None:
    # Star / Stars: one everyday word inflected, not two brands a letter apart.
    q = normalise_name("FOURTEEN STARS", True)
    result = score_names(q, normalise_name("FOURTEEN STAR SHIPPING MANAGEMENT", True))
    assert ("stars", "star") in [(a, b) for a, b, _ in result.pairs]
    # Brands keep the budget of one edit fewer: Alumis is not Alumix.
    alumis = normalise_name("Alumis Inc", True)
    assert score_names(alumis, normalise_name("Alumix Corp", True)).score == 0.0


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("China Telecom", "CHINA TELECOM CORPORATION LIMITED"),
        ("Bank of Russia", "BANK OF RUSSIA"),
        ("Global United Shipping Ltd", "GLOBAL UNITED SHIPPING LIMITED"),
    ],
)
def test_a_whole_name_of_generic_words_is_not_capped(query: str, listed: str) -> None:
    # Listed names made only of generic words (NS-CMIC's China Telecom) are found by their
    # whole name; a part of them is still capped.
    result = score_names(normalise_name(query, True), normalise_name(listed, True))
    assert result.capped is None
    assert result.score > 0.95
    part = score_names(normalise_name("China Telecom Group", True), normalise_name(listed, True))
    assert part.capped == "only generic words match" or part.score < GENERIC_ONLY_CAP


def test_one_generic_word_is_capped_even_when_it_is_the_whole_name() -> None:
    result = score_names(normalise_name("Technology", True), normalise_name("TECHNOLOGY", True))
    assert result.capped == "only generic words match"
    assert result.score <= GENERIC_ONLY_CAP
