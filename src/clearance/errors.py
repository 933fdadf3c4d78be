"""The one exception tree of clearance.

    ClearanceError            root; never raised itself
    ├── InputError            the user's file, parameter or request is malformed
    │                         (exit 2, HTTP 400/422)
    ├── DataError             a list file or the store is inconsistent (exit 3, HTTP 500)
    ├── PolicyError           policy data is invalid or a decision cannot be made
    │                         (exit 2, HTTP 422)
    ├── NotFoundError         an entity, snapshot, source or case does not exist (exit 4, HTTP 404)
    ├── AccessError           a missing or wrong credential, or a role without the right
    │                         (HTTP 401/403)
    └── DownloadError         an official URL could not be fetched or verified (exit 5, HTTP 502)

Interfaces map this tree to exit codes and HTTP statuses in one place each
(`clearance.cli.errors` and `clearance.api.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ClearanceError(Exception):
    """Root of every error clearance raises on purpose."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Location:
    """Where in a user's input a problem is: file, line (1-based) and field."""

    file: str | None = None
    line: int | None = None
    field: str | None = None

    def describe(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)


class InputError(ClearanceError):
    """Malformed input: names the file, line and field, and what was expected."""

    exit_code = 2
    http_status = 400

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.location = Location(str(file) if file is not None else None, line, field)
        where = self.location.describe()
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class DataError(ClearanceError):
    """The store or a list's content is inconsistent."""

    exit_code = 3
    http_status = 500


class PolicyError(ClearanceError):
    """Invalid policy data, or an activity / fact the vocabulary does not know."""

    exit_code = 2
    http_status = 422


class NotFoundError(ClearanceError):
    exit_code = 4
    http_status = 404


class AccessError(ClearanceError):
    """401 when no valid credential was given, 403 when the role lacks the right."""

    exit_code = 6
    http_status = 401

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.http_status = 403 if forbidden else 401


class DownloadError(ClearanceError):
    exit_code = 5
    http_status = 502
