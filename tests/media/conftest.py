"""A media reader over a small gazetteer of real listed names, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearance.media.build import build_gazetteer, build_reader
from clearance.media.reader import MediaReader
from clearance.model import Entity, Listing, Schema

MEDIA_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "media"
SHARED_MEDIA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "media"


def _listed(entity_id: str, schema: Schema, names: list[str], citations: tuple[str, ...]) -> Entity:
    entity = Entity(id=entity_id, schema=schema, source="us_csl")
    entity.add("name", names[0])
    entity.add("alias", names[1:])
    entity.listings.append(
        Listing(list_id="us_bis_entity_list", source_list="Entity List", citations=citations)
    )
    return entity


# Excerpts of the public-domain CSL (Entity List rows for Huawei) and the SDN person whose
# name is closest to "Xiaomi", to prove that it is never forced onto the unlisted company.
LISTED = [
    _listed(
        "us_csl:huawei",
        Schema.COMPANY,
        ["Huawei Technologies Co., Ltd.", "Huawei"],
        ("84 FR 22961", "85 FR 29852"),
    ),
    _listed(
        "us_csl:huawei-device",
        Schema.COMPANY,
        ["Huawei Device Co., Ltd.", "Huawei Terminal"],
        ("84 FR 22961",),
    ),
    _listed("us_ofac_sdn:zhang", Schema.PERSON, ["ZHANG, Xiaoming"], ()),
    _listed("us_csl:golden", Schema.COMPANY, ["Golden Star Trading", "Golden"], ()),
]


@pytest.fixture(scope="session")
def reader() -> MediaReader:
    return build_reader(build_gazetteer(LISTED), None)
