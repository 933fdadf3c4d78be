"""The one place where errors become HTTP responses, all of one shape: {"status", "detail"}.

yente answers errors as {"detail": "..."}; clearance adds the status so that a client reading
a body without its headers still knows what happened. No traceback and no data ever leaves
through an error: a 500 says only that the server failed and is logged in full on our side.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from clearance.errors import AccessError, ClearanceError

log = logging.getLogger("clearance.api")


class NotReadyError(ClearanceError):
    """The match index is still loading; the client should retry shortly."""

    http_status = 503


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"status": status, "detail": detail}, status_code=status, headers=headers)


def describe_validation(errors: Any) -> str:
    """Pydantic's error list as one sentence per problem: where, and what was expected."""
    parts: list[str] = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


async def _clearance_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClearanceError)
    status = exc.http_status
    if status >= 500 and not isinstance(exc, NotReadyError):
        log.error("request failed", exc_info=exc, extra={"path": request.url.path})
        return error_response(status, "internal error; the server log has the details")
    headers = {"WWW-Authenticate": "ApiKey"} if isinstance(exc, AccessError) else None
    if isinstance(exc, NotReadyError):
        headers = {"Retry-After": "5"}
    return error_response(status, exc.message, headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, describe_validation(exc.errors()))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=exc, extra={"path": request.url.path})
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClearanceError, _clearance_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
