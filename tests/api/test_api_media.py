"""POST /media/read, /media/drafts/{event_id}/accept and /media/drafts/{draft_id}/approve over
real HTTP: the JSON of `clearance media read --json`, roles, four eyes, bounded bodies, and an
approved record that /decide then cites."""

from __future__ import annotations

from typing import Any

from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401

from clearance.store import Store
from clearance.store.accounts import Role
from support import FIXTURES

MEDIA = FIXTURES / "media"


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
