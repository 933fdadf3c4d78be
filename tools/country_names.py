"""Write src/clearance/names/country_names.json: the one-word names of countries in every
language rigour knows, as the name pipeline writes them, with their country codes.

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

from clearance.names import normalise_name

OUT = Path(__file__).parent.parent / "src/clearance/names/country_names.json"


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


if __name__ == "__main__":
    names = country_names()
    OUT.write_text(json.dumps(names, indent=0, sort_keys=True) + "\n")
    print(f"{len(names)} names of {len(set(names.values()))} countries -> {OUT}")
