"""Name items across scripts (rigour's Wikidata person-name lexicon) and Hangul names."""

from __future__ import annotations

import pytest

from clearance.names import normalise_name
from clearance.names.hangul import split_hangul_names
from clearance.names.symbols import needs_symbols, with_symbols


@pytest.mark.parametrize(
    ("text", "organisation", "tokens"),
    [
        ("김정은", False, ("gim", "jeong", "eun")),
        ("김정은", None, ("gim", "jeong", "eun")),
        ("리영호", False, ("li", "yeong", "ho")),
        ("남궁민", False, ("namgung", "min")),
        ("한화", None, ("hanhwa",)),
        ("삼성전자", True, ("samseongjeonja",)),
    ],
)
def test_hangul_person_names_split_into_surname_and_syllables(
    text: str, organisation: bool | None, tokens: tuple[str, ...]
) -> None:
    assert normalise_name(text, organisation).tokens == tokens


def test_hangul_names_of_unknown_kind_split_only_at_three_syllables() -> None:
    assert split_hangul_names("김정", person=False) == "김정"
    assert split_hangul_names("김정", person=True) == "김 정"


def test_tokens_of_one_name_item_share_it_across_scripts() -> None:
    latin = with_symbols(normalise_name("John Smith", False))
    cyrillic = with_symbols(normalise_name("Джон Смит", False))
    assert cyrillic.tokens == ("dzhon", "smit")
    assert latin.symbols[0] & cyrillic.symbols[0]
    assert latin.symbols[1] & cyrillic.symbols[1]
    assert not latin.symbols[0] & cyrillic.symbols[1]


def test_a_han_word_split_after_its_surname_keeps_the_word_s_items() -> None:
    form = with_symbols(normalise_name("贾海姆", False))
    assert form.tokens == ("jia", "haimu")
    jaheim = with_symbols(normalise_name("Jaheim", False))
    assert form.symbols[1] & jaheim.symbols[0]


def test_only_names_of_persons_in_other_scripts_need_items() -> None:
    assert needs_symbols(normalise_name("Владимир Путин", False))
    assert needs_symbols(normalise_name("Владимир Путин"))
    assert not needs_symbols(normalise_name("Vladimir Putin", False))
    assert not needs_symbols(normalise_name("Хуавэй", True))
    assert with_symbols(normalise_name("Хуавэй", True)).symbols == ()
