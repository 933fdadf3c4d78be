"""Paragraphs and sentences of an article, with their offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and 。！？), unless the word before the dot is an abbreviation.
_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[A-Z“\"‘(\d])|(?<=[。！？；])")
_ABBREVIATIONS = frozenset(
    [
        "corp",
        "inc",
        "ltd",
        "co",
        "mr",
        "ms",
        "mrs",
        "dr",
        "no",
        "st",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
        "v",
        "vs",
    ]
)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    paragraph: int


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip(".").split()
    return bool(words) and (words[-1].lower().rstrip(".") in _ABBREVIATIONS or len(words[-1]) == 1)


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for number, block in enumerate(text.split("\n")):
        start = 0
        for match in _END.finditer(block):
            if _ends_with_abbreviation(block[start : match.start()]):
                continue
            _add(out, block[start : match.start()], offset + start, number)
            start = match.end()
        _add(out, block[start:], offset + start, number)
        offset += len(block) + 1
    return out


def _add(out: list[Sentence], chunk: str, start: int, paragraph: int) -> None:
    stripped = chunk.strip()
    if stripped:
        out.append(Sentence(stripped, start + chunk.index(stripped), paragraph))
