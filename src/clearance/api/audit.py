"""Every screening call leaves an audit record: who, the query, the top results, the data version.

Recording happens before the answer is sent; if the record cannot be written the call fails,
because an answer that the audit trail cannot show was never given.
"""

from __future__ import annotations

from typing import Any

from clearance.api.auth import Principal
from clearance.service import Clearance

TOP_RESULTS = 5


def record(
    service: Clearance, kind: str, who: Principal, data_version: str, payload: dict[str, Any]
) -> None:
    service.store.audit_append(kind, who.actor, {**payload, "index_data_version": data_version})


def top_results(results: list[Any]) -> list[dict[str, Any]]:
    """id, score and match flag of the first results, whatever response type holds them."""
    return [{"id": r.id, "score": r.score, "match": r.match} for r in results[:TOP_RESULTS]]


def top(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """id, score and match flag of the first results, from response documents."""
    return [
        {"id": d["id"], "score": d["score"], "match": d["match"]} for d in documents[:TOP_RESULTS]
    ]
