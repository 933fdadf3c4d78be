"""Downloading a source from its official URLs, and proving that what arrived is whole.

A download is accepted only if every file came back with HTTP 200, a body as long as its
Content-Length says, not empty, matching its sha256 when one is known, and the set parses with
the source's own reader (the reader is the verifier). Anything else is a `DownloadError` that
says which URL and what went wrong, and nothing is left behind in `dest_dir`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from clearance.errors import ClearanceError, DownloadError
from clearance.sources.registry import SourceSpec

DEFAULT_TIMEOUT = 60.0
USER_AGENT = "clearance/0.1 (sanctions screening; python-httpx)"
CHUNK = 1 << 16


def url_env_var(source: str) -> str:
    return f"CLEARANCE_URL_{source.upper()}"


def source_urls(spec: SourceSpec, env: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The URLs to fetch: `CLEARANCE_URL_<SOURCE>` (comma-separated) if set, else the official."""
    override = (env if env is not None else os.environ).get(url_env_var(spec.name), "")
    urls = tuple(u.strip() for u in override.split(",") if u.strip())
    return urls or spec.urls


def fetch(
    spec: SourceSpec,
    dest_dir: Path,
    *,
    urls: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    sha256: Mapping[str, str] | None = None,
) -> list[Path]:
    """Download every file of `spec` into `dest_dir` and verify it; returns the files.

    `timeout` is the stall timeout: the longest wait for a connection or for the next bytes.
    `sha256` maps a URL to its expected hex digest, for publishers that announce one.
    """
    chosen = tuple(urls) if urls else source_urls(spec)
    if not chosen:
        raise DownloadError(
            f"source {spec.name!r} has no download URL; set {url_env_var(spec.name)}"
        )
    dest_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            for index, url in enumerate(chosen):
                target = dest_dir / _file_name(url, spec.name, index)
                paths.append(target)
                _download(client, url, target, (sha256 or {}).get(url), timeout)
        verify_parses(spec, paths, chosen)
    except BaseException:
        for path in paths:
            path.unlink(missing_ok=True)
        raise
    return paths


def reader_input(paths: Sequence[Path]) -> Path:
    """What the reader takes: the file itself, or the directory holding a multi-file set."""
    return paths[0] if len(paths) == 1 else paths[0].parent


def verify_parses(spec: SourceSpec, paths: Sequence[Path], urls: Sequence[str]) -> int:
    """Read the downloaded set with the source's reader; the number of entities it holds."""
    try:
        count = sum(1 for _ in spec.reader(reader_input(paths)))
    except ClearanceError as exc:
        raise DownloadError(
            f"{', '.join(urls)}: downloaded but not a valid {spec.title}: {exc.message}"
        ) from None
    if count == 0:
        raise DownloadError(f"{', '.join(urls)}: downloaded but holds no entities")
    return count


def _file_name(url: str, source: str, index: int) -> str:
    name = Path(urlsplit(url).path).name
    return name or f"{source}-{index}"


def _download(
    client: httpx.Client, url: str, target: Path, expected_sha: str | None, timeout: float
) -> None:
    digest = hashlib.sha256()
    size = 0
    partial = target.with_name(target.name + ".part")
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise DownloadError(
                    f"{url}: HTTP {response.status_code} {response.reason_phrase}; expected 200"
                )
            declared = response.headers.get("Content-Length")
            with partial.open("wb") as fh:
                for chunk in response.iter_bytes(CHUNK):
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            received = response.num_bytes_downloaded
    except httpx.TimeoutException:
        partial.unlink(missing_ok=True)
        raise DownloadError(
            f"{url}: stalled, no data for {timeout:g} s (raise CLEARANCE_DOWNLOAD_TIMEOUT "
            "if the server is just slow)"
        ) from None
    except httpx.RemoteProtocolError as exc:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: truncated body, the connection closed early ({exc})") from None
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url}: {type(exc).__name__}: {exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    try:
        _check_body(url, declared, received, size, digest.hexdigest(), expected_sha)
    except DownloadError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def _check_body(
    url: str,
    declared: str | None,
    received: int,
    size: int,
    actual_sha: str,
    expected_sha: str | None,
) -> None:
    # Content-Length counts the bytes on the wire (before any Content-Encoding is undone).
    if declared is not None and declared.isdigit() and int(declared) != received:
        raise DownloadError(
            f"{url}: truncated body, received {received} of {declared} bytes (Content-Length)"
        )
    if size == 0:
        raise DownloadError(f"{url}: the server sent an empty file")
    if expected_sha is not None and actual_sha != expected_sha.lower():
        raise DownloadError(f"{url}: sha256 is {actual_sha}, expected {expected_sha}")
