"""What routes receive from the application: the service, the runtime and the settings.

They are coroutines on purpose: FastAPI runs a plain `def` dependency in a worker thread, a
hop per dependency per request that costs more than reading an attribute."""

from __future__ import annotations

from fastapi import Request

from clearance.api.config import ApiSettings
from clearance.api.runtime import Runtime
from clearance.api.work import Compute
from clearance.service import Clearance


async def service(request: Request) -> Clearance:
    value: Clearance = request.app.state.service
    return value


async def runtime(request: Request) -> Runtime:
    value: Runtime = request.app.state.runtime
    return value


async def api_settings(request: Request) -> ApiSettings:
    value: ApiSettings = request.app.state.api_settings
    return value


async def compute(request: Request) -> Compute:
    value: Compute = request.app.state.compute
    return value
