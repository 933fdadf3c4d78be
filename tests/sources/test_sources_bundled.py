"""The bundled copies: every one reads with its own reader, with the documented counts."""

from __future__ import annotations

from datetime import date

import pytest

from clearance.errors import NotFoundError
from clearance.sources import bundled_path, bundled_sources, get_source


@pytest.mark.parametrize(
    ("name", "count"),
    [("us_csl", 14048), ("us_ofac_sdn", 14965), ("us_ofac_consolidated", 442), ("un_sc", 1003)],
)
def test_bundled_copy_reads(name: str, count: int) -> None:
    spec = get_source(name)
    assert spec.data_date is not None and date.fromisoformat(spec.data_date)
    assert len(list(spec.reader(bundled_path(spec)))) == count


def test_bundled_sources_and_urls() -> None:
    names = {spec.name for spec in bundled_sources()}
    assert names == {"us_csl", "us_ofac_sdn", "us_ofac_consolidated", "un_sc"}
    assert get_source("us_ofac_sdn").urls[0] == "https://www.treasury.gov/ofac/downloads/sdn.csv"
    with pytest.raises(NotFoundError):
        bundled_path(get_source("ftm"))


def test_bundled_sdn_has_strong_aliases() -> None:
    spec = get_source("us_ofac_sdn")
    entities = {e.id: e for e in spec.reader(bundled_path(spec))}
    assert entities["us_ofac_sdn:306"].get("alias") == ["NATIONAL BANK OF CUBA"]
