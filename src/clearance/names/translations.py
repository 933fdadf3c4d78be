"""Generic words of company names and names of countries, in the languages lists write.

A bank's customer file writes "Banque Centrale de Syrie" where OFAC lists CENTRAL BANK OF
SYRIA; the EU writes "Société", Turkey "Şirketi" and Iran "Bonyad" for what English calls a
company or a foundation. Words with the same key here are one word in two languages. Only
generic words of organisation names are listed, and the one-word names of countries in
every language rigour knows (country_names.json, written by tools/country_names.py; from
four letters: "de", "sa", "al" are words, not Germany, Saudi Arabia, Albania). The screener
compares words this way only within company names (`match.names`), where a translated
generic word or country says as much as the English one.

Left out on purpose: one-letter words (y, e: initials too) and short words that are also
romanised syllables of Chinese and Korean company names (da, di, do, le, il).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import orjson

# English word: the same word in French, Spanish, Portuguese, Italian, German, Turkish and
# transliterated Russian and Persian, as the lists and company registers write them.
_TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "bank": ("banque", "banco", "banca", "bankasi", "banka"),
    "central": ("centrale", "zentrale"),
    "center": ("centre", "centro", "zentrum", "merkezi"),
    "national": ("nationale", "nacional", "nazionale", "nasional"),
    "international": ("internationale", "internacional", "internazionale"),
    "commercial": ("commerciale", "comercial"),
    "company": (
        "compagnie",
        "compania",
        "companhia",
        "compagnia",
        "kompaniya",
        "societe",
        "sociedad",
        "sociedade",
        "societa",
        "sirketi",
        "sherkat",
    ),
    "group": ("groupe", "grupo", "gruppo", "gruppa", "grup"),
    "industry": ("industrie", "industria", "sanayi", "sanaye"),
    "industries": ("industrias",),
    "industrial": ("industriel", "industrielle", "industriale"),
    "investment": ("investissement", "inversion"),
    "investments": ("investissements", "inversiones", "investimentos"),
    "development": ("developpement", "desarrollo", "desenvolvimento", "sviluppo"),
    "services": ("servicios", "servizi", "servicos"),
    "trade": ("ticaret", "comercio", "handel", "tejarat"),
    "culture": ("kultura", "cultura"),
    "security": ("securite", "seguridad", "sicurezza"),
    "petroleum": ("petrole", "petroleo", "petrolio"),
    "aviation": ("aviacion", "aviazione"),
    "engineering": ("ingenieria", "ingenierie"),
    "technology": ("tecnologia", "technologie", "teknoloji"),
    "research": ("recherche",),
    "institute": ("institut", "instituto", "istituto"),
    "university": ("universite", "universidad", "universidade", "universita", "universitet"),
    "ministry": ("ministere", "ministerio", "ministero", "ministerstvo"),
    "foundation": ("fondation", "fundacion", "fundacao", "fondazione", "bonyad"),
    "organization": ("organisation", "organizacion", "organizzazione"),
    "association": ("asociacion", "associacao", "associazione"),
    "insurance": ("assurance", "assurances", "seguros", "assicurazioni"),
    "of": ("de", "du", "des", "del", "dos"),
    "the": ("la", "les", "el", "los", "las"),
    "and": ("et", "und", "ve"),
}

_KEYS: dict[str, str] = {
    word: english for english, words in _TRANSLATIONS.items() for word in (english, *words)
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """One-word country names and their country codes (8,000 names: 2 ms to read)."""
    table = resources.files("clearance.names").joinpath("country_names.json").read_bytes()
    names: dict[str, str] = orjson.loads(table)
    return names


@lru_cache(maxsize=1)
def _country_phrases() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """Country names of several words (country_phrases.json, by tools/country_names.py)
    with the country's one-word English name; the words they start with; the longest."""
    table = resources.files("clearance.names").joinpath("country_phrases.json").read_bytes()
    raw: dict[str, str] = orjson.loads(table)
    phrases = {tuple(name.split(" ")): word for name, word in raw.items()}
    return phrases, frozenset(p[0] for p in phrases), max(map(len, phrases), default=0)


def with_country_words(tokens: list[str]) -> list[str]:
    """The tokens of a company name with each country named in several words written as
    the country's English name (Russian Federation, Fédération de Russie → russia; Islamic
    Republic of Iran → iran): one word, which `translation_key` knows in every language."""
    phrases, firsts, longest = _country_phrases()
    if firsts.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = None
        if tokens[i] in firsts:
            for end in range(min(len(tokens), i + longest), i + 1, -1):
                word = phrases.get(tuple(tokens[i:end]))
                if word is not None:
                    out.append(word)
                    i = end
                    break
        if word is None:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=131072)
def translation_key(token: str) -> str | None:
    """The same key for a generic company word and its translations, and for a country's
    names in any language (Syrie, Siria, Syria); None for every other token."""
    word = _KEYS.get(token)
    if word is not None:
        return word
    code = _country_names().get(token)
    return None if code is None else f"country:{code}"


def translated(a: str, b: str) -> bool:
    """Two different tokens that are one word in two languages, or one country."""
    if a == b:
        return False
    key = translation_key(a)
    return key is not None and key == translation_key(b)
