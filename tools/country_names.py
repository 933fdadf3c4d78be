"""Write src/clearance/names/country_names.json: the one-word names of countries in every
language rigour knows, as the name pipeline writes them, with their country codes; and
country_phrases.json: their names of several words, with the country's one-word English name.

    .venv/bin/python tools/country_names.py

rigour builds this table in 1.6 s on first use, too long for a screening process that
starts in under two: the screener reads the written table instead (names/translations.py),
and tests/names/test_names_translations.py checks it against rigour's lookup.
"""

from __future__ import annotations

import json
from pathlib import Path

from rigour.territories import lookup_territory
from rigour.territories.lookup import _load_territory_names
from rigour.territories.util import normalize_territory_name

from clearance.names import normalise_name, translations

OUT = Path(__file__).parent.parent / "src/clearance/names/country_names.json"
PHRASES_OUT = OUT.with_name("country_phrases.json")
PHRASE_WORD_MIN = 5


def country_names() -> dict[str, str]:
    # The names of each country, not of its places: rigour's lookup also knows its cities
    # and regions (Accra, Aichi), which in a company name say where, not which country.
    names = sorted(
        {
            normalize_territory_name(name)
            for _, strong, weak, _places in _load_territory_names()
            for name in (*strong, *weak)
        }
    )
    out: dict[str, str] = {}
    for name in names:
        if " " in name or len(name) < 4 or not (name.isascii() and name.isalpha()):
            continue
        territory = lookup_territory(name)
        # Countries only: not regions, historical states, or "zz" (rigour's "global").
        if territory is None or len(territory.code) != 2 or territory.code == "zz":
            continue
        # As the pipeline writes a word of a company name: one token, itself.
        if normalise_name(name, True).tokens == (name,):
            out[name] = territory.code
    return out


def country_phrases() -> dict[str, str]:
    """Names of countries of several words (Russian Federation, Islamic Republic of Iran,
    Syrian Arab Republic), as the pipeline writes them in a company name, each with the
    country's English name where that is one word (russia, iran, syria): the pipeline writes
    them as that word. Countries without a one-word English name (United States, North
    Korea) are left out: their words are compared one by one."""
    out: dict[str, str] = {}
    for territory, strong, weak, _places in _load_territory_names():
        code = territory.code
        if len(code) != 2 or code == "zz":
            continue
        english = normalise_name(territory.name, True).tokens
        if len(english) != 1:
            continue
        for name in (*strong, *weak):
            # As the pipeline has the words when it looks for these names: before it drops
            # a company's repeated words (Republic of the Union of Myanmar).
            tokens = normalise_name(name, None).tokens
            # Not short runs of letters (a ly: Italy in some language's script), which
            # could be initials or syllables of a company's name.
            if len(tokens) > 1 and max(len(t) for t in tokens) >= PHRASE_WORD_MIN:
                for written in _uninverted(tokens):
                    out[" ".join(written)] = english[0]
    return out


# Words that end a name written inverted, as indexes write them: "Iran, Islamic Republic
# of", "Russie, Fédération de".
_TRAILING = frozenset({"of", "de", "du", "des", "del", "di", "da", "do"})


def _uninverted(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name, and if it ends with "of" (written inverted, its comma lost), the name
    with its head moved back behind it ("russie federation de" → "federation de russie");
    where the head ends is not known, so every split is written."""
    out = [tokens]
    if tokens[-1] in _TRAILING:
        out.extend(tokens[k:] + tokens[:k] for k in range(1, len(tokens) - 1))
    return out


if __name__ == "__main__":
    # The table is written from names as the pipeline writes them without it.
    translations._country_phrases = lambda: ({}, frozenset(), 0)
    names = country_names()
    OUT.write_text(json.dumps(names, indent=0, sort_keys=True) + "\n")
    print(f"{len(names)} names of {len(set(names.values()))} countries -> {OUT}")
    phrases = country_phrases()
    PHRASES_OUT.write_text(json.dumps(phrases, indent=0, sort_keys=True, ensure_ascii=False) + "\n")
    countries = len(set(phrases.values()))
    print(f"{len(phrases)} names of several words of {countries} countries -> {PHRASES_OUT}")
