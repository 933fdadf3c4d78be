"""Reading articles: parties, their links, events, dates and the policy comparison."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clearance.media.extract import article_from_bytes
from clearance.media.reader import MediaReader
from clearance.media.types import Comparison, EventKind, PartyStatus, Reading

MEDIA_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _read(reader: MediaReader, name: str, published: date | None = None) -> Reading:
    path = MEDIA_FIXTURES / name
    return reader.read(article_from_bytes(path.read_bytes(), str(path), published=published))


def test_chinese_article_links_huawei_and_resolves_the_end_date(reader: MediaReader) -> None:
    reading = _read(reader, "huawei_zh.txt", date(2019, 5, 21))
    huawei = reading.party("huawei")
    assert huawei is not None and huawei.status is PartyStatus.LISTED
    assert "华为" in huawei.mentions
    assert {e.entity_id for e in huawei.entities} >= {"us_csl:huawei", "us_csl:huawei-device"}
    licence = next(e for e in reading.events_for("huawei") if e.kind is EventKind.LICENSE_GRANTED)
    assert licence.end == date(2019, 8, 19)
    assert "maintain existing networks" in licence.details
    assert licence.policy.status is Comparison.KNOWN
    assert licence.policy.record_id == "huawei_tgl#window1"
    listing = next(e for e in reading.events_for("huawei") if e.kind is EventKind.LISTING)
    assert listing.measure == "us_bis_entity_list"
    assert listing.start == date(2019, 5, 13)  # 上周: the week before publication


def test_chinese_unlisted_company_is_curated_not_forced(reader: MediaReader) -> None:
    reading = _read(reader, "huawei_zh.txt", date(2019, 5, 21))
    xiaomi = reading.party("xiaomi")
    assert xiaomi is not None and "小米" in xiaomi.mentions
    assert xiaomi.status is PartyStatus.CURATED
    assert all(e.entity_id != "us_ofac_sdn:zhang" for p in reading.parties for e in p.entities)


def test_html_page_loses_its_furniture_and_keeps_citations(reader: MediaReader) -> None:
    reading = _read(reader, "tgl_page.html")
    text = reading.article.text
    for furniture in ("Connect with us", "Leave a Reply", "Source link", "Related Articles"):
        assert furniture not in text
    assert reading.article.published == date(2019, 5, 21)
    assert {c.normalised for c in reading.citations} >= {"84 FR 23468", "84 FR 22961"}
    licence = next(e for e in reading.events_for("huawei") if e.kind is EventKind.LICENSE_GRANTED)
    assert licence.end == date(2019, 8, 19)
    listing = next(e for e in reading.events_for("huawei") if e.kind is EventKind.LISTING)
    assert listing.policy.status is Comparison.KNOWN


def test_contradicting_end_date_is_flagged(reader: MediaReader) -> None:
    text = b"Huawei was given a temporary general license that will end on September 30."
    article = article_from_bytes(text, "inline", published=date(2019, 5, 21))
    reading = reader.read(article)
    licence = next(e for e in reading.events if e.kind is EventKind.LICENSE_GRANTED)
    assert licence.end == date(2019, 9, 30)
    assert licence.policy.status is Comparison.CONTRADICTS
    assert "2019-08-19" in licence.policy.detail


def test_court_order_and_case_citation(reader: MediaReader) -> None:
    reading = _read(reader, "xiaomi_court.txt", date(2021, 3, 13))
    court = next(e for e in reading.events if e.kind is EventKind.COURT_ORDER)
    assert court.party == "xiaomi"
    assert court.start == date(2021, 3, 12)  # "on Friday" before a Saturday publication
    assert court.policy.status is Comparison.KNOWN
    kinds = {c.kind: c.normalised for c in reading.citations}
    assert kinds["case"] == "Xiaomi Corp. v. Department of Defense"
    assert kinds["docket"] == "No. 21-cv-280"
    xiaomi = reading.party("xiaomi")
    assert xiaomi is not None and xiaomi.status is PartyStatus.CURATED


def test_unrelated_article_yields_no_listing(reader: MediaReader) -> None:
    reading = _read(reader, "unrelated.txt", date(2020, 1, 1))
    assert all(p.status is PartyStatus.UNLISTED for p in reading.parties)
    assert not [e for e in reading.events if e.kind is EventKind.LISTING]


def test_court_stopping_a_designation_is_no_listing(reader: MediaReader) -> None:
    reading = _read(reader, "xiaomi_court.txt", date(2021, 3, 13))
    assert [e.kind for e in reading.events_for("xiaomi")] == [EventKind.COURT_ORDER]
    text = b"A judge found the Entity List designation of Huawei arbitrary and capricious."
    found = reader.read(article_from_bytes(text, "inline", published=date(2021, 3, 13)))
    assert {e.kind for e in found.events} == {EventKind.COURT_ORDER}
