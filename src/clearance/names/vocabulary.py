"""Words that carry little identity: generic business words and very common given names.

A name made only of these words is never a match on its own ("Technologies", "International",
"Mohammed"). The weights are relative: 1.0 for an ordinary name token.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Generic words of company names (English, and the English that Han generic words map to).
GENERIC_WORDS: frozenset[str] = frozenset(
    [
        "technologies",
        "technology",
        "tech",
        "international",
        "group",
        "holding",
        "holdings",
        "trading",
        "trade",
        "industries",
        "industry",
        "industrial",
        "company",
        "co",
        "corporation",
        "corp",
        "enterprise",
        "enterprises",
        "services",
        "service",
        "solutions",
        "systems",
        "system",
        "global",
        "general",
        "import",
        "export",
        "imports",
        "exports",
        "electronics",
        "electronic",
        "communications",
        "communication",
        "telecom",
        "telecommunications",
        "science",
        "sciences",
        "scientific",
        "research",
        "institute",
        "engineering",
        "development",
        "investment",
        "investments",
        "management",
        "logistics",
        "shipping",
        "marine",
        "maritime",
        "energy",
        "resources",
        "products",
        "manufacturing",
        "factory",
        "works",
        "bank",
        "bancorp",
        "bancshares",
        "financial",
        "national",
        "the",
        "and",
        "of",
        "for",
        "de",
        "la",
        "del",
        "el",
        "al",
        "y",
        "et",
        "und",
        "limited",
        "ltd",
        "inc",
        "llc",
        "plc",
        "pte",
        "bhd",
        "sa",
        "ag",
        "gmbh",
        "jsc",
        "ojsc",
        "pjsc",
        "cjsc",
        "ooo",
        "oao",
        "zao",
        "china",
        "chinese",
        "russia",
        "russian",
        "iran",
        "iranian",
        "korea",
        "korean",
        "middle",
        "east",
        "far",
        "west",
        "north",
        "south",
        "new",
        "first",
        "united",
        "american",
        "foreign",
        "commercial",
        "agency",
        "center",
        "centre",
        "office",
        "partners",
        # The same words as the lists write them in company names in Turkish, Spanish,
        # French and transliterated Russian and Persian ("DIS TICARET", foreign trade).
        "ticaret",
        "sanayi",
        "dis",
        "ithalat",
        "ihracat",
        "grupo",
        "internacional",
        "comercial",
        "servicios",
        "inversiones",
        "industrias",
        "empresa",
        "compania",
        "corporacion",
        "desarrollo",
        "banco",
        "nacional",
        "tecnologia",
        "banque",
        "societe",
        "compagnie",
        "groupe",
        "commerce",
        "kompaniya",
        "gruppa",
        "zavod",
        "obshchestvo",
        "sherkat",
        "tejarat",
        "sanaye",
        "bazargani",
    ]
)

# Given names so common in sanctions lists that alone they identify no one.
COMMON_GIVEN_NAMES: frozenset[str] = frozenset(
    [
        "mohammad",
        "mohammed",
        "muhammad",
        "mohamed",
        "muhamad",
        "mohamad",
        "ahmad",
        "ahmed",
        "ali",
        "abdul",
        "abd",
        "abdel",
        "abdullah",
        "abdallah",
        "hassan",
        "hussein",
        "husain",
        "hussain",
        "ibrahim",
        "omar",
        "umar",
        "khalid",
        "mahmoud",
        "mahmud",
        "yusuf",
        "youssef",
        "salem",
        "saleh",
        "said",
        "sayed",
        "syed",
        "hamid",
        "abu",
        "bin",
        "bn",
        "ibn",
        "bint",
        "ben",
        "al",
        "el",
        "john",
        "james",
        "david",
        "michael",
        "robert",
        "maria",
        "jose",
        "juan",
        "carlos",
        "luis",
        "ivan",
        "sergei",
        "sergey",
        "alexander",
        "aleksandr",
        "vladimir",
        "andrei",
        "andrey",
        "dmitry",
        "dmitri",
        "nikolai",
        "viktor",
        "yuri",
        "igor",
        "kim",
        "lee",
        "li",
        "wang",
        "zhang",
        "chen",
        "liu",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "lin",
    ]
)

GENERIC_WEIGHT = 0.2
COMMON_NAME_WEIGHT = 0.5
INITIAL_WEIGHT = 0.3


# Company names made of everyday words ("Nova", "Iron Mountain", "Liberty") are shared by
# many unrelated companies: such a word weighs as a common given name does, so that it alone
# never makes a match (the cap of match/names.py) unless the whole name is equal. Measured on
# SEC issuer names (bench/match_quality.py): from a Zipf frequency of 3.8 in English on,
# "huawei" (3.3) and "xiaomi" (3.0) stay distinctive; "walmart" (3.95), "nova" (3.9) do not.
COMMON_WORD_ZIPF = 3.8
COMMON_WORD_MIN_LENGTH = 4


@lru_cache(maxsize=65536)
def is_common_word(token: str) -> bool:
    """An everyday English word (wordfreq), at least four letters long."""
    if len(token) < COMMON_WORD_MIN_LENGTH:
        return False
    if token.isascii() and token.isalpha():
        return token in _common_words()
    from wordfreq import zipf_frequency  # loads its tables (0.4 s) on first use only

    return bool(zipf_frequency(token, "en") >= COMMON_WORD_ZIPF)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The words of letters that `zipf_frequency` rates COMMON_WORD_ZIPF or more. It takes a
    hundred microseconds a word (its tokenizer), and company words are asked by the
    thousand; a word of lower-case letters is its own one token, so that its rating is its
    table entry's, rounded as wordfreq rounds it (tests check it against zipf_frequency)."""
    from wordfreq import get_frequency_dict

    return frozenset(
        word
        for word, freq in get_frequency_dict("en").items()
        if freq >= _NEAR_COMMON and _zipf(freq) >= COMMON_WORD_ZIPF
    )


# Entries far below the threshold are not rated at all.
_NEAR_COMMON = 10 ** (COMMON_WORD_ZIPF - 9) / 2


def _zipf(freq: float) -> float:
    """wordfreq's rating of a word of one token with this table frequency: three significant
    digits (`_word_frequency`), then the Zipf scale to a hundredth (`zipf_frequency`)."""
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


# A word of two or three letters in a company name is an abbreviation that many firms share
# (SES, KT, IAC, Sea, Air: SEC issuers against the lists, bench/match_quality.py set 2b): it
# weighs as a common word, so that it matches alone only when the whole name is equal.
ABBREVIATION_MAX_LENGTH = 3
# A number in a company name identifies (plant No. 150, IRAN HORMUZ 14, the 701st research
# institute): it is neither an abbreviation nor an everyday word.
_DIGIT_RE = re.compile(r"[0-9]")


def organisation_token_weight(token: str) -> float:
    """The weight of a token of a company or organisation name."""
    if _DIGIT_RE.search(token):
        return 1.0
    weight = token_weight(token)
    if weight == 1.0 and (len(token) <= ABBREVIATION_MAX_LENGTH or is_common_word(token)):
        return COMMON_NAME_WEIGHT
    return weight


# The generic words that are articles and conjunctions: in a person's name, the other
# generic words of company names are names (Sá, West, North, Bank), and weigh as names do.
# Synthetic persons against the lists (bench/match_quality.py, set 2a): "Mauro Sá" matched
# the alias "MAURO" at 0.91 when "sa" weighed as the S.A. of a company.
NAME_PARTICLES: frozenset[str] = frozenset(
    ["the", "and", "of", "for", "de", "la", "del", "el", "al", "y", "et", "und"]
)


def token_weight(token: str) -> float:
    """How much a token says about identity: low for generic words, initials, common names."""
    if len(token) == 1:
        return INITIAL_WEIGHT
    if token in GENERIC_WORDS:
        return GENERIC_WEIGHT
    if token in COMMON_GIVEN_NAMES:
        return COMMON_NAME_WEIGHT
    return 1.0


def person_token_weight(token: str) -> float:
    """The weight of a token of a person's name: as `token_weight`, except that only
    articles and conjunctions are generic (NAME_PARTICLES)."""
    if token in GENERIC_WORDS and token not in NAME_PARTICLES and len(token) > 1:
        return COMMON_NAME_WEIGHT if token in COMMON_GIVEN_NAMES else 1.0
    return token_weight(token)
