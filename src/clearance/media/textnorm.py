"""Offset-keeping normalisation of article text, the same for gazetteer keys and for articles.

Latin letters are case-folded and stripped of accents, every run of other characters becomes one
space, Han characters are kept as they are (simplified), so that a key found in the normalised
text maps back to the exact span of the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from clearance.names.han import HAN_RE, to_simplified


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """The normalised form of one character: lowercase ASCII letters/digits, Han, or a space."""
    if HAN_RE.match(ch):
        return to_simplified(ch)[:1] or ch
    decomposed = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()
    if out:
        return out
    # Apostrophes join a word's parts (Huawei's → huaweis is wrong; keep "huawei s").
    return " "


@dataclass(frozen=True)
class NormalisedText:
    """Normalised text padded with one space each side, and the original offset of each char."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of normalised characters [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise_text(original: str) -> NormalisedText:
    chars: list[str] = [" "]
    offsets: list[int] = [0]
    for index, ch in enumerate(original):
        folded = _fold_char(ch)
        if folded == " ":
            if chars[-1] == " ":
                continue
            chars.append(" ")
            offsets.append(index)
            continue
        for part in folded:
            chars.append(part)
            offsets.append(index)
    if chars[-1] != " ":
        chars.append(" ")
        offsets.append(len(original))
    return NormalisedText("".join(chars), tuple(offsets))


def normalise_key(name: str) -> str:
    """A name as a gazetteer key: normalised, without the padding."""
    return normalise_text(name).text.strip()
