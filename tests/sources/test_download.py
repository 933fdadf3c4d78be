"""Downloads against a real HTTP server on loopback: good files, errors, stalls, truncation."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clearance.errors import DownloadError, InputError
from clearance.model import Entity, Schema
from clearance.sources.download import fetch, source_urls, url_env_var
from clearance.sources.registry import SourceSpec

GOOD = b"id,name\n1,HUAWEI TECHNOLOGIES CO. LTD.\n2,XIAOMI CORPORATION\n"


def read_names(path: Path) -> Iterator[Entity]:
    """A tiny two-column list format: enough to let the reader verify a download."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "id,name":
        raise InputError("expected the header 'id,name'", file=path, line=1)
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split(",")
        if len(parts) != 2:
            raise InputError("expected 2 fields", file=path, line=number)
        entity = Entity(id=f"names:{parts[0]}", schema=Schema.COMPANY, source="names")
        entity.add("name", parts[1])
        yield entity


SPEC = SourceSpec(name="names", title="test names CSV", reader=read_names)


class Handler(BaseHTTPRequestHandler):
    """Serves `server.files` by path, plus misbehaving endpoints."""

    server: ListServer

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            self.wfile.write(GOOD[:10])
            self.wfile.flush()
            self.server.release.wait(10)
            return
        if path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(GOOD) + 500))
            self.end_headers()
            self.wfile.write(GOOD)
            self.close_connection = True
            return
        if path == "/error":
            self.send_error(500, "Internal Server Error")
            return
        body = self.server.files.get(path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class ListServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.files: dict[str, bytes] = {}
        self.release = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def server() -> Iterator[ListServer]:
    instance = ListServer()
    thread = threading.Thread(target=instance.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield instance
    instance.release.set()
    instance.shutdown()
    instance.server_close()


def test_good_file_is_downloaded_and_verified(server: ListServer, tmp_path: Path) -> None:
    server.files["/names.csv"] = GOOD
    paths = fetch(SPEC, tmp_path, urls=[f"{server.base}/names.csv"])
    assert paths == [tmp_path / "names.csv"]
    assert paths[0].read_bytes() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names.csv"]


def test_sha256_is_checked_when_known(server: ListServer, tmp_path: Path) -> None:
    url = f"{server.base}/names.csv"
    server.files["/names.csv"] = GOOD
    fetch(SPEC, tmp_path, urls=[url], sha256={url: hashlib.sha256(GOOD).hexdigest()})
    with pytest.raises(DownloadError, match="sha256 is"):
        fetch(SPEC, tmp_path / "again", urls=[url], sha256={url: "0" * 64})
    assert list((tmp_path / "again").iterdir()) == []


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/error", "HTTP 500"),
        ("/missing.csv", "HTTP 404"),
        ("/truncated", "truncated body.*received 60 bytes, expected 560"),
        ("/empty.csv", "empty file"),
        ("/garbage.csv", "not a valid test names CSV.*line 1"),
        ("/header-only.csv", "holds no entities"),
    ],
)
def test_bad_downloads_fail_clearly_and_leave_nothing(
    server: ListServer, tmp_path: Path, path: str, message: str
) -> None:
    server.files["/empty.csv"] = b""
    server.files["/garbage.csv"] = b"<html>maintenance</html>\n"
    server.files["/header-only.csv"] = b"id,name\n"
    url = f"{server.base}{path}"
    with pytest.raises(DownloadError, match=message) as info:
        fetch(SPEC, tmp_path, urls=[url])
    assert url in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_stalled_server_times_out(server: ListServer, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(DownloadError, match=r"stalled, no data for 0\.5 s"):
        fetch(SPEC, tmp_path, urls=[f"{server.base}/stall"], timeout=0.5)
    assert time.monotonic() - started < 5
    assert list(tmp_path.iterdir()) == []


def test_one_bad_file_of_a_set_discards_the_set(server: ListServer, tmp_path: Path) -> None:
    server.files["/names.csv"] = GOOD
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetch(SPEC, tmp_path, urls=[f"{server.base}/names.csv", f"{server.base}/other.csv"])
    assert list(tmp_path.iterdir()) == []


def test_refused_connection_is_a_download_error(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="ConnectError"):
        fetch(SPEC, tmp_path, urls=["http://127.0.0.1:9/names.csv"], timeout=2)


def test_urls_come_from_the_environment_when_set() -> None:
    spec = SourceSpec(name="names", title="t", reader=read_names, urls=("https://official/x",))
    assert url_env_var("us_csl") == "CLEARANCE_URL_US_CSL"
    assert source_urls(spec, env={}) == ("https://official/x",)
    env = {"CLEARANCE_URL_NAMES": "http://a/1.csv, http://a/2.csv"}
    assert source_urls(spec, env=env) == ("http://a/1.csv", "http://a/2.csv")


def test_source_without_urls_says_how_to_set_one(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="CLEARANCE_URL_NAMES"):
        fetch(SPEC, tmp_path)
