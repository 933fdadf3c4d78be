"""Bounds of a query's candidates, computed over arrays (match/token_table.py).

The same bounds as `bounds.NameBound` for queries without name items, from the same rows:
for each candidate token, the best contribution its similarity row allows; summed per name,
capped as `NameBound._bound` caps, and the best name per entity. Only the few candidate
tokens near a query token (`near_tokens`) are compared one by one, in Python; the rows of all
the others are empty, and filled into the query's memo at once, so that the detailed scoring
finds every row it asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from clearance.match import _compiled as kernel
from clearance.match.names import (
    ALIGN_MIN,
    COMMON_ONLY_CAP,
    GENERIC_ONLY_CAP,
    JOINED_FACTOR,
    MAX_EDITS,
    ONE_PART_PERSON_FACTOR,
    ONE_WORD_ORGANISATION_FACTOR,
    SYLLABIC_SCRIPTS,
    SYLLABLE_LEFT_FACTOR,
    WHOLE_NAME_MIN,
    QueryMemo,
    joined_similarity,
    particles,
)
from clearance.match.scoring import WEAK_ALIAS_FACTOR, CandidateName
from clearance.match.similarity import SHORT_TOKEN, edits_allowed
from clearance.match.token_table import NameArrays, TokenTable
from clearance.names import NameForm
from clearance.names.syllables import syllable_key
from clearance.names.symbols import LATIN
from clearance.names.tokens import consonants, skeleton, undoubled
from clearance.names.translations import translation_key
from clearance.names.vocabulary import GENERIC_WEIGHT

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

# Comparison modes, as QueryMemo numbers its tables (abjad 8, organisation 4, skeletal 2,
# strict 1).
_MODES = 16


# What a name counts, by whether it is a weak alias.
_ALIAS_FACTORS = np.asarray([1.0, WEAK_ALIAS_FACTOR], dtype=np.float64)

# The edits `similarity.edits_allowed` tolerates, by the length of the shorter token.
_EDITS_BY_LENGTH = np.asarray([edits_allowed(length) for length in range(12)], dtype=np.int32)


@lru_cache(maxsize=131072)
def _comparison_keys(token: str) -> tuple[str, str, str | None, str | None, str]:
    """A query token's skeleton, then the keys `near_tokens` compares: undoubled, syllable,
    translation, consonants (the last in an abjad only)."""
    return (
        skeleton(token),
        undoubled(token),
        syllable_key(token),
        translation_key(token),
        consonants(token),
    )


def _query_keys(keys: Sequence[str | None], key_ids: dict[str, int]) -> list[int]:
    """The ids of the query tokens' keys (a token without one, -2, or with one no listed
    token has, -3, is like no candidate token)."""
    return [-2 if k is None else key_ids.get(k, -3) for k in keys]


def near_tokens(
    query: Sequence[str], table: TokenTable, tokens: CandidateTokens, abjad: bool
) -> tuple[BoolArray, BoolArray]:
    """Which query tokens (rows) each distinct candidate token (columns) may be
    similar to at all, by the rules of `similarity.token_similarity`: within the edits its
    length allows, written or by skeleton; short and starting alike (an initial, a short
    variant); the same letters undoubled, the same syllable in another romanisation, a word
    and its translation, or (in an abjad) the same consonants. Every other pair is 0 in every
    comparison mode. And per column, whether any query token is near it."""
    keyed = [
        (table.undoubled_ids, table.undoubled),
        (table.syllable_ids, table.syllables),
        (table.translation_ids, table.translations),
    ]
    if abjad:
        keyed.append((table.consonant_ids, table.consonants))
    # Per kind, the query tokens' keys: skeletons, then the keys in the order of `keyed`
    # (whose consonants, outside an abjad, are left out).
    query_keys = list(zip(*[_comparison_keys(a) for a in query], strict=True))
    distances = process.cdist(
        query, tokens.strings, scorer=OSA.distance, score_cutoff=MAX_EDITS, dtype=np.int32
    )
    skeleton_distances = process.cdist(
        query_keys[0],
        tokens.skeletons,
        scorer=OSA.distance,
        score_cutoff=MAX_EDITS,
        dtype=np.int32,
    )
    return kernel.near_pairs(
        distances,
        skeleton_distances,
        np.asarray([len(a) for a in query], np.int32),
        np.asarray([ord(a[0]) for a in query], np.int32),
        np.asarray(
            [_query_keys(keys, ids) for keys, (ids, _) in zip(query_keys[1:], keyed, strict=False)],
            np.int32,
        ),
        tokens.ids,
        table.lengths,
        table.firsts,
        [keys for _, keys in keyed],
        _EDITS_BY_LENGTH,
        SHORT_TOKEN,
    )


class CandidateTokens:
    """The tokens of a query's candidate names, gathered from the index arrays once for all
    the query's names."""

    __slots__ = (
        "abjad",
        "by_occurrence",
        "counts",
        "distinctive",
        "factors",
        "ids",
        "joined_lengths",
        "latin",
        "names",
        "offsets",
        "organisation",
        "particles",
        "skeletons",
        "strings",
        "syllabic",
        "total_weights",
        "weights",
    )

    def __init__(self, arrays: NameArrays, table: TokenTable, names: IntArray) -> None:
        self.names = names
        (
            self.counts,
            self.offsets,
            self.weights,
            self.distinctive,
            self.particles,
            self.by_occurrence,
            self.ids,
            self.strings,
            self.skeletons,
        ) = kernel.gather_tokens(
            names,
            arrays.starts,
            arrays.counts,
            arrays.token_ids,
            arrays.weights,
            table.particles.view(np.uint8),
            table.scratch,
            GENERIC_WEIGHT,
            table.tokens,
            table.skeletons,
        )
        self.organisation = arrays.organisation.view(np.uint8)[names]
        self.latin = arrays.latin.view(np.uint8)[names]
        self.abjad = arrays.abjad.view(np.uint8)[names]
        self.syllabic = arrays.syllabic.view(np.uint8)[names]
        self.total_weights = arrays.total_weights[names]
        self.joined_lengths = arrays.joined_lengths[names]
        # As `rank_candidate` counts a weak alias (× 1.0 is exact).
        self.factors = _ALIAS_FACTORS[arrays.weak.view(np.uint8)[names]]


def name_bounds(
    memo: QueryMemo,
    arrays: NameArrays,
    table: TokenTable,
    tokens: CandidateTokens,
    forms: list[CandidateName | None],
    unpack: Callable[[int], CandidateName],
) -> FloatArray:
    """Per candidate name, at least the score `names.name_score_parts` gives it against the
    memo's query name (which has no name items), weak aliases counted as `rank_candidate`
    counts them. Fills the memo's rows of every candidate token in its mode."""
    q = memo.query
    n = len(q.tokens)
    width = len(tokens.ids)
    counts = tokens.counts
    # A (mode, token) pair is one number: the rows and reaches are tables as wide as that.
    occurrence_keys, keys, org = kernel.occurrence_keys(
        counts,
        tokens.organisation,
        tokens.latin,
        tokens.abjad,
        tokens.distinctive,
        tokens.by_occurrence,
        width,
        bool(q.organisation),
        q.scripts <= LATIN,
        q.abjad,
    )
    near, near_any = near_tokens(q.tokens, table, tokens, q.abjad or bool(tokens.abjad.any()))
    # The rows of every candidate token in its mode, into the memo (empty where no query
    # token is near), and what each may contribute.
    reach = np.zeros((3, _MODES * width), dtype=np.float64)
    kernel.fill_rows(
        keys,
        width,
        near.view(np.uint8),
        near_any.view(np.uint8),
        tokens.strings,
        memo.tables,
        memo.person_similarity,
        memo.similarity,
        q.tokens,
        q.weights,
        ALIGN_MIN,
        reach,
    )
    joined = np.zeros(len(counts), dtype=np.float64)
    maybe_joined = kernel.maybe_joined(tokens.joined_lengths, counts, len(q.joined), n)
    if maybe_joined:
        _joined_near(q, arrays, tokens, maybe_joined, forms, unpack, joined)
    bounds: FloatArray = kernel.name_bounds(
        occurrence_keys,
        reach,
        tokens.weights,
        tokens.particles,
        tokens.distinctive,
        counts,
        org,
        tokens.total_weights,
        joined,
        tokens.factors,
        tokens.syllabic,
        bool(q.scripts & SYLLABIC_SCRIPTS),
        q.total_weight,
        n,
        particles(q.tokens),
        sum(w > GENERIC_WEIGHT for w in q.weights),
        min(q.weights, default=0.0),
        WHOLE_NAME_MIN,
        GENERIC_WEIGHT,
        GENERIC_ONLY_CAP,
        COMMON_ONLY_CAP,
        ONE_WORD_ORGANISATION_FACTOR,
        ONE_PART_PERSON_FACTOR,
        SYLLABLE_LEFT_FACTOR,
    )
    return bounds


def _joined_near(
    q: NameForm,
    arrays: NameArrays,
    tokens: CandidateTokens,
    maybe: list[int],
    forms: list[CandidateName | None],
    unpack: Callable[[int], CandidateName],
    joined: FloatArray,
) -> None:
    """Into `joined`, JOINED_FACTOR × `names.joined_similarity` of the `maybe` names (their
    joined forms one letter long or less apart); names more than one edit apart are 0 there
    without unpacking them."""
    names = tokens.names
    for k in maybe:
        name = int(names[k])
        written = arrays.joined[name]
        if written != q.joined and OSA.distance(q.joined, written, score_cutoff=2) > 1:
            continue
        form = forms[k]
        if form is None:
            form = forms[k] = unpack(name)
        joined[k] = JOINED_FACTOR * joined_similarity(q, form.form)


def entity_bounds(
    memos: Sequence[QueryMemo],
    arrays: NameArrays,
    table: TokenTable,
    name_lists: Sequence[Sequence[int]],
    unpack: Callable[[int], CandidateName],
    excluded: BoolArray | None = None,
) -> list[float]:
    """Per candidate entity (its names to score), the most its best name may score against
    any of the query names, before the other features; the names `excluded` marks (of all
    the lists' names in turn) count 0, their rows filled all the same."""
    counts = np.fromiter(map(len, name_lists), np.intp, len(name_lists))
    names = np.fromiter(chain.from_iterable(name_lists), np.intp)
    tokens = CandidateTokens(arrays, table, names)
    forms: list[CandidateName | None] = [None] * len(names)
    best = name_bounds(memos[0], arrays, table, tokens, forms, unpack)
    for memo in memos[1:]:
        best = np.maximum(best, name_bounds(memo, arrays, table, tokens, forms, unpack))
    if excluded is not None:
        best[excluded] = 0.0
    bounds: list[float] = np.maximum.reduceat(best, counts.cumsum() - counts).tolist()
    return bounds
