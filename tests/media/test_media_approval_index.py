"""A listing approved from the news reaches matching, decide and the media reader of a running
service at once: no manual rebuild, no restart.

Runs on the store bootstrapped from the bundled lists that tests/cli shares between
pytest-xdist workers (same folder, same lock); the media folder is this test's own.
"""

from __future__ import annotations

import fcntl
from datetime import date

import pytest

from clearance.api.runtime import Runtime
from clearance.match import Query
from clearance.media.build import media_drafts, service_reader
from clearance.media.extract import article_from_bytes
from clearance.media.types import EventKind, PartyStatus
from clearance.policy import Outcome
from clearance.service import Clearance
from clearance.settings import Settings

pytestmark = pytest.mark.slow

# A constructed article about an invented company: no list names it.
PARTY = "Zorblax Quantum Devices Co., Ltd."
TEXT = (
    f"The US Commerce Department added {PARTY} to the Entity List on March 3, 2021, "
    "citing national security."
).encode()
QUESTION = (PARTY, "export", date(2021, 6, 1), {"eccn": "EAR99"})


@pytest.fixture()
def service(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Clearance:
    root = tmp_path_factory.getbasetemp().parent / "clearance-decide"
    root.mkdir(exist_ok=True)
    monkeypatch.setenv("CLEARANCE_CACHE", str(root / "cache"))
    monkeypatch.setenv("CLEARANCE_MEDIA_DIR", str(tmp_path_factory.mktemp("media")))
    with (root / "bootstrap.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        service = Clearance(Settings.from_env(db=str(root / "clearance.sqlite")))
        assert len(service.screener) > 1000
    return service


def listed_as(service: Clearance) -> set[str]:
    matches = service.screener.match(Query(names=(PARTY,)), limit=3)
    return {m.entity.id for m in matches if m.is_match}


def test_approved_listing_reaches_the_running_service(service: Clearance) -> None:
    article = article_from_bytes(TEXT, "inline:zorblax", published=date(2021, 3, 4))
    reading = service_reader(service).read(article)
    media_drafts(service).keep(reading)
    party = next(p for p in reading.parties if p.name.startswith("Zorblax"))
    assert party.status is PartyStatus.UNLISTED
    listing = next(e for e in reading.events if e.kind is EventKind.LISTING)
    assert not listed_as(service)
    assert service.decide(*QUESTION).outcome is Outcome.CLEAR
    index_before = service.screener
    # An API worker's runtime, loaded before the approval.
    runtime = Runtime(service, refresh_seconds=3600)
    assert runtime.refresh() and not runtime.refresh()

    drafts = media_drafts(service)
    draft = drafts.accept(listing.id, "alice")
    drafts.approve(draft.id, "bob")

    # Same service object, no rebuild asked for: search and decide see the approved party.
    assert listed_as(service) == {f"clearance_policy:{draft.record['id']}"}
    assert service.screener is not index_before
    decision = service.decide(*QUESTION)
    assert decision.outcome is not Outcome.CLEAR
    cited = {c for reason in decision.reasons for c in reason.citations}
    assert any(c.startswith("news: ") for c in cited)
    # And the reader now knows the party.
    again = service_reader(service).read(article)
    known = next(p for p in again.parties if p.name.startswith("Zorblax"))
    assert known.status is PartyStatus.CURATED
    # The worker's next refresh serves /match and /search from the new index too.
    assert runtime.refresh()
    found = runtime.current().screener.match(Query(names=(PARTY,)), limit=3)
    assert f"clearance_policy:{draft.record['id']}" in {m.entity.id for m in found if m.is_match}
    assert not runtime.refresh()
    # An unchanged policy book keeps the index: no rebuild per call.
    assert service.screener is service.screener
