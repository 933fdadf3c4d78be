"""Schema-driven fuzzing of every endpoint from the served OpenAPI document: never a 5xx."""

from __future__ import annotations

import schemathesis
from api_server import Server, server_fixture  # type: ignore[import-not-found]  # noqa: F401
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from clearance.store.accounts import Role

EXAMPLES_PER_OPERATION = 30


def test_no_server_errors(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    headers = {"Authorization": f"ApiKey {server.keys[Role.ADMIN]}"}
    fuzzed: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # Fuzzing must not revoke the keys the rest of the suite uses.
        if operation.method.upper() == "DELETE":
            continue
        fuzzed.append(f"{operation.method.upper()} {operation.path}")

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def no_5xx(case: schemathesis.Case) -> None:
            response = case.call(base_url=server.url, headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            case.validate_response(response, checks=[not_a_server_error])

        no_5xx()
    assert {"POST /match/{dataset}", "GET /search/{dataset}", "POST /decide"} <= set(fuzzed)
