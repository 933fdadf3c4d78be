"""Settings of the HTTP API, declared once with defaults, descriptions and environment variables.

They complement `clearance.settings.Settings` (store, thresholds) with what only a server needs:
input bounds, the anonymous-access switch and how often a worker looks for a new snapshot.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from clearance.errors import InputError
from clearance.settings import Setting

API_SETTINGS_DOC: tuple[Setting, ...] = (
    Setting("host", "CLEARANCE_API_HOST", "interface the server listens on"),
    Setting("anonymous", "CLEARANCE_API_ANONYMOUS", "anonymous read-only screening: auto|on|off"),
    Setting("max_body_bytes", "CLEARANCE_API_MAX_BODY", "largest accepted request body, bytes"),
    Setting("max_batch", "CLEARANCE_API_MAX_BATCH", "most queries in one /match or /screen call"),
    Setting("max_name_length", "CLEARANCE_API_MAX_NAME", "longest accepted name, characters"),
    Setting("max_limit", "CLEARANCE_API_MAX_LIMIT", "most results returned per query"),
    Setting("refresh_seconds", "CLEARANCE_API_REFRESH", "seconds between data-version checks"),
    Setting("auth_cache_seconds", "CLEARANCE_API_AUTH_CACHE", "seconds a verified key is trusted"),
    Setting("compute_threads", "CLEARANCE_API_THREADS", "threads per worker that match and audit"),
    Setting(
        "media_private_urls",
        "CLEARANCE_API_MEDIA_PRIVATE_URLS",
        "let POST /media/read fetch private and loopback addresses (true/false)",
    ),
)


class Anonymous(StrEnum):
    """`auto` allows anonymous screening only while the server listens on loopback."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


@dataclass(frozen=True)
class ApiSettings:
    host: str = "127.0.0.1"
    anonymous: Anonymous = Anonymous.OFF
    max_body_bytes: int = 1_000_000
    max_batch: int = 100
    max_name_length: int = 500
    max_limit: int = 500
    refresh_seconds: float = 5.0
    auth_cache_seconds: float = 5.0
    compute_threads: int = 4
    # Off: an API caller must not make the server probe its own network (see api/fetch.py).
    media_private_urls: bool = False

    @classmethod
    def from_env(cls, **overrides: Any) -> ApiSettings:
        env = os.environ
        values: dict[str, Any] = {}
        for setting in API_SETTINGS_DOC:
            raw = env.get(setting.env)
            if raw is not None and raw != "":
                values[setting.name] = _parse(setting, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "anonymous" not in values:
            values["anonymous"] = Anonymous.AUTO
        return cls(**values)

    @property
    def anonymous_allowed(self) -> bool:
        if self.anonymous is Anonymous.ON:
            return True
        if self.anonymous is Anonymous.OFF:
            return False
        return is_loopback(self.host)

    def anonymous_allowed_on(self, local_address: str | None) -> bool:
        """Whether a caller without a key, connected to `local_address` (this server's end of
        the connection; None for a Unix socket), may screen.

        `auto` also checks the connection, not only the configured host: a server started by
        hand (`uvicorn --host 0.0.0.0 … app_from_env`) may listen more widely than
        `CLEARANCE_API_HOST` says, and a caller from outside then arrives on a non-loopback
        address. A reverse proxy on the same machine makes every caller local: use `off`."""
        if self.anonymous is not Anonymous.AUTO:
            return self.anonymous_allowed
        return self.anonymous_allowed and (local_address is None or is_loopback(local_address))

    def to_env(self) -> dict[str, str]:
        """The environment that reproduces these settings in another process (a worker)."""
        by_name = {s.name: s.env for s in API_SETTINGS_DOC}
        return {by_name[f.name]: str(getattr(self, f.name)) for f in fields(self)}

    def describe(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}


def _parse(setting: Setting, raw: str) -> Any:
    kind = {f.name: f.type for f in fields(ApiSettings)}[setting.name]
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "Anonymous":
            return Anonymous(raw.strip().lower())
        if kind == "bool":
            return _parse_bool(raw)
        return raw
    except ValueError:
        raise InputError(
            f"cannot read {raw!r} as {kind}", file="environment", field=setting.env
        ) from None


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback  # a dual-stack socket's view of 127.0.0.1
    return address.is_loopback
