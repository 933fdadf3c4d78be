"""Korean and Chinese syllables written in two romanisations: one key for both spellings.

McCune-Reischauer (and the DPRK's own system, which the UN list uses) writes the plain stops
and affricate of Korean by their position, k/t/p/ch, Revised Romanization always as g/d/b/j:
김호진 is "Kim Ho-jin" or "Kim Ho Chin", 강 is Kang or Gang, 박 Pak or Bak. Wade-Giles writes
the unaspirated initials of Mandarin that pinyin spells g/d/b/zh/j as k/t/p/ch (Kuo / Guo,
Teng / Deng, Chang / Zhang), pinyin x as hs (Hsu / Xu) and pinyin z and c as ts or tz
(Tsai / Cai). Both Korean systems write some vowels apart as well: MR ŏ and ŭ (o and u once
the breves are dropped) are RR eo and eu (Chong / Jeong, Un / Eun); Wade-Giles -ien and -ih
are pinyin -ian and -i (Chien / Qian, Chih / Zhi).

Only whole single syllables count, with the finals both languages' name syllables end in
(none, n, ng, and the Korean k and p): "Tom" / "Dom", "Joe" / "Choe" or "Gil" / "Kil" end
otherwise and stay apart, as does anything longer than one syllable.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Syllable-initial consonants the systems spell apart, each mapped to one spelling.
_INITIAL_CLASSES = {
    "k": "k", "g": "k",
    "t": "t", "d": "t",
    "p": "p", "b": "p",
    "ch": "ch", "j": "ch", "zh": "ch", "q": "ch",
    "hs": "x", "x": "x",
    "ts": "ts", "tz": "ts", "z": "ts", "c": "ts",
}  # fmt: skip
# Initials spelled alike in all systems; a syllable that starts with one of them (or with a
# vowel) may still differ in its vowel (Myong / Myeong). Not l, which Korean does not start a
# syllable with: Leo / Lo stay apart. MR writes Korean s as sh before i (Shin / Sin).
_OTHER_INITIALS = ("h", "m", "n", "s", "sh", "r", "f", "w", "y")
# Rimes (after an optional y or w glide) of Korean or Mandarin name syllables.
_RIMES = (
    "a", "e", "i", "o", "u", "ae", "ai", "ao", "ei", "ou", "ui", "eo", "eu",
    "ia", "iao", "ie", "iu", "ua", "uo", "uai", "ue", "ih",
    "an", "en", "in", "un", "on", "eon", "eun", "ian", "ien", "uan",
    "ang", "eng", "ing", "ong", "ung", "eong", "eung", "iang", "iong", "iung", "uang",
    "ak", "ok", "uk", "ik", "eok", "euk", "aek", "ap", "op", "up", "ip", "eop", "eup",
)  # fmt: skip
_SYLLABLE_RE = re.compile(
    "^({})?([yw])?({})$".format(
        "|".join(sorted([*_INITIAL_CLASSES, *_OTHER_INITIALS], key=len, reverse=True)),
        "|".join(sorted(_RIMES, key=len, reverse=True)),
    )
)
# Vowels spelled apart: MR ŏ, ŭ / RR eo, eu; Wade-Giles -ien, -ih, -iung / pinyin -ian, -i, -iong.
_RIME_CLASSES = {"eo": "o", "eu": "u", "ien": "ian", "ih": "i", "iung": "iong"}
_VOWEL_RE = re.compile(r"eo|eu")


_SILENT_GLIDES = frozenset({("y", "i"), ("w", "u")})


def _first_vowel_kept(match: re.Match[str]) -> str:
    # eo → o, eu → u: the RR digraph of the vowel MR writes with one letter and a breve.
    return match.group(0)[1]


@lru_cache(maxsize=131072)
def syllable_key(token: str) -> str | None:
    """One spelling of a romanised Korean or Chinese syllable for all its romanisations, or
    None if the token is not one such syllable."""
    match = _SYLLABLE_RE.match(token)
    if match is None:
        return None
    initial, glide, rime = match.groups()
    if not glide and (initial, rime[0]) in _SILENT_GLIDES:
        # Pinyin writes y before i and w before u where no consonant starts the syllable
        # (yi, ying, wu); Wade-Giles and Korean often do not (Tsai Ing-wen, I / Yi).
        initial = None
    initial = _INITIAL_CLASSES.get(initial, initial) if initial else ""
    if initial == "sh" and not glide and rime.startswith("i"):
        initial = "s"
    rime = _RIME_CLASSES.get(rime) or _VOWEL_RE.sub(_first_vowel_kept, rime)
    return f"{initial}-{glide or ''}{rime}"


def syllable_variants(a: str, b: str) -> bool:
    """Whether two tokens are one Korean or Chinese syllable in two romanisations."""
    key = syllable_key(a)
    return key is not None and key == syllable_key(b)


# Syllables of Mandarin and Korean names are at most six letters (zhuang, hsiang, chiang),
# and a given name written in one word has two or three.
_LONGEST_SYLLABLE = 6
_MOST_SYLLABLES = 4


@lru_cache(maxsize=131072)
def syllable_readings(token: str) -> frozenset[tuple[str, ...]]:
    """Every way to read the token as romanised syllables, each by its key (`syllable_key`):
    Hsiaoming and Xiaoming are both ("x-iao", "m-ing"). Empty if the token is not made of
    such syllables."""
    readings: set[tuple[str, ...]] = set()

    def read(start: int, keys: tuple[str, ...]) -> None:
        if start == len(token):
            readings.add(keys)
            return
        if len(keys) == _MOST_SYLLABLES:
            return
        for end in range(start + 1, min(len(token), start + _LONGEST_SYLLABLE) + 1):
            key = syllable_key(token[start:end])
            if key is not None:
                read(end, (*keys, key))

    read(0, ())
    return frozenset(readings)
