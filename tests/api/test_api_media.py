"""POST /media/read, /media/drafts/{event_id}/accept and /media/drafts/{draft_id}/approve over
real HTTP: the JSON of `clearance media read --json`, roles, four eyes, bounded bodies, and an
approved record that /decide then cites."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from api_server import (  # type: ignore[import-not-found]
    Server,
    server_fixture,  # noqa: F401
    serving,
)

from clearance.api import create_app
from clearance.api.config import Anonymous, ApiSettings
from clearance.api.fetch import fetch_page
from clearance.errors import InputError
from clearance.store import Store
from clearance.store.accounts import Role
from support import FIXTURES

MEDIA = FIXTURES / "media"
ARTICLE = (MEDIA / "xiaomi_court.txt").read_bytes()
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>/item</link></item></channel></rss>"""


class Site:
    """A loopback web site: /article, /feed (linking /item), /go (redirects to `redirect_to`),
    recording every path asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.redirect_to = "/article"
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.paths.append(self.path)
                if self.path == "/go":
                    self.send_response(302)
                    self.send_header("Location", site.redirect_to)
                    self.end_headers()
                    return
                body = {"/article": ARTICLE, "/feed": FEED, "/item": ARTICLE}.get(self.path)
                self.send_response(200 if body else 404)
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(name="site")
def site_fixture() -> Iterator[Site]:
    site = Site()
    yield site
    site.httpd.shutdown()
    site.httpd.server_close()


@pytest.fixture(name="strict_url", scope="module")
def strict_url_fixture(server: Server) -> Iterator[str]:
    """The same service behind the default media setting: public addresses only."""
    api = ApiSettings(anonymous=Anonymous.OFF, auth_cache_seconds=0.0)
    assert api.media_private_urls is False
    with serving(create_app(service=server.service, api_settings=api)) as url:
        yield url


def _read(server: Server, body: dict[str, Any], role: Role = Role.ANALYST) -> Any:
    with server.client(role) as client:
        return client.post("/media/read", json=body)


def test_read_text_gives_parties_and_events(server: Server) -> None:
    text = (MEDIA / "xiaomi_court.txt").read_text(encoding="utf-8")
    resp = _read(server, {"text": text, "published": "2021-03-13", "source": "xiaomi.txt"})
    assert resp.status_code == 200, resp.text
    reading = resp.json()
    assert reading["article"]["source"] == "xiaomi.txt"
    court = next(e for e in reading["events"] if e["kind"] == "court_order")
    assert court["party"] == "xiaomi" and court["start"] == "2021-03-12"
    assert {"kind": "docket", "normalised": "No. 21-cv-280"}.items() <= next(
        c for c in reading["citations"] if c["kind"] == "docket"
    ).items()
    last = Store(server.db_url).audit_records()[-1]
    assert last.kind == "media_read"


def test_read_html_drops_the_site_furniture(server: Server) -> None:
    html = (MEDIA / "tgl_page.html").read_text(encoding="utf-8")
    resp = _read(server, {"html": html})
    assert resp.status_code == 200, resp.text
    reading = resp.json()
    assert reading["article"]["published"] == "2019-05-21"
    assert any(
        e["kind"] == "license_granted" and e["end"] == "2019-08-19" for e in reading["events"]
    )


def test_read_refuses_bad_bodies_and_roles(server: Server) -> None:
    assert _read(server, {"text": "Huawei.", "url": "http://x"}).status_code == 400
    assert _read(server, {"published": "2021-03-13"}).status_code == 400
    assert _read(server, {"url": "file:///etc/passwd"}).status_code == 400
    assert _read(server, {"text": "\x00\x01\x02"}).status_code == 400
    assert _read(server, {"text": "x" * 400_001}).status_code in (413, 422)
    assert _read(server, {"text": "Huawei was added."}, role=Role.SCREEN).status_code == 403
    with server.client(None) as client:
        assert client.post("/media/read", json={"text": "Huawei."}).status_code == 401


def test_url_that_fails_is_a_clear_error(server: Server) -> None:
    resp = _read(server, {"url": f"{server.url}/no-such-article"})
    assert resp.status_code == 400, resp.text
    assert "404" in resp.json()["detail"]


def test_accept_and_approve_with_four_eyes(server: Server) -> None:
    text = (MEDIA / "huawei_new_licence.txt").read_text(encoding="utf-8")
    reading = _read(server, {"text": text, "published": "2020-08-20", "source": "new-tgl"}).json()
    licence = next(e for e in reading["events"] if e["kind"] == "license_granted")
    question = {
        "party": "Huawei Technologies",
        "activity": "network_maintenance",
        "on": "2020-10-01",
        "facts": {"contract_date": "2019-01-10"},
    }
    with server.client(Role.SCREEN) as client:
        before = client.post("/decide", json=question).json()
    assert not any(r["rule"].startswith("news_") for r in before["reasons"])
    with server.client(Role.APPROVER) as approver, server.client(Role.ANALYST) as analyst:
        assert analyst.post("/media/drafts/ev_unknown/accept").status_code == 404
        accepted = approver.post(f"/media/drafts/{licence['id']}/accept", json={})
        assert accepted.status_code == 200, accepted.text
        draft = accepted.json()
        assert draft["status"] == "draft" and draft["record_family"] == "authorizations"
        assert analyst.post(f"/media/drafts/{draft['id']}/approve").status_code == 403
        same = approver.post(f"/media/drafts/{draft['id']}/approve")
        assert same.status_code == 400 and "another reviewer" in same.json()["detail"]
        assert approver.post("/media/drafts/..%2F..%2Fx/approve").status_code == 404
    with server.client(Role.ADMIN) as admin:
        approved = admin.post(f"/media/drafts/{draft['id']}/approve")
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    with server.client(Role.SCREEN) as client:
        after = client.post("/decide", json=question).json()
    news = [r for r in after["reasons"] if r["rule"].startswith(draft["record"]["id"])]
    assert news and news[0]["effect"] == "authorizes"
    assert any(c.startswith("news: ") and "new-tgl" in c for c in news[0]["citations"])


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/article",
        "http://localhost:9/article",
        "http://[::1]:9/article",
        "http://[::ffff:127.0.0.1]:9/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/article",
        "http://192.168.0.1/article",
        "http://0.0.0.0:9/article",
    ],
)
def test_private_addresses_are_refused_by_default(
    server: Server, strict_url: str, url: str
) -> None:
    headers = {"Authorization": f"ApiKey {server.keys[Role.ANALYST]}"}
    resp = httpx.post(f"{strict_url}/media/read", json={"url": url}, headers=headers, timeout=30)
    assert resp.status_code == 400, resp.text
    detail = resp.json()["detail"]
    assert detail.startswith("field 'url': ") and "private, loopback or reserved" in detail
    assert "CLEARANCE_API_MEDIA_PRIVATE_URLS" in detail


def test_only_http_urls_are_fetched(server: Server, strict_url: str) -> None:
    headers = {"Authorization": f"ApiKey {server.keys[Role.ANALYST]}"}
    for url in ("ftp://example.org/a.txt", "file:///etc/passwd", "gopher://example.org/"):
        resp = httpx.post(f"{strict_url}/media/read", json={"url": url}, headers=headers)
        assert resp.status_code == 400 and "http(s)" in resp.json()["detail"]


def test_each_redirect_hop_is_checked(site: Site) -> None:
    only_this_host = lambda address: str(address) == "127.0.0.1"  # noqa: E731
    assert fetch_page(f"{site.url}/go", timeout=10, permits=only_this_host) == ARTICLE
    site.redirect_to = f"http://127.0.0.2:{site.url.rsplit(':', 1)[1]}/article"
    with pytest.raises(InputError, match=r"127\.0\.0\.2 is a private"):
        fetch_page(f"{site.url}/go", timeout=10, permits=only_this_host)
    assert site.paths == ["/go", "/article", "/go"]


def test_url_of_a_feed_is_refused_without_following_its_links(server: Server, site: Site) -> None:
    resp = _read(server, {"url": f"{site.url}/feed"})
    assert resp.status_code == 400 and "feed" in resp.json()["detail"]
    assert site.paths == ["/feed"]
    article = _read(server, {"url": f"{site.url}/go", "published": "2021-03-13"})
    assert article.status_code == 200, article.text
    assert article.json()["article"]["source"] == f"{site.url}/go"
