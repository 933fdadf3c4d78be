"""The query memo's rows filled for all candidate tokens at once equal those made one by one,
in every mode a name pair is compared in (person or company, skeletal or not, strict)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.names import QueryMemo
from clearance.names import normalise_name

WORDS = st.one_of(
    st.text(alphabet="abcdeghijkmnopqstuvwxyz", min_size=1, max_size=14),
    # Doubled letters: a brand transliterated with or without them (Sha'bi / Shaabi).
    st.text(alphabet="abs", min_size=1, max_size=4).map(lambda w: "".join(c * 3 for c in w)),
    st.sampled_from(["star", "stars", "metal", "metals", "trading", "jin", "chin", "kang"]),
)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
KINDS = st.sampled_from([False, True, None])
MODES = [
    (abjad, org, skeletal, strict)
    for abjad, org, skeletal, strict in itertools.product([False, True], repeat=4)
    if org or (skeletal and not strict)
]


def _memo(query: str, kind: bool | None) -> QueryMemo:
    return QueryMemo(normalise_name(query, kind))


def _rows_one_by_one(query: str, kind: bool | None, tokens: list[str]) -> dict[object, object]:
    memo = _memo(query, kind)
    return {(b, *mode): memo._row(b, *mode) for b in tokens for mode in MODES}


def _rows_at_once(query: str, kind: bool | None, tokens: list[str]) -> dict[object, object]:
    memo = _memo(query, kind)
    memo.prefill({mode: tokens for mode in MODES})
    return {(b, *mode): memo.row(b, *mode) for b in tokens for mode in MODES}


@settings(max_examples=300, deadline=None)
@given(NAMES, KINDS, st.lists(WORDS, min_size=1, max_size=30, unique=True))
def test_prefilled_rows_equal_rows_made_one_by_one(
    query: str, kind: bool | None, tokens: list[str]
) -> None:
    if not normalise_name(query, kind).tokens:
        return
    assert _rows_at_once(query, kind, tokens) == _rows_one_by_one(query, kind, tokens)


def test_prefill_finds_initials_variants_typos_and_doubled_letters() -> None:
    query = "mohammed abu x lakhal shaabi"
    tokens = ["muhammad", "abou", "xavier", "lakahl", "smith", "ali", "li", "shabi"]
    rows = _rows_at_once(query, False, tokens)
    assert rows == _rows_one_by_one(query, False, tokens)
    person = (False, False, True, False)
    assert all(rows[(b, *person)] for b in ["muhammad", "abou", "xavier", "lakahl", "shabi"])
    assert rows[("smith", *person)] == () and rows[("li", *person)] == ()
    # A brand written in Latin on both sides: no skeleton, but a doubled letter is no other
    # brand.
    assert rows[("shabi", False, True, False, True)]


def test_prefill_of_a_spelling_many_doubled_letters_apart() -> None:
    """Doubled letters may put a pair more edits apart than the cut-off of the distance
    matrices, written and by skeleton (booboobooboo / bobobobo: 4 and 4)."""
    query, tokens = "booboobooboo", ["bobobobo"]
    rows = _rows_at_once(query, True, tokens)
    assert rows == _rows_one_by_one(query, True, tokens)
    assert rows[("bobobobo", False, True, False, True)]


def test_prefill_in_an_abjad_finds_names_with_the_same_consonants() -> None:
    """A name from Arabic is compared by its consonants too (Mhmd / Mohammed): more edits
    apart than the cut-off of the distance matrices."""
    query, tokens = "mhmd alsayed", ["mahamadu", "muhammad", "sayyid"]
    rows = _rows_at_once(query, False, tokens)
    assert rows == _rows_one_by_one(query, False, tokens)
    assert rows[("mahamadu", True, False, True, False)]
    assert not rows[("mahamadu", False, False, True, False)]
