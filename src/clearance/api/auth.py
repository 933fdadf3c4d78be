"""Who is calling, and may they? API keys sent as `Authorization: ApiKey <key>` (as yente and the
OpenSanctions API expect; `Bearer` and `?api_key=` are accepted too).

401 for a missing or unknown key, 403 for a known key whose role is too low; neither says
anything about the data. Anonymous callers get the `screen` role only when the configuration
allows it (by default only while listening on loopback, and only on loopback connections).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from clearance.api.config import ApiSettings
from clearance.errors import AccessError
from clearance.store.accounts import Accounts, ApiKey, Role

SCHEMES = ("apikey", "bearer")


@dataclass(frozen=True)
class Principal:
    actor: str
    role: Role
    key_id: str | None = None


ANONYMOUS = Principal(actor="anonymous", role=Role.SCREEN)


class Authenticator:
    """Checks keys against the store, trusting a verified key for a few seconds.

    The cache keeps the database off the request path: a busy client's key is read once per
    `auth_cache_seconds`, and only a cache miss waits for the store (in a worker thread)."""

    def __init__(self, accounts: Callable[[], Accounts], settings: ApiSettings) -> None:
        self._accounts = accounts
        self.settings = settings
        self._cache: dict[str, tuple[ApiKey, float]] = {}
        self._lock = threading.Lock()

    async def identify(self, request: Request) -> Principal:
        presented = presented_key(request)
        if presented is None:
            server = request.scope.get("server")
            if self.settings.anonymous_allowed_on(server[0] if server else None):
                return ANONYMOUS
            raise AccessError(
                "an API key is required: send the header 'Authorization: ApiKey <key>'"
            )
        key = self._cached(presented)
        if key is None:
            key = await run_in_threadpool(self._verify, presented)
        if key is None:
            raise AccessError("the API key is not valid")
        return Principal(actor=f"key:{key.key_id}", role=key.role, key_id=key.key_id)

    def _cached(self, presented: str) -> ApiKey | None:
        with self._lock:
            cached = self._cache.get(presented)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        return None

    def _verify(self, presented: str) -> ApiKey | None:
        now = time.monotonic()
        key = self._accounts().authenticate(presented)
        if key is not None:
            with self._lock:
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[presented] = (key, now + self.settings.auth_cache_seconds)
        return key


def presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() in SCHEMES and value.strip():
            return value.strip()
        return header.strip()  # a malformed header is a wrong key, not a missing one
    return request.query_params.get("api_key") or None


def require(role: Role) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency: the caller, who must hold `role` or a higher one."""

    async def dependency(request: Request) -> Principal:
        authenticator: Authenticator = request.app.state.authenticator
        who = await authenticator.identify(request)
        if not who.role.allows(role):
            raise AccessError(f"this call needs the role {role.value!r}", forbidden=True)
        request.state.actor = who.actor
        return who

    dependency.__name__ = f"require_{role.value}"
    return dependency
