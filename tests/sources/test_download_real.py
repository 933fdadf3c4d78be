"""Downloads of the real lists from ../shared, served by a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clearance.errors import DownloadError
from clearance.sources.download import fetch, reader_input
from clearance.sources.registry import get_source
from clearance.store import Store
from clearance.store.bootstrap import load_sources
from support import RAW, shared_path

pytestmark = pytest.mark.shared

CONS = "ofac_consolidated/2025-12-19"
CONS_FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


class CuttingHandler(QuietHandler):
    """Announces the real length but sends only half the body, then hangs up."""

    def copyfile(self, source: object, outputfile: object) -> None:
        data = source.read()  # type: ignore[attr-defined]
        outputfile.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        self.close_connection = True


def _serve(handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    shared_path("un_sc/2026-02-27/consolidated.xml")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(RAW)))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(name="base")
def base_fixture() -> Iterator[str]:
    yield from _serve(QuietHandler)


@pytest.fixture(name="cutting_base")
def cutting_base_fixture() -> Iterator[str]:
    yield from _serve(CuttingHandler)


@pytest.fixture(autouse=True)
def _readers() -> None:
    load_sources()


def test_real_file_set_downloads_verifies_and_ingests(base: str, tmp_path: Path) -> None:
    spec = get_source("us_ofac_consolidated")
    urls = [f"{base}/{CONS}/{name}" for name in CONS_FILES]
    paths = fetch(spec, tmp_path / "dl", urls=urls, timeout=10)
    assert [p.name for p in paths] == list(CONS_FILES)
    for path in paths:
        assert path.read_bytes() == shared_path(f"{CONS}/{path.name}").read_bytes()
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    result = store.ingest(spec.name, reader_input(paths), origin=", ".join(urls))
    assert result.snapshot.entity_count == 442
    store.close()


def test_real_file_cut_in_half_is_refused(cutting_base: str, tmp_path: Path) -> None:
    url = f"{cutting_base}/un_sc/2026-02-27/consolidated.xml"
    with pytest.raises(DownloadError, match="truncated body") as info:
        fetch(get_source("un_sc"), tmp_path, urls=[url], timeout=10)
    assert url in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_wrong_file_for_the_source_is_refused(base: str, tmp_path: Path) -> None:
    url = f"{base}/us_bis_dpl/2022-09-07/dpl.txt"
    with pytest.raises(DownloadError, match="downloaded but not a valid"):
        fetch(get_source("un_sc"), tmp_path, urls=[url], timeout=10)
    assert list(tmp_path.iterdir()) == []
