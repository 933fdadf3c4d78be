"""The FastAPI application factory: `create_app(settings)`.

The app is a thin shell over `clearance.service.Clearance`: routes translate HTTP to service
calls; errors become responses in `clearance.api.errors`; the index and its hot swap live in
`clearance.api.runtime`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import clearance
from clearance.api.auth import Authenticator
from clearance.api.config import ApiSettings
from clearance.api.errors import install_error_handlers
from clearance.api.middleware import AccessLog, BodyLimit
from clearance.api.routers import ROUTERS
from clearance.api.runtime import Runtime
from clearance.api.work import Compute
from clearance.service import Clearance
from clearance.settings import Settings
from clearance.store.accounts import accounts_of

DESCRIPTION = """Sanctions and export-control screening with reasons.

`/match`, `/search`, `/entities`, `/catalog` and `/algorithms` answer as yente does, so that a
client written for yente or the OpenSanctions API works unchanged. `/decide`, `/timeline`,
`/sources` and `/screen` are clearance's own. Send the key as `Authorization: ApiKey <key>`."""


def create_app(
    settings: Settings | None = None,
    api_settings: ApiSettings | None = None,
    service: Clearance | None = None,
) -> FastAPI:
    service = service or Clearance(settings)
    api_settings = api_settings or ApiSettings.from_env()
    runtime = Runtime(service, api_settings.refresh_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.start()
        try:
            yield
        finally:
            runtime.stop()

    app = FastAPI(
        title="clearance",
        version=clearance.__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.runtime = runtime
    app.state.compute = Compute(api_settings.compute_threads)
    app.state.api_settings = api_settings
    app.state.authenticator = Authenticator(lambda: accounts_of(service.store), api_settings)
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=api_settings.max_body_bytes)
    app.add_middleware(AccessLog)
    return app


def app_from_env() -> FastAPI:
    """What `uvicorn --factory` calls in each worker: everything from the environment."""
    return create_app(Settings.from_env(), ApiSettings.from_env())
