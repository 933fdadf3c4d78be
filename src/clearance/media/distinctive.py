"""Which names are distinctive enough to look for in running text.

A gazetteer of every listed name would find "General", "Golden Star" and "Li" in any article.
A key is kept only when some token is rare in ordinary English (wordfreq's Zipf scale: 3 is a
word seen about once per million words of text; "huawei" is 3.3, "golden" 4.7) and it is not a
generic company word or a common given name (clearance.names.vocabulary).
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from clearance.names.vocabulary import COMMON_GIVEN_NAMES, GENERIC_WORDS

# A single token at or above this frequency is an ordinary word, not a name ("apple": 4.8).
BRAND_MAX_ZIPF = 3.6
# In a phrase, one token below this frequency makes the phrase a name.
PHRASE_RARE_ZIPF = 4.2
MIN_BRAND_LENGTH = 4


@lru_cache(maxsize=200_000)
def word_frequency(token: str) -> float:
    return float(zipf_frequency(token, "en"))


def is_ordinary(token: str) -> bool:
    return token in GENERIC_WORDS or token in COMMON_GIVEN_NAMES or not token.isalpha()


def is_brand_token(token: str) -> bool:
    """A single token that names one party on its own (Huawei, Rosneft), not a word (Apple)."""
    return (
        len(token) >= MIN_BRAND_LENGTH
        and not is_ordinary(token)
        and word_frequency(token) < BRAND_MAX_ZIPF
    )


def is_distinctive_phrase(tokens: tuple[str, ...], person: bool) -> bool:
    """A multi-token name worth searching for: some token rare, not only given names."""
    if len(tokens) == 1:
        return not person and is_brand_token(tokens[0])
    if all(t in COMMON_GIVEN_NAMES or len(t) == 1 for t in tokens):
        return False
    rare = [t for t in tokens if not is_ordinary(t) and word_frequency(t) < PHRASE_RARE_ZIPF]
    if person:
        # A person needs a rare surname or given name: "John Smith" alone is not evidence.
        return bool(rare) and sum(len(t) > 1 for t in tokens) >= 2
    return bool(rare) or len(tokens) >= 3
