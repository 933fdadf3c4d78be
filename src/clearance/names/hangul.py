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


def split_surname(word: str, person: bool) -> str:
    """The word as surname and given-name syllables, or unchanged."""
    lengths = (2, 3, 4) if person else (3,)
    if len(word) not in lengths:
        return word
    for surname in COMMON_SURNAMES:
        if word.startswith(surname) and len(word) > len(surname):
            return " ".join([surname, *word[len(surname) :]])
    return word


def split_hangul_names(text: str, person: bool) -> str:
    """Split each Hangul word that reads as a personal name into surname and given name."""
    return HANGUL_WORD_RE.sub(lambda m: split_surname(m.group(0), person), text)
