"""Korean personal names written in Chinese characters (Hanja), read in Korean.

金正恩 is the name the lists write KIM Jong Un: Chinese media and Chinese-speaking clerks
write North Korean names so, and its Chinese reading (Jin Zhengen) meets nothing. A Han name
that may be a Korean personal name (a common Korean surname and a given name of two
characters) is also read in Korean, character by character (김정은), and that reading is
compared as any name in Hangul is. The readings are Unihan's, as names use them
(hanja_readings.json, written by tools/hanja_readings.py). Simplified characters are read as
their traditional forms (崔龙海 as 崔龍海, 최룡해).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import opencc

from clearance.names.han import HAN_RE, has_han_generic_word, to_simplified
from clearance.names.hangul import COMMON_SURNAMES
from clearance.names.pipeline import NameForm, normalise_name

_S2T = opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    table = resources.files("clearance.names").joinpath("hanja_readings.json").read_bytes()
    readings: dict[str, str] = json.loads(table)
    return readings


@lru_cache(maxsize=65536)
def read_in_korean(text: str) -> str | None:
    """The Korean reading of a Han name that may be a Korean person's (金正恩 → 김정은), or
    None: another length, a character without a Korean reading, or no Korean surname. Korean
    names in Chinese characters are written as one word; a name written in several (杨 阳 徐)
    is not read."""
    name = text.strip()
    if len(name) not in (3, 4) or not HAN_RE.fullmatch(name):
        return None
    traditional = str(_S2T.convert(name))
    if len(traditional) != len(name):
        return None
    table = _readings()
    syllables: list[str] = []
    for written, standard in zip(name, traditional, strict=True):
        reading = table.get(written) or table.get(standard)
        if reading is None:
            return None
        syllables.append(reading)
    hangul = "".join(syllables)
    # A surname and a given name of two syllables, as most Korean names are (most Chinese
    # names of two characters would otherwise be read as Korean names too); four characters
    # only with a surname of two (南宮, 皇甫).
    surname = next((s for s in COMMON_SURNAMES if hangul.startswith(s)), "")
    return hangul if surname and len(hangul) - len(surname) == 2 else None


def korean_reading(form: NameForm) -> NameForm | None:
    """The name read in Korean, as a name in Hangul (`reading_of` says what was written), or
    None where it cannot be a Korean person's name: a company's, one with a legal form or a
    company's word (技术, 集团), or one `read_in_korean` does not read."""
    if form.organisation is True or "Han" not in form.scripts or form.legal_forms:
        return None
    if has_han_generic_word(to_simplified(form.original)):
        return None
    hangul = read_in_korean(form.original)
    if hangul is None:
        return None
    reading = normalise_name(hangul, form.organisation)
    if not reading.tokens:
        return None
    return replace(reading, reading_of=form.original)
