"""The two real articles of ../shared/data/media give what their README says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clearance.media.extract import article_from_bytes
from clearance.media.reader import MediaReader
from clearance.media.types import Comparison, EventKind, PartyStatus, Reading

SHARED_MEDIA = Path(__file__).resolve().parents[3] / "shared" / "data" / "media"

pytestmark = pytest.mark.shared


def _shared(name: str, reader: MediaReader, published: date) -> Reading:
    path = SHARED_MEDIA / name
    if not path.exists():
        pytest.skip(f"needs the shared article {path} (../shared beside the checkout)")
    return reader.read(article_from_bytes(path.read_bytes(), name, published=published))


def test_huawei_ban_lifted_temporarily(reader: MediaReader) -> None:
    reading = _shared("000_9d038b8ba45bdc54.txt", reader, date(2019, 5, 21))
    assert "Connect with us" not in reading.article.text
    assert "tech enthusiast" not in reading.article.text
    huawei = reading.party("huawei")
    assert huawei is not None and huawei.status is PartyStatus.LISTED
    events = {e.kind: e for e in reading.events_for("huawei")}
    listing = events[EventKind.LISTING]
    assert listing.measure == "us_bis_entity_list"
    assert listing.start == date(2019, 5, 13)  # "last week"
    assert "presumption of denial" in listing.details
    assert listing.policy.status is Comparison.KNOWN
    licence = events[EventKind.LICENSE_GRANTED]
    assert licence.end == date(2019, 8, 19)
    assert {"maintain existing networks", "software updates to existing handsets"} <= set(
        licence.details
    )
    assert licence.policy.record_id == "huawei_tgl#window1"
    extension = events[EventKind.LICENSE_EXTENDED]
    assert "duration 90 days" in extension.details
    assert extension.confidence < licence.confidence  # "will discuss whether to extend"


def test_xiaomi_court_stops_the_investment_ban(reader: MediaReader) -> None:
    reading = _shared("003_60363836fb19ad9f.txt", reader, date(2021, 3, 13))
    assert "Leave a Reply" not in reading.article.text
    xiaomi = reading.party("xiaomi")
    assert xiaomi is not None and xiaomi.status is PartyStatus.CURATED
    assert xiaomi.curated_id == "clearance_policy:xiaomi-ccmc"
    assert all(e.entity_id != "us_ofac_sdn:zhang" for e in xiaomi.entities)
    events = {e.kind: e for e in reading.events_for("xiaomi")}
    court = events[EventKind.COURT_ORDER]
    assert "arbitrary and capricious" in court.details
    assert court.policy.record_id == "xiaomi_v_dod#preliminary_injunction"
    assert events[EventKind.INVESTMENT_BAN].measure == "us_dod_ccmc"
    huawei_events = {e.kind: e for e in reading.events_for("huawei")}
    assert huawei_events[EventKind.LISTING].policy.status is Comparison.KNOWN
    assert EventKind.INVESTMENT_BAN not in huawei_events
