"""Korean personal names in Hangul: surname and given name, as lists write them.

Hangul writes a personal name as one word (김정은), lists write it in two or three (KIM Jong
Un). A word of two to four syllables that starts with a common surname is split after it,
and the given name is split into its syllables, as lists write them (김정은 → 김 정 은,
KIM Jong Un; 리영호 → 리 영 호, RI YONG HO): each syllable is then its own token, and rigour's
lexicon recognises the surname (김 → Kim). A name of unknown kind is split only when it has
three syllables, the usual length of a personal name: company names (한화, 삼성전자) are left
whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

HANGUL_WORD_RE = re.compile(r"[\uac00-\ud7a3]+")

# Two-syllable surnames first, so that 남궁 is not read as 남.
COMMON_SURNAMES: tuple[str, ...] = (
    "남궁",
    "황보",
    "제갈",
    "선우",
    "독고",
    "사공",
    "서문",
    *"김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지"
    "엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉리",
)


# The lengths of a Hangul word that may be a person's whole name: of a name that may be a
# person's or something else's, only the usual three syllables.
_PERSON_NAME_LENGTHS = (2, 3, 4)
_ANY_NAME_LENGTHS = (3,)


def split_surname(word: str, person: bool) -> str:
    """The word as surname and given-name syllables, or unchanged."""
    lengths = _PERSON_NAME_LENGTHS if person else _ANY_NAME_LENGTHS
    if len(word) not in lengths:
        return word
    for surname in COMMON_SURNAMES:
        if word.startswith(surname) and len(word) > len(surname):
            return " ".join([surname, *word[len(surname) :]])
    return word


def split_hangul_names(text: str, person: bool) -> str:
    """Split each Hangul word that reads as a personal name into surname and given name."""
    return HANGUL_WORD_RE.sub(lambda m: split_surname(m.group(0), person), text)


# A syllable of Korean as the lists romanise it: McCune-Reischauer without its marks (Kim
# Jong Un, Choe Ryong Hae), the Revised Romanisation (Gim Jeong Eun) and the spellings South
# Koreans use (Park, Lee, Young, Yoon). A word is one to three of them.
# A syllable after one that ends in a vowel starts with a consonant: "luo", "jie" and "wai"
# are Chinese.
_ONSET = "(?:kk|tt|pp|ss|jj|ch|sh|ts|k|g|n|d|t|r|l|m|b|p|s|j|h)"
_VOWEL = "(?:yae|yeo|yoo|you|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ou|ee|a|o|e|u|i)"
_CODA = "(?:ng|rk|lk|k|n|t|l|m|p|g|d|b|r)?"
_FIRST = f"{_ONSET}?{_VOWEL}{_CODA}"
_NEXT = f"(?:(?<![aeiou]){_ONSET}?|{_ONSET}){_VOWEL}{_CODA}"
_ROMANISED_WORD_RE = re.compile(f"{_FIRST}(?:{_NEXT}){{0,2}}")


def romanised_korean(tokens: Sequence[str]) -> bool:
    """Every word may be Korean in Latin letters (kim jong un, but not hong wei xian)."""
    return all(_ROMANISED_WORD_RE.fullmatch(token) for token in tokens)


# Spellings of one Korean sound in the romanisations lists use (Revised, McCune-Reischauer,
# South Koreans' own): 김 gim / kim, 정 jeong / jong / chong, 룡 lyong / ryong, 신 sin / shin.
_KOREAN_SPELLINGS = re.compile(r"eo|eu|oo|ou|ee|sh|g|d|b|r|j")
_KOREAN_SOUNDS = {
    "eo": "o", "eu": "u", "oo": "u", "ou": "u", "ee": "i", "sh": "s",
    "g": "k", "d": "t", "b": "p", "r": "l", "j": "ch",
}  # fmt: skip


def korean_key(token: str) -> str:
    """The word with the spellings of each Korean sound made one (jeong, jong -> chong)."""
    return _KOREAN_SPELLINGS.sub(lambda m: _KOREAN_SOUNDS[m.group(0)], token)
