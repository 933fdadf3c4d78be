"""Names written in one word or in several: Abdulrahman / Abdul Rahman, Alqahtani /
Al-Qahtani, Akhundzada / Akhund Zada, Nasruddin / Nasr al-Din.

Arabic and Persian names join a word to the article, to "servant of" or "father of" before
it, or to "son of", "religion" or "God" after it; Latin spellings write each part apart or
not, and the same person is listed both ways. Token by token, "Abdulrahman Ali Hassan" and
"ABDUL RAHMAN HASSAN" share only "hassan". Chinese and Korean given names of two syllables
are written hyphenated, apart or in one word alike (Tsai Ing-wen / Cai Yingwen).
`compound_variant` writes the joined form of a name (person names, or names of unknown kind),
which the screener compares beside the name as written, on both sides: whichever pairs better
decides.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clearance.names.acronyms import acronym_variants
from clearance.names.hanja import korean_reading
from clearance.names.pipeline import NameForm, initials_reading
from clearance.names.syllables import syllable_key
from clearance.names.vocabulary import person_token_weight, token_weight

# Words joined to the word after them: "servant of", "father of", "mother of".
PREFIXES: frozenset[str] = frozenset(
    {"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abu", "abou", "umm", "um"}
)
# The Arabic article as Latin spellings write it, assimilated or not (al-Rahman, ar-Rahman,
# ad-Din, ul-Haq).
ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ul", "ar", "ur", "ad", "ud", "ed", "as", "us", "an", "un", "at", "ash", "az"}
)
# Words joined to the word before them: "religion" (Nasruddin), "God" (Habibullah), "born of"
# (Akhundzada), "son of" in Persian (Rahimpour).
SUFFIXES: frozenset[str] = frozenset(
    {
        *("din", "aldin", "eldin", "uddin", "eddin", "addin", "udin", "edin"),
        *("allah", "ullah", "ollah", "ulla", "olla"),
        *("zada", "zadeh", "zade", "zadah", "pour", "poor"),
        # as the Arabic and Persian scripts spell them in Latin letters (الدين, الله, زاده)
        *("aldyn", "allh", "zadh"),
    }
)
# A word joined to the article has at least this many letters: "al" before a short word is
# more often another name part than an article (Al Bu, El Ma).
ARTICLE_WORD_MIN = 3


_HYPHENATED_RE = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def _hyphenated_syllables(original: str) -> set[tuple[str, str]]:
    """Pairs of Chinese or Korean syllables written with a hyphen: a given name (Ing-wen)."""
    return {
        (a, b)
        for a, b in _HYPHENATED_RE.findall(original.casefold())
        if syllable_key(a) is not None and syllable_key(b) is not None
    }


def _joined_parts(
    tokens: tuple[str, ...], syllables: set[tuple[str, str]]
) -> list[tuple[str, ...]]:
    """The tokens grouped as the compound spelling writes them."""
    groups: list[tuple[str, ...]] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if i + 1 < n and (token, tokens[i + 1]) in syllables:
            groups.append(tokens[i : i + 2])
            i += 2
        elif token in PREFIXES and i + 1 < n:
            end = i + 2 if tokens[i + 1] not in ARTICLES or i + 2 >= n else i + 3
            groups.append(tokens[i:end])
            i = end
        elif (
            token in ARTICLES
            and i + 1 < n
            and len(tokens[i + 1]) >= ARTICLE_WORD_MIN
            and tokens[i + 1] not in PREFIXES
        ):
            groups.append(tokens[i : i + 2])
            i += 2
        else:
            groups.append((token,))
            i += 1
    out: list[tuple[str, ...]] = []
    for group in groups:
        if out and "".join(group) in SUFFIXES:
            out[-1] = (*out[-1], *group)
        else:
            out.append(group)
    return out


def compound_variant(form: NameForm) -> NameForm | None:
    """The name with its compound parts joined, or None if it has none (or is a company's).

    A joined word weighs at most what its strongest part weighed: "Abdul Rahman" is no rarer
    for being written "Abdulrahman"."""
    if form.organisation or len(form.tokens) < 2:
        return None
    syllables = _hyphenated_syllables(form.original) if "-" in form.original else set()
    groups = _joined_parts(form.tokens, syllables)
    if len(groups) == len(form.tokens):
        return None
    weights = dict(zip(form.tokens, form.weights, strict=True))
    weigh = person_token_weight if form.organisation is False else token_weight
    tokens = tuple("".join(group) for group in groups)
    joined_weights = tuple(
        weights[group[0]]
        if len(group) == 1
        else min(weigh(token), max(weights[part] for part in group))
        for token, group in zip(tokens, groups, strict=True)
    )
    compounds = tuple(token for token, group in zip(tokens, groups, strict=True) if len(group) > 1)
    return replace(form, tokens=tokens, weights=joined_weights, symbols=(), compounds=compounds)


def with_compound_variants(forms: list[NameForm]) -> list[NameForm]:
    """The forms, each followed by its compound variant if it has one, by its reading with
    initials apart if it writes initials (`pipeline.initials_reading`), by its Korean reading
    if it may be a Korean person's name in Chinese characters (names/hanja.py), and by its
    acronyms if it is an organisation's name of four words or more (names/acronyms.py)."""
    out: list[NameForm] = []
    for form in forms:
        out.append(form)
        for variant in (compound_variant(form), initials_reading(form)):
            if variant is not None:
                out.append(variant)
        reading = korean_reading(form)
        if reading is not None:
            # With its own variants, as the name written in Hangul has them.
            out.extend(with_compound_variants([reading]))
        out.extend(acronym_variants(form))
    return out
