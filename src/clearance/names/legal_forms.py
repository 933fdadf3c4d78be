"""Legal forms in any language: recognised, set aside and compared by their generic class.

rigour's org-type database (ISO 20275 entity legal forms, OCCRP, Wikipedia) covers the
country-specific forms (GmbH, Aktiengesellschaft, ООО, S.A. de C.V., Co., Ltd.). English
company words that it leaves in the name (Company, Corporation, Corp, Co) and the Han forms
(有限公司, 股份有限公司, …) are added here. A legal form never makes a match on its own:
"A-B-C Company" must not match every "… Company".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rigour.names.org_types import extract_org_types, replace_org_types_compare

# English words that end company names and say nothing about which company it is.
ENGLISH_COMPANY_WORDS: dict[str, str] = {
    "company": "company",
    "co": "company",
    "corporation": "company",
    "corp": "company",
    "incorporated": "company",
    "inc": "company",
    "limited": "llc",
    "ltd": "llc",
}

# Legal forms that are written glued to the name ("SiemensAG"); only unambiguous ones, since
# "sa" or "co" end many ordinary words (Costa, Rocco).
GLUED_SUFFIXES: dict[str, str] = {
    "ag": "jsc",
    "gmbh": "llc",
    "llc": "llc",
    "ltd": "llc",
    "inc": "company",
    "plc": "jsc",
    "jsc": "jsc",
    "corp": "company",
}


# Han legal forms, longest first so that 股份有限公司 wins over 有限公司 (simplified script;
# traditional text is converted with OpenCC before this table is used).
HAN_LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    ("股份有限公司", "jsc"),
    ("有限责任公司", "llc"),
    ("集团有限公司", "llc"),
    ("有限公司", "llc"),
    ("株式会社", "jsc"),
    ("公司", "company"),
)

_HAN_FORMS_RE = re.compile("|".join(re.escape(form) for form, _ in HAN_LEGAL_FORMS))
_HAN_CLASS = dict(HAN_LEGAL_FORMS)


@dataclass(frozen=True)
class LegalForm:
    """A legal form as written, and its generic class (`llc`, `jsc`, `company`, …)."""

    text: str
    generic: str


def extract_han_legal_forms(text: str) -> tuple[str, list[LegalForm]]:
    """Cut Han legal forms out of a (simplified) text before it is transliterated."""
    forms = [LegalForm(m.group(0), _HAN_CLASS[m.group(0)]) for m in _HAN_FORMS_RE.finditer(text)]
    return _HAN_FORMS_RE.sub(" ", text), forms


# Abbreviated legal forms that open or close company names everywhere and are nobody's brand.
# rigour also knows rarer ones that are the letters of many brands as well: STG (a German
# silent partnership) is the name in "STG GROUP", OPG in "OPG GLOBAL GENERAL TRADING".
COMMON_ABBREVIATED_FORMS: frozenset[str] = frozenset(
    {
        *ENGLISH_COMPANY_WORDS,
        *GLUED_SUFFIXES,
        *("ooo", "oao", "zao", "pao", "ao", "ojsc", "cjsc", "pjsc", "npo", "tov", "pat", "prat"),
        *("sa", "sarl", "srl", "spa", "sas", "bv", "nv", "kg", "ab", "as", "oy", "kft", "zrt"),
        *("doo", "sro", "fze", "fzco", "fzc", "fzllc", "llp", "lp", "pte", "pty", "bhd", "sdn"),
    }
)


def may_be_brand(text: str) -> bool:
    """Whether the letters taken for a legal form may be the name itself (STG, OPG, KB)."""
    return text.isalnum() and len(text) <= 4 and text not in COMMON_ABBREVIATED_FORMS


def extract_legal_forms(text: str, keep_brands: bool = False) -> tuple[str, list[LegalForm]]:
    """Cut the legal forms rigour knows out of a casefolded text, in any script; with
    `keep_brands`, not those whose letters may be the name (`may_be_brand`)."""
    found = extract_org_types(text)
    if not found:
        return text, []
    forms: list[LegalForm] = []
    for written, _compare in found:
        if keep_brands and may_be_brand(written):
            continue
        generic = replace_org_types_compare(written, generic=True).strip() or written
        # A dotted abbreviation is one word: "s.a" begins S.A.L. (société anonyme libanaise)
        # and S.A.S.U., which are forms of that class, but is no form inside M.A.G.
        pattern = rf"(?<!\w)(?<!\w\.){re.escape(written.rstrip('.'))}(?:\.\w(?!\w))*\.?(?!\w)"
        first = re.search(pattern, text)
        if first is not None:
            forms.append(LegalForm(first.group(0), generic))
            text = re.sub(pattern, " ", text)
    return text, forms


def strip_english_company_words(tokens: list[str]) -> tuple[list[str], list[LegalForm]]:
    """Drop trailing English company words, keeping at least one token of the name."""
    forms: list[LegalForm] = []
    while len(tokens) > 1 and tokens[-1] in ENGLISH_COMPANY_WORDS:
        word = tokens.pop()
        forms.insert(0, LegalForm(word, ENGLISH_COMPANY_WORDS[word]))
    return tokens, forms


# Every glued suffix, for one test of a token's ending before looking for which.
_GLUED = tuple(GLUED_SUFFIXES)


def split_glued_legal_form(tokens: list[str]) -> tuple[list[str], list[LegalForm]]:
    """Split a legal form glued to the last token of a company name: siemensag → siemens + ag."""
    if not tokens or not tokens[-1].endswith(_GLUED):
        return tokens, []
    last = tokens[-1]
    for suffix, generic in GLUED_SUFFIXES.items():
        if last.endswith(suffix) and len(last) - len(suffix) >= 4:
            return [*tokens[:-1], last[: -len(suffix)]], [LegalForm(suffix, generic)]
    return tokens, []
