"""The HTTP protocol the server speaks: uvicorn's, with Nagle's algorithm off on every connection.

asyncio turns TCP_NODELAY on only for sockets it recognises as TCP; a listening socket handed
to `uvicorn --workers N` processes arrives without its protocol number, so accepted
connections kept Nagle on. A response written as headers then body then waited for the
client's delayed ACK: a flat ~40 ms on every request with two workers and more.
"""

from __future__ import annotations

import asyncio
import socket

try:  # the C parser when installed (uvicorn's own preference), else the pure-Python one
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as BaseProtocol
except ImportError:  # pragma: no cover
    from uvicorn.protocols.http.h11_impl import H11Protocol as BaseProtocol  # type: ignore[assignment]


class NoDelayProtocol(BaseProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
