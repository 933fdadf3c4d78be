"""Inputs: bad files, folders, a real HTTP server on loopback, an RSS feed; drafts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clearance.errors import DownloadError, InputError, NotFoundError
from clearance.media.drafts import APPROVED, DraftBook
from clearance.media.inputs import read_articles
from clearance.media.reader import MediaReader
from clearance.media.types import EventKind

MEDIA_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "media"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(MEDIA_FIXTURES))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("empty.txt", "empty"), ("binary.bin", "binary"), ("missing.txt", "no such file")],
)
def test_bad_files_are_input_errors(name: str, expected: str) -> None:
    with pytest.raises(InputError, match=expected) as info:
        read_articles(str(MEDIA_FIXTURES / name))
    assert name in str(info.value)


def test_unknown_encoding_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(InputError):
        read_articles(str(path))


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("商务部宣布向华为发放临时通用许可，该许可将于8月19日到期。".encode("gb18030"))
    (article,) = read_articles(str(path))
    assert "华为" in article.text


def test_folder_reads_every_article() -> None:
    with pytest.raises(InputError):
        read_articles(str(MEDIA_FIXTURES))  # holds empty.txt: an error, never a silent skip


def test_url_and_feed_over_http(server: str, tmp_path: Path) -> None:
    (article,) = read_articles(f"{server}/tgl_page.html")
    assert article.published == date(2019, 5, 21)
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><link>{server}/xiaomi_court.txt</link>"
        "<pubDate>Sat, 13 Mar 2021 08:00:00 GMT</pubDate></item>"
        f"<item><link>{server}/huawei_zh.txt</link></item></channel></rss>",
        encoding="utf-8",
    )
    first, second = read_articles(str(feed))
    assert first.published == date(2021, 3, 13)
    assert "华为" in second.text


def test_failing_url_is_a_download_error(server: str) -> None:
    with pytest.raises(DownloadError, match="404"):
        read_articles(f"{server}/nothing-here.html")
    with pytest.raises(DownloadError):
        read_articles("http://127.0.0.1:9/closed", timeout=2)


def test_accept_then_approve_by_another_reviewer(reader: MediaReader, tmp_path: Path) -> None:
    # huawei_new_licence.txt is a constructed article: no such licence was granted in 2020.
    (article,) = read_articles(
        str(MEDIA_FIXTURES / "huawei_new_licence.txt"), published=date(2020, 8, 20)
    )
    reading = reader.read(article)
    book = DraftBook(tmp_path)
    book.keep(reading)
    licence = next(e for e in reading.events if e.kind is EventKind.LICENSE_GRANTED)
    draft = book.accept(licence.id, "alice")
    assert draft.record_family == "authorizations"
    assert draft.source["text"] == article.text
    assert draft.record["overrides"] == ["bis_entity_list"]
    assert draft.record["windows"][0]["from"] == "2020-08-17"  # "on Monday", before Thursday
    assert draft.record["paragraphs"][0]["activities"] == ["network_maintenance"]
    with pytest.raises(InputError, match="another reviewer"):
        book.approve(draft.id, "alice")
    assert not list(book.approved.glob("*.yaml"))
    path = book.approve(draft.id, "bob")
    assert book.get(draft.id).status == APPROVED
    assert "2020-12-31" in path.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="already approved"):
        book.approve(draft.id, "carol")
    with pytest.raises(NotFoundError):
        book.accept("ev_unknown", "alice")


def test_known_event_is_not_accepted_twice(reader: MediaReader, tmp_path: Path) -> None:
    (article,) = read_articles(
        str(MEDIA_FIXTURES / "xiaomi_court.txt"), published=date(2021, 3, 13)
    )
    reading = reader.read(article)
    book = DraftBook(tmp_path)
    book.keep(reading)
    court = next(e for e in reading.events if e.kind is EventKind.COURT_ORDER)
    with pytest.raises(InputError, match="xiaomi_v_dod"):
        book.accept(court.id, "alice")
