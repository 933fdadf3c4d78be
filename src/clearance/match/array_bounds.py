"""Bounds of a query's candidates, computed over arrays (match/token_table.py).

The same bounds as `bounds.NameBound` for queries without name items, from the same rows:
for each candidate token, the best contribution its similarity row allows; summed per name,
capped as `NameBound._bound` caps, and the best name per entity. Only the few candidate
tokens near a query token are compared one by one, in Python; the rows of all the others are
empty, and filled into the query's memo at once, so that the detailed scoring finds every row
it asks for. The loops are compiled (`_compiled.BoundsKernel`); the rules' constants and the
comparisons of tokens stay in match/names.py and match/similarity.py, passed in from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from clearance.match import _compiled as kernel
from clearance.match.names import (
    ALIGN_MIN,
    COMMON_ONLY_CAP,
    GENERIC_ONLY_CAP,
    JOINED_FACTOR,
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

BoolArray = npt.NDArray[np.bool_]

# The edits `similarity.edits_allowed` tolerates, by the length of the shorter token.
_EDITS_BY_LENGTH = np.asarray([edits_allowed(length) for length in range(12)], dtype=np.int32)


@lru_cache(maxsize=131072)
def _comparison_keys(token: str) -> tuple[str, str, str | None, str | None, str]:
    """A query token's skeleton, then the keys the near pairs are found by: undoubled,
    syllable, translation, consonants (the last in an abjad only)."""
    return (
        skeleton(token),
        undoubled(token),
        syllable_key(token),
        translation_key(token),
        consonants(token),
    )


def bounds_kernel(arrays: NameArrays, table: TokenTable) -> kernel.BoundsKernel:
    """The compiled bounds over the index arrays, with the rules' constants."""
    return kernel.BoundsKernel(
        arrays,
        table,
        {
            "edits_by_length": _EDITS_BY_LENGTH,
            "short_token": SHORT_TOKEN,
            "weak_factor": WEAK_ALIAS_FACTOR,
            "align_min": ALIGN_MIN,
            "whole_name_min": WHOLE_NAME_MIN,
            "generic_weight": GENERIC_WEIGHT,
            "generic_only_cap": GENERIC_ONLY_CAP,
            "common_only_cap": COMMON_ONLY_CAP,
            "one_word_organisation_factor": ONE_WORD_ORGANISATION_FACTOR,
            "one_part_person_factor": ONE_PART_PERSON_FACTOR,
            "syllable_left_factor": SYLLABLE_LEFT_FACTOR,
        },
    )


def entity_bounds(
    memos: Sequence[QueryMemo],
    bounds: kernel.BoundsKernel,
    name_lists: list[list[int]],
    unpack: Callable[[int], CandidateName],
    excluded: bytes | None = None,
) -> list[float]:
    """Per candidate entity (its names to score), the most its best name may score against
    any of the query names (which have no name items), before the other features; the names
    `excluded` marks (a byte of 1 per name of the lists in turn) count 0, their rows filled all the
    same. Fills the memos' rows of every candidate token in its mode, so that the detailed
    scoring finds every row it asks for."""
    candidates = bounds.gather(name_lists)
    forms: dict[int, CandidateName] = {}
    for memo in memos:
        q = memo.query

        def joined_near(names: list[int], q: NameForm = q) -> list[float]:
            return [_joined_near(q, name, forms, unpack) for name in names]

        bounds.bound_names(
            candidates,
            q.tokens,
            q.weights,
            [_comparison_keys(a) for a in q.tokens],
            memo.tables,
            memo.person_similarity,
            memo.similarity,
            bool(q.organisation),
            q.scripts <= LATIN,
            q.abjad,
            bool(q.scripts & SYLLABIC_SCRIPTS),
            q.total_weight,
            particles(q.tokens),
            sum(w > GENERIC_WEIGHT for w in q.weights),
            min(q.weights, default=0.0),
            q.joined,
            joined_near,
        )
    return bounds.entity_bounds(candidates, excluded)


def _joined_near(
    q: NameForm,
    name: int,
    forms: dict[int, CandidateName],
    unpack: Callable[[int], CandidateName],
) -> float:
    """JOINED_FACTOR × `names.joined_similarity` of a listed name (its tokens joined one
    edit or less from the query's: the kernel asks of no other) and the query name."""
    form = forms.get(name)
    if form is None:
        form = forms[name] = unpack(name)
    return JOINED_FACTOR * joined_similarity(q, form.form)
