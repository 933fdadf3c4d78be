"""JSON responses serialised once, by orjson, from plain data.

The hot endpoints build their answers as plain dicts shaped exactly like their documented
response models (tests validate them against those models) and return them through
`json_response`: FastAPI then neither re-validates the answer nor walks it with
`jsonable_encoder`, which together cost more than the matching itself.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response

JSON_OPTIONS = orjson.OPT_NON_STR_KEYS


def json_response(
    data: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        content=orjson.dumps(data, option=JSON_OPTIONS),
        status_code=status_code,
        headers=headers,
        media_type="application/json",
    )
