"""The official download locations of every source, kept in one place.

`SourceSpec.urls` points here; the downloader lets `CLEARANCE_URL_<SOURCE>` override them.
"""

from __future__ import annotations

_OFAC = "https://www.treasury.gov/ofac/downloads"

# The same list in the JSON shape the `us_csl` reader also accepts (by extension).
CSL_JSON_URL = (
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json"
)

OFFICIAL_URLS: dict[str, tuple[str, ...]] = {
    "us_ofac_sdn": (
        f"{_OFAC}/sdn.csv",
        f"{_OFAC}/add.csv",
        f"{_OFAC}/alt.csv",
        f"{_OFAC}/sdn_comments.csv",
    ),
    "us_ofac_consolidated": (
        f"{_OFAC}/consolidated/cons_prim.csv",
        f"{_OFAC}/consolidated/cons_add.csv",
        f"{_OFAC}/consolidated/cons_alt.csv",
        f"{_OFAC}/consolidated/cons_comments.csv",
    ),
    "us_csl": (
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    ),
    "us_bis_dpl": ("https://www.bis.doc.gov/dpl/dpl.txt",),
    "un_sc": ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
    "ftm": (),
}


def urls_for(source: str) -> tuple[str, ...]:
    return OFFICIAL_URLS.get(source, ())
