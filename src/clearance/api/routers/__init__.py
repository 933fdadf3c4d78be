"""The API's routers, one module per area; `ROUTERS` is what the app includes."""

from __future__ import annotations

from clearance.api.routers import decide, entities, keys, match, media, meta, screen

ROUTERS = (
    meta.router,
    match.router,
    entities.router,
    screen.router,
    decide.router,
    keys.router,
    media.router,
)
