"""How alike two tokens are, tolerant of typos and transliteration variants.

The number of edits tolerated grows with the length of the shorter token, so that short
tokens must match exactly (Li ≠ Lu) and "Xiaomi" stays apart from "Xiaoming". Distances
are optimal string alignment (Levenshtein plus adjacent transpositions, one edit each): a
swapped pair of letters is the commonest typo (Lakhal / Lakahl, Faiz / Afiz).
`token_similarity` is the fast routine; `reference_token_similarity` is the plain-Python
definition it is cross-checked against (tests/match/test_match_similarity.py).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from clearance.names.hangul import korean_key
from clearance.names.syllables import syllable_readings, syllable_variants
from clearance.names.tokens import consonants, skeleton, undoubled

INITIAL_SIMILARITY = 0.7
# Tokens this short are abbreviations or short names: equal or not alike at all, even by their
# phonetic skeleton (EQT ≠ EKT, BYD ≠ BID, Li ≠ Ly).
SHORT_TOKEN = 3
SKELETON_FACTOR = 0.95
CONSONANT_SIMILARITY = 0.85
# One Korean or Chinese syllable in two romanisations (Jin / Chin, Kang / Gang, Hsu / Xu: see
# clearance.names.syllables): a little below a skeleton variant, since a syllable of a name
# is short and one system's spelling of it is another syllable's in the other system (WG
# Kang is pinyin Gang or Kang). Leave-one-out UN aliases (bench/match_quality.py, set 3):
# first and above the threshold 37.0% -> 39.0%, CSL 47.6% -> 48.2%, false positives unchanged.
SYLLABLE_FACTOR = 0.9
# Words of company names compared without the skeleton (two Latin spellings of brands: Coty is
# not Koti, Mitek not Mitec) still share it from this length on: long words that differ only
# in how one sound is spelled are one word transliterated twice (Inttrafik / Inttraffic).
LONG_WORD = 8
# Such a long word with other vowels and the same consonants, within the edits its length
# allows, is one word transliterated twice as well (Hizbullah / Hezbollah, Ansarullah /
# Ansarallah): Arabic and Persian do not write short vowels, and each list supplies its own.
VOWEL_VARIANT_SIMILARITY = 0.85


# Sounds a name may start with in one language's spelling and another's: vowels and glides
# (Osama / Usama, Walid / Oualid), labials (Wladimir / Vladimir), velars (Hussein / Gusein,
# Qaddafi / Gaddafi), dentals, sibilants and affricates (Yusuf / Jusuf, Jilani / Gilani),
# liquids. Two tokens whose first letters fall in no class together start with other sounds.
_SOUND_CLASSES: tuple[str, ...] = ("aeiouyw", "bpfvw", "ckqgxh", "dt", "sczjyxg", "lr")
# What a first digraph may write: Thabit / Sabit, Dhakir / Zakir, Khaled / Chaled.
_DIGRAPH_SOUNDS: dict[str, str] = {
    "th": "ts",
    "dh": "dz",
    "dj": "dj",
    "dz": "dz",
    "ts": "tsz",
    "ph": "pf",
    "kh": "kh",
    "gh": "gk",
    "ch": "cksj",
    "sh": "s",
    "zh": "zj",
}


# A name and its other gender, one ending apart (Martin / Martina, Angelo / Angela, Eugenio /
# Eugenia): another given name, of another person, though one edit apart. Still a little
# alike, as a Russian surname is in its feminine form (Ivanov / Ivanova). Synthetic persons
# against the lists (bench/match_quality.py, set 2a).
GENDER_VARIANT_SIMILARITY = 0.6
GENDER_VARIANT_MIN = 4


def gender_variants(a: str, b: str) -> bool:
    """The tokens differ only in a final a added (Martin / Martina) or in a final a for an o
    (Angelo / Angela)."""
    if min(len(a), len(b)) < GENDER_VARIANT_MIN:
        return False
    if a + "a" == b or b + "a" == a:
        return True
    return len(a) == len(b) and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"a", "o"}


def _first_sounds(token: str) -> str:
    return _DIGRAPH_SOUNDS.get(token[:2], token[0])


def first_sounds_apart(a: str, b: str) -> bool:
    """The tokens start with another sound: the first letter substituted by one of no class
    of `_SOUND_CLASSES` with it (Tammy / Sammy, Gary / Larry, Mark / Park), which makes
    another name, not a typo or a transliteration. A first letter dropped, added or swapped
    with the second is a typo (Remadna / Emadna, Maghomed / Amghomed: the damaged UN names
    of bench/match_quality.py, set 1)."""
    if a[0] == b[0] or a[1:2] == b[:1] or b[1:2] == a[:1]:
        return False
    first_a, first_b = _first_sounds(a), _first_sounds(b)
    return not any(
        x in sounds and y in sounds for sounds in _SOUND_CLASSES for x in first_a for y in first_b
    )


def _short_similarity(a: str, b: str, abjad: bool, strict: bool, skeletal: bool) -> float:
    """Short tokens: no edits, but a transliteration variant of a short name part is still
    that part (Abou / Abu, Aly / Ali) if it starts alike (Ian ≠ Yan), as is a Korean or Chinese
    syllable in another romanisation (Jin / Chin, Pak / Bak); not for words of company names,
    whose short words are abbreviations (EQT ≠ EKT). The Persian and the Arabic spelling of ق
    are one letter even there, as in longer words (Ghom / Qom, Agha / Aqa)."""
    if persian_q(a) == persian_q(b):
        return SKELETON_FACTOR
    variant = skeletal and not strict and min(len(a), len(b)) == SHORT_TOKEN and a[0] == b[0]
    if variant and skeleton(a) == skeleton(b):
        return SKELETON_FACTOR
    if skeletal and not strict and syllable_variants(a, b):
        return SYLLABLE_FACTOR
    return CONSONANT_SIMILARITY if abjad and consonants(a) == consonants(b) else 0.0


def edits_allowed(length: int) -> int:
    """Edits tolerated between tokens whose shorter one has `length` characters."""
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    if length <= 10:
        return 2
    return 3


def _vowel_variants(a: str, b: str) -> bool:
    """Long words apart only in their vowels, within the edits of a name part (not the one
    fewer of a company word): within the reach of the screener's near-token filter."""
    shorter = min(len(a), len(b))
    if shorter < LONG_WORD or consonants(a) != consonants(b):
        return False
    allowed = edits_allowed(shorter)
    return OSA.distance(a, b, score_cutoff=allowed + 1) <= allowed


def _edit_similarity(a: str, b: str, distance: int, budget: int | None = None) -> float:
    """1 - distance / length, or 0 beyond the edit budget (by default, of these tokens)."""
    if budget is None:
        budget = edits_allowed(min(len(a), len(b)))
    if distance > budget:
        return 0.0
    return 1.0 - distance / max(len(a), len(b))


def persian_q(token: str) -> str:
    """The token with ق written as Arabic writes it, q, where Persian writes gh."""
    return token.replace("gh", "q")


def edit_budget(length: int, strict: bool) -> int:
    """Edits tolerated; one fewer between words of company names (`strict`), whose brands are
    written as registered, not transliterated, and whose near-spellings are other brands
    (Alumis / Alumix, Synlogic / Bimlogic: SEC issuers against the lists)."""
    allowed = edits_allowed(length)
    return max(0, allowed - 1) if strict else allowed


@lru_cache(maxsize=262144)
def token_similarity(
    a: str, b: str, abjad: bool = False, strict: bool = False, skeletal: bool = True
) -> float:
    """Similarity in [0, 1] of two normalised tokens. `skeletal` allows the transliteration
    skeleton; without it only edits count (brands written in Latin on both sides: Coty is
    not Koti)."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    if min(len(a), len(b)) <= SHORT_TOKEN:
        return _short_similarity(a, b, abjad, strict, skeletal)
    cutoff = edit_budget(min(len(a), len(b)), strict)
    # A distance is at least the difference in length: most pairs are apart without OSA.
    best = (
        _edit_similarity(a, b, OSA.distance(a, b, score_cutoff=cutoff + 1), cutoff)
        if abs(len(a) - len(b)) <= cutoff
        else 0.0
    )
    if best < 1.0 and skeletal:
        sa, sb = skeleton(a), skeleton(b)
        if sa == sb:
            best = max(best, SKELETON_FACTOR)
        elif abs(len(sa) - len(sb)) <= cutoff:
            # The budget comes from the written tokens: "x" → "ks" must not buy an extra edit.
            dist = OSA.distance(sa, sb, score_cutoff=cutoff + 1)
            best = max(best, SKELETON_FACTOR * _edit_similarity(sa, sb, dist, cutoff))
    elif best < 1.0 and (
        undoubled(a) == undoubled(b)
        or (min(len(a), len(b)) >= LONG_WORD and skeleton(a) == skeleton(b))
        or persian_q(a) == persian_q(b)
    ):
        # Even a brand may be transliterated with a doubled letter or not (Sha'bi / Shaabi),
        # or with the Persian or the Arabic spelling of ق (Eghtesad / Eqtesad), and a long
        # word with another spelling of one sound (Inttrafik / Inttraffic).
        best = SKELETON_FACTOR
    elif best < VOWEL_VARIANT_SIMILARITY and _vowel_variants(a, b):
        best = VOWEL_VARIANT_SIMILARITY
    if best and first_sounds_apart(a, b):
        best = 0.0
    elif best > GENDER_VARIANT_SIMILARITY and not abjad and gender_variants(a, b):
        best = GENDER_VARIANT_SIMILARITY
    if best < SYLLABLE_FACTOR and skeletal and not strict and syllable_variants(a, b):
        best = SYLLABLE_FACTOR
    if abjad and best < CONSONANT_SIMILARITY and consonants(a) == consonants(b):
        best = CONSONANT_SIMILARITY
    return best


@lru_cache(maxsize=131072)
def romanised_similarity(a: str, b: str, abjad: bool = False) -> float:
    """Two words of persons' names, one of which the pipeline romanised from Han (pinyin,
    exact): the same, an initial, or the same syllables in another romanisation (Wade-Giles
    Hsu / pinyin Xu, Hsiaoming / Xiaoming), as alike as `token_similarity` finds them. Other
    edits do not count: a letter more or less is another character (Lu / Luo, Ping / Pang,
    Jianjun / Jiangzhou). Names in Han script transcribing Western ones (阿泽里尼 /
    Azzellini) are paired by their Wikidata items instead. Never more alike than by
    `token_similarity`, which the screener's bounds are made of."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    if syllable_readings(a).isdisjoint(syllable_readings(b)):
        return 0.0
    return token_similarity(a, b)


def korean_reading_similarity(a: str, b: str, abjad: bool = False) -> float:
    """Two words of persons' names, one of which is a Korean reading of Chinese characters
    (names/hanja.py, exact): the same, or the same sounds in another
    romanisation (Gim / Kim, Jeong / Jong), as alike as `token_similarity` finds them. Other
    edits do not count: a letter more or less is another character (Song / Jong, U / Un),
    and a syllable of one letter is no initial (우 is U, not the initial of Un)."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1 or korean_key(a) != korean_key(b):
        return 0.0
    return token_similarity(a, b)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance: Levenshtein plus adjacent transpositions."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, rows[i - 2][j - 2] + 1)
            rows[i][j] = best
    return rows[-1][-1]


def reference_token_similarity(
    a: str, b: str, abjad: bool = False, strict: bool = False, skeletal: bool = True
) -> float:
    """The definition of `token_similarity` in plain Python, without cut-offs or caches."""
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    if min(len(a), len(b)) <= SHORT_TOKEN:
        return _short_similarity(a, b, abjad, strict, skeletal)
    budget = edit_budget(min(len(a), len(b)), strict)
    best = _edit_similarity(a, b, _osa(a, b), budget)
    if best < 1.0 and skeletal:
        sa, sb = skeleton(a), skeleton(b)
        alike = 1.0 if sa == sb else _edit_similarity(sa, sb, _osa(sa, sb), budget)
        best = max(best, SKELETON_FACTOR * alike)
    elif best < 1.0 and (
        undoubled(a) == undoubled(b)
        or (min(len(a), len(b)) >= LONG_WORD and skeleton(a) == skeleton(b))
        or persian_q(a) == persian_q(b)
    ):
        best = SKELETON_FACTOR
    elif (
        min(len(a), len(b)) >= LONG_WORD
        and consonants(a) == consonants(b)
        and _osa(a, b) <= edits_allowed(min(len(a), len(b)))
    ):
        best = max(best, VOWEL_VARIANT_SIMILARITY)
    if first_sounds_apart(a, b):
        best = 0.0
    elif best > GENDER_VARIANT_SIMILARITY and not abjad and gender_variants(a, b):
        best = GENDER_VARIANT_SIMILARITY
    if skeletal and not strict and syllable_variants(a, b):
        best = max(best, SYLLABLE_FACTOR)
    if abjad and best < CONSONANT_SIMILARITY and consonants(a) == consonants(b):
        best = CONSONANT_SIMILARITY
    return best
