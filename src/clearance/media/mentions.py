"""Parties the gazetteer cannot know: organisations and people on no list.

Rules, not a statistical model (no model weights can be fetched at run time):
- a capitalised phrase ending in a company word ("Xiaomi Corp.", "ZTE Corporation");
- a capitalised word that is rare in English and recurs ("Xiaomi" twice) — how the press names
  companies;
- a capitalised two- or three-word name after a role word or before "said" ("lawyer Kevin Wolf");
- a Han name ending in 公司 or 集团.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from clearance.media.distinctive import is_brand_token
from clearance.media.types import Mention

_CAP = r"[A-Z][\w&'’-]*\.?"
_ORG_SUFFIX = (
    r"(?:Corp(?:oration)?|Inc|Ltd|Limited|LLC|GmbH|AG|PLC|plc|Group|Holdings?|"
    r"Technologies|Co\.?,? Ltd|Company)\b\.?"
)
_ORG_RE = re.compile(rf"\b(?:{_CAP}\s+){{1,4}}{_ORG_SUFFIX}")
_BRAND_RE = re.compile(r"(?<![\w’'-])[A-Z][A-Za-z]{3,}(?![\w-])")
_ROLE = (
    r"(?:lawyer|attorney|judge|official|minister|secretary|president|spokes(?:man|woman|person)|"
    r"CEO|chief executive|founder|chairman|analyst|senator|Mr\.|Ms\.|Mrs\.|Dr\.|Judge|President)"
)
_PERSON = r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})"
_PERSON_RES = (
    re.compile(rf"\b{_ROLE}\s+{_PERSON}\b"),
    re.compile(rf"\bsaid\s+{_PERSON}\b"),
    re.compile(rf"\b{_PERSON}\s+said\b"),
)
# Function characters (的, 将, 及, …) end a Han name: 将华为及其附属公司 names no 将华为及其附属.
_HAN_ORG_RE = re.compile(
    r"[^\W\d_a-zA-Z的将及和其在了与是把被从对向于以等该]{2,8}?(?:有限公司|公司|集团)"
)
# Words for "the company", "its subsidiary", … that end in 公司 without naming anyone.
_HAN_GENERIC_ORGS = frozenset(
    {"附属", "子", "分", "母", "本", "关联", "科技", "上市", "美国", "中国"}
)
# A brand must recur: a rare capitalised word seen once is as likely a place or a typo.
MIN_BRAND_OCCURRENCES = 2

# Governments and their agencies act on parties; they are reported, never an event's target.
_AUTHORITY_RE = re.compile(
    r"\b(?:(?:US|U\.S\.|American|Chinese|[A-Z][a-z]+)\s+){0,3}"
    r"(?:Department|Ministry|Commission|Administration|Bureau|Agency|Government|Treasury|Pentagon|Council|Parliament)\b"
)
AUTHORITY = "heuristic-authority"
# "The US Commerce Department" and "Commerce Department" are one authority.
_AUTHORITY_LEAD = re.compile(r"^(?:The\s+)?(?:(?:US|U\.S\.|American)\s+)?")
_INSTITUTION_WORDS = re.compile(
    r"\b(?:Department|Ministry|Commission|Administration|Bureau|Agency|Government|Court|Council|House|Office)\b"
)

Finder = Callable[[str], list[Mention]]


def _authorities(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _AUTHORITY_RE.finditer(text):
        lead = _AUTHORITY_LEAD.match(m.group())
        start = m.start() + (lead.end() if lead else 0)
        name = text[start : m.end()]
        if " " in name:
            out.append(Mention(name, start, m.end(), AUTHORITY, (), True))
    return out


def _organisations(text: str) -> list[Mention]:
    return [
        Mention(m.group().rstrip(",").strip(), m.start(), m.end(), "heuristic-org", (), True)
        for m in _ORG_RE.finditer(text)
    ]


def _brands(text: str) -> list[Mention]:
    found = [m for m in _BRAND_RE.finditer(text) if is_brand_token(m.group().lower())]
    counts = Counter(m.group() for m in found)
    return [
        Mention(m.group(), m.start(), m.end(), "heuristic-brand", (), True)
        for m in found
        if counts[m.group()] >= MIN_BRAND_OCCURRENCES
    ]


def _people(text: str) -> list[Mention]:
    return [
        Mention(m.group(1), m.start(1), m.end(1), "heuristic-person", (), False)
        for pattern in _PERSON_RES
        for m in pattern.finditer(text)
        if not _INSTITUTION_WORDS.search(m.group(1))
    ]


def _han_organisations(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _HAN_ORG_RE.finditer(text):
        core = re.sub(r"(有限公司|公司|集团)$", "", m.group())
        if core not in _HAN_GENERIC_ORGS:
            out.append(Mention(m.group(), m.start(), m.end(), "heuristic-org", (), True))
    return out


FINDERS: dict[str, Finder] = {
    "authority": _authorities,
    "organisation": _organisations,
    "han_organisation": _han_organisations,
    "brand": _brands,
    "person": _people,
}


def heuristic_mentions(text: str, taken: list[Mention]) -> list[Mention]:
    """Mentions the rules find that overlap no gazetteer mention (nor each other)."""
    spans = [(m.start, m.end) for m in taken]
    out: list[Mention] = []
    for finder in FINDERS.values():
        for mention in finder(text):
            if any(mention.start < end and start < mention.end for start, end in spans):
                continue
            out.append(mention)
            spans.append((mention.start, mention.end))
    return sorted(out, key=lambda m: m.start)
