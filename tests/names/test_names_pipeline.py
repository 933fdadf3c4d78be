"""The normalisation pipeline: scripts, legal forms, tokens, weights."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearance import compare
from clearance.names import normalise_name, skeleton, token_keys
from clearance.names.compounds import with_compound_variants
from clearance.names.pipeline import token_words
from clearance.names.vocabulary import COMMON_NAME_WEIGHT, GENERIC_WEIGHT


@pytest.mark.parametrize(
    ("text", "organisation", "tokens"),
    [
        ("华为技术有限公司", None, ("huawei", "technologies")),
        ("華為技術有限公司", True, ("huawei", "technologies")),
        ("小米集团", True, ("xiaomi", "group")),
        ("张小明", False, ("zhang", "xiaoming")),
        ("欧阳小明", False, ("ouyang", "xiaoming")),
        ("吕布", False, ("lubu",)),
        # Syllables of Chinese names that Latin legal forms are spelled like (YU, SA).
        ("宇 华", None, ("yu", "hua")),
        ("萨 宾", None, ("sa", "bin")),
        ("Хуавэй", True, ("huavei",)),
        ("Αλέξης Τσίπρας", False, ("alexis", "tsipras")),
        ("ヤマダ タロウ", False, ("yamada", "tarou")),
        ("SALEK, ABDULHAI", False, ("salek", "abdulhai")),
        ("A.B.C. Trading", True, ("abc", "trading")),
        # A person's single letters are initials, a company's one abbreviation.
        ("J.F. Kennedy", False, ("j", "f", "kennedy")),
        ("M. R. Ahmadi", False, ("m", "r", "ahmadi")),
        ("J.F. Kennedy", None, ("jf", "kennedy")),
        ("A-B-C Company", True, ("abc",)),
        ("O'Brien", False, ("obrien",)),
        ("SiemensAG", True, ("siemens",)),
        ("Jürgen Müller", False, ("jurgen", "muller")),
    ],
)
def test_tokens_after_transliteration(
    text: str, organisation: bool | None, tokens: tuple[str, ...]
) -> None:
    assert normalise_name(text, organisation).tokens == tokens


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("Huawei Technologies Co., Ltd.", {"llc"}),
        ("HUAWEI TECHNOLOGIES COMPANY LIMITED", {"llc", "company"}),
        ("华为技术有限公司", {"llc"}),
        ("Siemens Aktiengesellschaft", {"jsc"}),
        ("Siemens AG", {"jsc"}),
        ("ООО Ромашка", {"llc"}),
        ("Acme Corporation", {"company"}),
    ],
)
def test_legal_forms_are_set_aside_with_their_class(text: str, generic: set[str]) -> None:
    form = normalise_name(text, True)
    assert form.legal_classes == generic
    assert all(f.text not in form.tokens for f in form.legal_forms)


@pytest.mark.parametrize(
    ("text", "tokens", "legal_form"),
    [
        # Société anonyme libanaise: one dotted abbreviation, not S.A. and a letter L.
        ("TRUST INSURANCE S.A.L.", ("trust", "insurance"), "s.a.l."),
        ("VENTORA MINING S.A.S.U.", ("ventora", "mining"), "s.a.s.u."),
        # The A.G. inside M.A.G. is no Aktiengesellschaft.
        ("M.A.G. Tech", ("mag", "tech"), None),
        ("Foo S.A. de C.V.", ("foo",), "s.a. de c.v."),
    ],
)
def test_a_dotted_abbreviation_is_one_legal_form_or_none(
    text: str, tokens: tuple[str, ...], legal_form: str | None
) -> None:
    form = normalise_name(text, True)
    assert form.tokens == tokens
    assert [f.text for f in form.legal_forms] == ([legal_form] if legal_form else [])


def test_numbers_of_a_name() -> None:
    assert normalise_name("IRAN HORMUZ 14", True).numbers == {"14"}
    assert normalise_name("CSSC 701st Research Institute", True).numbers == {"701"}
    assert normalise_name("Huawei Technologies", True).numbers == set()


def test_a_number_in_a_company_name_weighs_as_a_distinctive_word() -> None:
    # Three characters would make an abbreviation, shared by many firms; a number identifies.
    assert normalise_name("AO 150 ARZ", True).weights == (1.0, COMMON_NAME_WEIGHT)


def test_generic_words_of_other_languages_weigh_little() -> None:
    form = normalise_name("REDIN DIS TICARET LTD. STI", True)
    assert form.tokens == ("redin", "dis", "ticaret")
    assert form.weights == (1.0, GENERIC_WEIGHT, GENERIC_WEIGHT)


def test_person_names_keep_parts_that_look_like_legal_forms() -> None:
    assert normalise_name("Iyad Ag Ghali", False).tokens == ("iyad", "ag", "ghali")


def test_a_legal_form_alone_is_kept_as_the_name() -> None:
    assert normalise_name("Company", True).tokens == ("company",)


def test_generic_words_weigh_little() -> None:
    form = normalise_name("Huawei Technologies", True)
    assert form.weights == (1.0, GENERIC_WEIGHT)


def test_han_transliteration_is_recorded_for_explanations() -> None:
    assert normalise_name("华为", True).transliterations == (("华为", "huawei"),)


def test_scripts_are_detected() -> None:
    assert normalise_name("مُحَمَّد", False).abjad
    assert not normalise_name("Mohammed", False).abjad


def test_skeleton_merges_transliteration_variants() -> None:
    assert skeleton("huavei") == skeleton("huawei")
    assert skeleton("yusuf") == skeleton("iusuf")
    assert skeleton("khalid") == skeleton("halid")
    # ж / ژ written zh or j, ё written yo or e after a consonant
    assert skeleton("pezhman") == skeleton("pejman")
    assert skeleton("zhukov") == skeleton("joukov")
    assert skeleton("artyom") == skeleton("artem")
    assert skeleton("fyodor") == skeleton("fedor")
    # but a word that starts with "yo" keeps it
    assert skeleton("yoshida") != skeleton("eshida")


def test_token_keys_include_phonetic_and_affix_keys() -> None:
    keys = token_keys("abdulhai")
    assert "abdulhai" in keys
    assert any(k.startswith("p:") for k in keys)
    assert "b:abdu" in keys and "e:lhai" in keys


def test_greek_digraphs_of_foreign_names_become_one_letter() -> None:
    assert normalise_name("Ραμζάν Καντίροφ", False).tokens == ("ramzan", "kadirof")
    assert normalise_name("Μπαράκ Ομπάμα", False).tokens == ("barak", "obama")


@pytest.mark.parametrize(
    ("arabic", "tokens"),
    [
        ("التكريتي", ("al", "tkryty")),  # al-Tikriti: the article, split off
        ("عبد الرحمن", ("bd", "al", "rhmn")),
        ("الياس", ("alyas",)),  # Ilyas: a name that only starts like the article
        ("الله", ("allh",)),
        ("عبدالله", ("bdallh",)),  # the article inside a word stays
    ],
)
def test_the_arabic_article_is_split_off_as_latin_spellings_write_it(
    arabic: str, tokens: tuple[str, ...]
) -> None:
    assert normalise_name(arabic, False).tokens == tokens


def test_a_latin_name_with_the_article_matches_its_arabic_original() -> None:
    result = compare("BARZAN IBRAHIM HASSAN AL-TIKRITI", "برزان إبراهيم حسن التكريتي")
    assert result.score >= 0.8, result.explanation()


@pytest.mark.parametrize(
    ("text", "tokens", "forms"),
    [
        ("STG GROUP", ("stg", "group"), set()),
        ("KB INVESTMENTS LIMITED", ("kb", "investments"), {"limited"}),
        ("IS BANK, AO", ("is", "bank"), {"ao"}),
        # Common forms stay forms, and rare ones where the name keeps a distinctive word.
        ("OOO ROMASHKA", ("romashka",), {"ooo"}),
        ("LLC Center", ("center",), {"llc"}),
        ("STG ROMASHKA", ("romashka",), {"stg"}),
    ],
)
def test_letters_of_a_rare_legal_form_are_the_name_when_nothing_else_would_be(
    text: str, tokens: tuple[str, ...], forms: set[str]
) -> None:
    form = normalise_name(text, True)
    assert form.tokens == tokens
    assert {f.text for f in form.legal_forms} == forms


@pytest.mark.parametrize(
    "word",
    ["franzén", "synnøve", "dragović", "oksana", "оксана", "straße", "łódź", "d'été", "æble"],
)
def test_words_are_made_ascii_as_rigour_makes_them(word: str) -> None:
    """The fast path for accented Latin words gives rigour's spelling, word by word."""
    from rigour.text.translit import ascii_text

    from clearance.names.pipeline import to_ascii

    assert to_ascii(word) == ascii_text(word)
    assert to_ascii(f"{word} {word}") == f"{ascii_text(word)} {ascii_text(word)}"
    assert to_ascii(word).isascii()


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1))
def test_hangul_words_are_spelled_as_rigour_spells_them(word: str) -> None:
    """Words of Hangul syllables go through ICU's rules by PyICU, not rigour's slower
    transliterator, and come out the same (김정은 → gimjeong-eun)."""
    from rigour.text.translit import ascii_text

    from clearance.names.pipeline import to_ascii

    assert to_ascii(word) == ascii_text(word)
    assert to_ascii(f"{word} {word}") == f"{ascii_text(word)} {ascii_text(word)}"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_is_as_rigour_spells_it(text: str) -> None:
    """ASCII text skips rigour's transliterator: it would leave every character as it is."""
    from rigour.text.translit import ascii_text

    from clearance.names.pipeline import to_ascii

    assert to_ascii(text) == ascii_text(text)


@pytest.mark.parametrize(
    "word", ["trading", "metals", "star", "house", "global", "huawei", "xiaomi", "zyxwv", "2000"]
)
def test_common_words_are_those_wordfreq_rates_common(word: str) -> None:
    """The set of common words read from wordfreq's table rates each word as its
    `zipf_frequency` does (which takes a hundred microseconds a word)."""
    from wordfreq import zipf_frequency

    from clearance.names.vocabulary import COMMON_WORD_MIN_LENGTH, COMMON_WORD_ZIPF, is_common_word

    expected = (
        len(word) >= COMMON_WORD_MIN_LENGTH and zipf_frequency(word, "en") >= COMMON_WORD_ZIPF
    )
    assert is_common_word(word) == expected
    assert is_common_word("trading") and not is_common_word("huawei")


def test_common_word_set_agrees_with_zipf_frequency_around_the_threshold() -> None:
    """Every word of letters rated near the threshold, in or out of the set as wordfreq's own
    `zipf_frequency` rates it (a sample: it takes ~100 us a word)."""
    import random

    from wordfreq import get_frequency_dict, zipf_frequency, zipf_to_freq

    from clearance.names.vocabulary import COMMON_WORD_ZIPF, is_common_word

    low, high = zipf_to_freq(COMMON_WORD_ZIPF - 0.3), zipf_to_freq(COMMON_WORD_ZIPF + 0.3)
    near = sorted(
        word
        for word, freq in get_frequency_dict("en").items()
        if low <= freq <= high and len(word) >= 4 and word.isascii() and word.isalpha()
    )
    sample = random.Random(5).sample(near, 1500)
    rated = [zipf_frequency(word, "en") >= COMMON_WORD_ZIPF for word in sample]
    assert 100 < sum(rated) < 1400
    assert [is_common_word(word) for word in sample] == rated


def test_company_words_weigh_as_names_in_a_persons_name() -> None:
    assert normalise_name("Mauro Sá", False).weights == (1.0, 1.0)
    assert normalise_name("Banco Sa", True).tokens == ("banco",)
    # Articles stay generic in persons' names; unknown kinds keep the company weights.
    assert normalise_name("Abu Bakr al Baghdadi", False).weights[2] == GENERIC_WEIGHT
    assert normalise_name("Mauro West").weights[1] == GENERIC_WEIGHT


def test_a_name_of_unknown_kind_with_initials_is_read_as_a_person_s_as_well() -> None:
    assert with_compound_variants([normalise_name("J.F. Kennedy")])[-1].tokens == (
        "j",
        "f",
        "kennedy",
    )
    # Not a company's name by its words or its legal form.
    assert len(with_compound_variants([normalise_name("A.B.C. Trading")])) == 1
    assert len(with_compound_variants([normalise_name("J.P. Holdings Ltd.")])) == 1


def test_an_organisation_s_name_of_three_words_or_more_is_read_as_its_initials() -> None:
    forms = with_compound_variants([normalise_name("Islamic State in the Greater Sahara", True)])
    assert {f.tokens for f in forms if f.initials_of} == {("isgs",), ("istgs",)}
    forms = with_compound_variants([normalise_name("Albanian National Army", True)])
    assert {f.tokens for f in forms if f.initials_of} == {("ana",)}
    # Two letters are not initials enough: Bank of Iran is BOI, not BI.
    forms = with_compound_variants([normalise_name("Bank of Iran", True)])
    assert {f.tokens for f in forms if f.initials_of} == {("boi",)}
    # Not a person's name, nor a name of unknown kind without a company's word, nor a name
    # of two words.
    assert not any(
        f.initials_of
        for name, kind in [
            ("Maria Alice Nathan Leao", False),
            ("Maria Alice Nathan Leao", None),
            ("North Korea", True),
        ]
        for f in with_compound_variants([normalise_name(name, kind)])
    )


def test_token_words_number_each_token_by_its_written_word() -> None:
    # 유진 is split into 유 진 (a surname syllable first), 김 is a word of its own.
    form = normalise_name("유진 김", False)
    assert token_words(form.original, False, form.tokens) == (0, 0, 1)
    form = normalise_name("莫尔克", False)
    assert form.tokens == ("mo", "erke")
    assert token_words(form.original, False, form.tokens) == (0, 0)


def test_token_words_is_none_where_words_alone_normalise_otherwise() -> None:
    assert token_words("a b", False, ("ab",)) is None


def test_the_iteration_mark_repeats_the_character_before_it() -> None:
    # 佐々木 is 佐佐木 (Sasaki), and no "?" of a mark transliterated alone.
    for kind in (None, False, True):
        assert normalise_name("佐々木", kind).tokens == normalise_name("佐佐木", kind).tokens
    person = normalise_name("佐々木 亮介", False)
    assert person.tokens == normalise_name("佐佐木 亮介", False).tokens
    assert "?" not in " ".join(normalise_name("佐々木").tokens)
