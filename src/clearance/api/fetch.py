"""Fetching an article for `POST /media/read` without letting callers reach inside the network.

A URL from an API caller is fetched by the server, from inside its network: without care,
`http://169.254.169.254/…` or `http://localhost:5432/` would let any analyst probe internal
services (server-side request forgery). So only http(s) is fetched; every address the host
name resolves to must be public, unless `CLEARANCE_API_MEDIA_PRIVATE_URLS` allows private ones;
redirects are followed by hand, each hop checked the same way; and the address the connection
really reached is checked again before the body is read, so a name that resolves differently
the second time (DNS rebinding) gets no content back. A page is read up to a size bound, and a
feed is refused rather than followed (its links would be fetched unchecked).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from clearance.errors import InputError
from clearance.media.inputs import USER_AGENT, is_feed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress], bool]

MAX_REDIRECTS = 5
# Far above any article page, far below what would tie up a worker.
MAX_PAGE_BYTES = 5_000_000
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def public_only(address: IPAddress) -> bool:
    """Globally routable: not loopback, private, link-local (cloud metadata), shared, reserved."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def any_address(address: IPAddress) -> bool:
    return True


def fetch_page(url: str, *, timeout: float, permits: AddressCheck) -> bytes:
    """The body of `url`, following redirects; InputError (field `url`) saying why if refused."""
    with httpx.Client(
        timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _check_target(url, permits)
            try:
                with client.stream("GET", url) as response:
                    _check_peer(response, url, permits)
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        if not location:
                            raise _refused(f"{url}: HTTP {response.status_code} without a Location")
                        url = urljoin(url, location)
                        continue
                    if response.status_code != 200:
                        raise _refused(f"{url}: HTTP {response.status_code}; expected 200")
                    data = _read_bounded(response, url)
            except httpx.HTTPError as exc:
                raise _refused(f"{url}: could not fetch the article ({exc})") from None
            if is_feed(data):
                raise _refused("the URL is a feed; post its articles one by one")
            return data
    raise _refused(f"more than {MAX_REDIRECTS} redirects")


def _check_target(url: str, permits: AddressCheck) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise _refused(f"expected an http(s) URL, got {url!r}")
    host = parts.hostname
    if not host:
        raise _refused(f"no host in {url!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except ValueError:
        raise _refused(f"invalid port in {url!r}") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise _refused(f"cannot resolve the host {host!r} ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not permits(address):
            raise _refused(_private_message(host, address))


def _check_peer(response: httpx.Response, url: str, permits: AddressCheck) -> None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return  # the transport does not say; the resolved addresses were checked already
    address = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    if not permits(address):
        raise _refused(_private_message(urlsplit(url).hostname or url, address))


def _read_bounded(response: httpx.Response, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise _refused(f"{url}: the page is larger than {MAX_PAGE_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _private_message(host: str, address: IPAddress) -> str:
    where = host if host.strip("[]") == str(address) else f"{host} (at {address})"
    return (
        f"{where} is a private, loopback or reserved address; the server does not fetch "
        "those (set CLEARANCE_API_MEDIA_PRIVATE_URLS=true to allow them)"
    )


def _refused(message: str) -> InputError:
    return InputError(message, field="url")
