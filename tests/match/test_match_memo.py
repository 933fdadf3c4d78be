"""The query memo's rows filled for all candidate tokens at once equal those made one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.names import QueryMemo
from clearance.names import normalise_name

WORDS = st.text(alphabet="abcdehikmnoqsuvwxyz", min_size=1, max_size=14)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def _rows_one_by_one(query: str, tokens: list[str]) -> dict[str, object]:
    memo = QueryMemo(normalise_name(query, False))
    return {b: memo._row(b, False, False, True, False) for b in tokens}


def _rows_at_once(query: str, tokens: list[str]) -> dict[str, object]:
    memo = QueryMemo(normalise_name(query, False))
    assert memo.prefills
    memo.prefill(tokens)
    return {b: memo._rows[2][b] for b in tokens}


@settings(max_examples=300, deadline=None)
@given(NAMES, st.lists(WORDS, min_size=1, max_size=30, unique=True))
def test_prefilled_rows_equal_rows_made_one_by_one(query: str, tokens: list[str]) -> None:
    if not normalise_name(query, False).tokens:
        return
    assert _rows_at_once(query, tokens) == _rows_one_by_one(query, tokens)


def test_prefill_finds_initials_variants_and_typos() -> None:
    query = "mohammed abu x lakhal"
    tokens = ["muhammad", "abou", "xavier", "lakahl", "smith", "ali", "li"]
    rows = _rows_at_once(query, tokens)
    assert rows == _rows_one_by_one(query, tokens)
    assert rows["muhammad"] and rows["abou"] and rows["xavier"] and rows["lakahl"]
    assert rows["smith"] == () and rows["li"] == ()
