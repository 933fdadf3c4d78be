"""Tokens and their keys: the phonetic skeleton and the keys the index looks tokens up by."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.phonetics import metaphone

# Spelling variants that transliteration systems disagree on (Хуавэй → huavei / huawei,
# Mohammed / Muhammad, Yusuf / Yousef): rewritten to one form before comparison.
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    # ж and Persian ژ: Zhukov / Joukov, Pezhman / Pejman, Bizhan / Bijan.
    ("zh", "j"),
    ("kh", "h"),
    # Persian ق, written gh as Persian says it and q as Arabic does: Ghasem / Qasem
    # Soleimani, Ghods / Qods Force, Eghtesad / Eqtesad.
    ("gh", "q"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("w", "v"),
    ("y", "i"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("x", "ks"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")
# Vowels, the first one too: the letter ain, which a Latin spelling writes as a vowel (Abd,
# Aleem, Omar), transliterates as nothing (عبد → bd, علیم → lym).
_VOWELS_RE = re.compile(r"[aeiou]")
# A w after the first letter: Arabic and Persian write a long u or o with the letter waw,
# which transliterates as w (مظلوم → mzlwm, Mazloom). Not a v (Kalev), which no waw gives.
_INNER_W_RE = re.compile(r"(?<!^)w")


def _first_letter(match: re.Match[str]) -> str:
    # A function, not the template r"\1", which costs three times as much per call.
    return match.group(1)


# Russian ё after a consonant, written yo or e: Artyom / Artem, Fyodor / Fedor, Pyotr / Petr.
# Not at the start of a word, where "yo" is another sound (Yoshida, Yosef).
_YO_RE = re.compile(r"(?<=[bcdfgjklmnprstvz])yo")


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """A spelling-tolerant form: common transliteration variants merged, doubles collapsed."""
    token = _YO_RE.sub("e", token)
    for old, new in _SKELETON_RULES:
        token = token.replace(old, new)
    return _DOUBLE_RE.sub(_first_letter, token)


@lru_cache(maxsize=131072)
def undoubled(token: str) -> str:
    """Doubled letters collapsed, nothing else (Shaabi → shabi)."""
    return _DOUBLE_RE.sub(_first_letter, token)


@lru_cache(maxsize=131072)
def consonants(token: str) -> str:
    """The consonant skeleton, for names from scripts that do not write short vowels (Arabic).

    A first y is a consonant, as a first w is: Arabic and Hebrew write it (يوسف → ywsf,
    Yusuf); without it Yusuf, Asif and Sofia would be one skeleton, sf."""
    written = _VOWELS_RE.sub("", skeleton(_INNER_W_RE.sub("", token)))
    return "y" + written if token.startswith("y") else written


@lru_cache(maxsize=131072)
def token_keys(token: str) -> tuple[str, ...]:
    """Keys under which the index files a token: itself, its phonetic key and a prefix."""
    keys = [token]
    if len(token) >= 3:
        keys.append("p:" + metaphone(token))
        keys.append("s:" + skeleton(token))
    if len(token) >= 6:
        keys.append("b:" + token[:4])
        keys.append("e:" + token[-4:])
    return tuple(dict.fromkeys(keys))
