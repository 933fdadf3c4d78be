"""Generic company words and country names across languages (names/translations.py)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from clearance.names import normalise_name
from clearance.names.translations import translated, translation_key, with_country_words


def test_a_word_and_its_translations_share_a_key() -> None:
    assert translation_key("banque") == translation_key("banco") == translation_key("bank")
    assert translation_key("societe") == translation_key("company")
    assert translation_key("de") == translation_key("of")
    assert translated("bonyad", "foundation")
    assert not translated("bank", "bank")
    assert not translated("bank", "company")


def test_names_of_one_country_in_any_language_share_a_key() -> None:
    assert translation_key("syrie") == translation_key("syria") == translation_key("siria")
    assert translation_key("allemagne") == translation_key("deutschland")
    assert translation_key("syria") != translation_key("serbia")


def test_cities_and_regions_are_not_their_country() -> None:
    # "Accra Trading" says where a company is, not that it is "Ghana Trading".
    for place in ("accra", "aichi", "abuja", "gaza"):
        assert translation_key(place) is None, place


def test_short_words_and_ordinary_tokens_have_no_key() -> None:
    # Country codes that are words of company names; syllables of romanised names.
    for token in ("sa", "al", "ag", "da", "di", "le", "global", "huawei", "xiaomi"):
        assert translation_key(token) is None, token


@pytest.mark.slow
def test_the_bundled_country_names_agree_with_rigour() -> None:
    from rigour.territories import lookup_territory

    table = json.loads(
        resources.files("clearance.names").joinpath("country_names.json").read_text()
    )
    assert len(table) > 5000
    for name, code in table.items():
        territory = lookup_territory(name)
        assert territory is not None and territory.code == code, name


def test_a_country_named_in_several_words_is_its_one_word() -> None:
    assert normalise_name("Islamic Republic of Iran Shipping Lines", True).tokens == (
        "iran",
        "shipping",
        "lines",
    )
    # Written inverted in an index ("Russie, Fédération de"), and in its usual order.
    assert "russia" in normalise_name("Banque de la Fédération de Russie", True).tokens
    assert with_country_words(["bank", "of", "the", "russian", "federation"]) == [
        "bank",
        "of",
        "the",
        "russia",
    ]
    # Not in persons' names, and words that only start a country's name stay as they are.
    assert normalise_name("Russian Federation", False).tokens == ("russian", "federation")
    assert with_country_words(["islamic", "republic", "bank"]) == ["islamic", "republic", "bank"]


@pytest.mark.slow
def test_the_bundled_country_phrases_name_countries_of_one_english_word() -> None:
    from rigour.territories import lookup_territory

    table = json.loads(
        resources.files("clearance.names").joinpath("country_phrases.json").read_text()
    )
    assert len(table) > 1000
    assert table["syrian arab republic"] == "syria"
    for word in set(table.values()):
        territory = lookup_territory(word)
        assert territory is not None and len(territory.code) == 2, word
