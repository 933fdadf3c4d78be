"""Legal citations in article text: Federal Register, CFR, Official Journal, CELEX, court cases.

Each kind is one registered pattern and one normaliser, so a citation found in an article can be
compared with the citations of the policy data ("84 FR 23468" is the same as "84 Fed. Reg. 23468").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clearance.media.types import Citation


@dataclass(frozen=True)
class CitationPattern:
    kind: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str]], str]


_PARTY = r"[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|the|and|for|de))*"

PATTERNS: tuple[CitationPattern, ...] = (
    CitationPattern(
        "federal_register",
        re.compile(r"\b(\d{1,3})\s+(?:FR|Fed\.\s?Reg\.)\s+(\d{1,6})\b"),
        lambda m: f"{m.group(1)} FR {m.group(2)}",
    ),
    CitationPattern(
        "federal_register",
        re.compile(r"\bFR\s+Doc\.?\s+(?:No\.?\s+)?(\d{4}-\d{4,6})\b"),
        lambda m: f"FR Doc {m.group(1)}",
    ),
    CitationPattern(
        "cfr",
        re.compile(r"\b(\d{1,2})\s+C\.?F\.?R\.?\s+(?:(?:Part|§)\s*)?(\d+(?:\.\d+)?)"),
        lambda m: f"{m.group(1)} CFR {m.group(2)}",
    ),
    CitationPattern(
        "official_journal",
        re.compile(
            r"\bOJ\s+(L|C)\s+(\d{1,4}[A-Z]?)\s*,\s*(\d{1,2}\.\d{1,2}\.\d{4})(?:\s*,\s*p\.\s*(\d+))?"
        ),
        lambda m: (
            f"OJ {m.group(1)} {m.group(2)}, {m.group(3)}"
            + (f", p. {m.group(4)}" if m.group(4) else "")
        ),
    ),
    CitationPattern(
        "official_journal",
        re.compile(
            r"\b(?:Council\s+|Commission\s+)?(Regulation|Decision)\s+\((EU|EC|CFSP)\)\s+(?:No\s+)?(\d{1,4}/\d{2,4}|\d{4}/\d{1,4})"
        ),
        lambda m: f"{m.group(1)} ({m.group(2)}) {m.group(3)}",
    ),
    CitationPattern(
        "celex",
        re.compile(r"\b(3\d{4}[RDL]\d{4})\b"),
        lambda m: m.group(1),
    ),
    CitationPattern(
        "case",
        re.compile(rf"\b({_PARTY})\s+v\.?\s+({_PARTY})"),
        lambda m: f"{m.group(1)} v. {m.group(2)}",
    ),
    CitationPattern(
        "docket",
        re.compile(
            r"\bNo\.\s+(\d{1,2}:)?(\d{2}-(?:cv|cr|mc)-\d{2,6})(?:\s*\(([A-Z]{2,4})\))?", re.I
        ),
        lambda m: f"No. {m.group(2)}",
    ),
)


def find_citations(text: str) -> list[Citation]:
    """Every citation in `text`, once each, in order of first appearance."""
    found: list[tuple[int, Citation]] = []
    seen: set[tuple[str, str]] = set()
    for spec in PATTERNS:
        for match in spec.pattern.finditer(text):
            normalised = spec.normalise(match)
            if (spec.kind, normalised) in seen:
                continue
            seen.add((spec.kind, normalised))
            found.append((match.start(), Citation(spec.kind, match.group().strip(), normalised)))
    return [citation for _, citation in sorted(found, key=lambda item: item[0])]
