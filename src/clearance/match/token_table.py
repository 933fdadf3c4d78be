"""The listed names as arrays over a vocabulary of their tokens.

The screener compares a query with two dozen candidate entities, some forty names and a
hundred distinct tokens. Looked at one by one in Python, those tokens cost more than all the
scoring that follows; here every distinct token of the index is kept once, with what
`QueryMemo` tells near tokens apart by (length, first letter, skeleton, the keys of doubled
letters, consonants and translations), and every name as a run of token ids with its weights
and the flags that choose its comparison mode. `match.array_bounds` gathers a query's
candidates from these arrays at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clearance.match.names import SYLLABIC_SCRIPTS
from clearance.match.scoring import CandidateName
from clearance.names.syllables import syllable_key
from clearance.names.symbols import LATIN
from clearance.names.tokens import consonants, skeleton, undoubled
from clearance.names.translations import translation_key
from clearance.names.vocabulary import NAME_PARTICLES

IntArray = npt.NDArray[np.intp]
SmallIntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class TokenTable:
    """Every distinct token of the index, by id."""

    tokens: list[str]
    skeletons: list[str]
    lengths: SmallIntArray
    firsts: SmallIntArray
    # Ids of the tokens' undoubled spellings, consonant skeletons, syllable keys (-1: not a
    # syllable) and translation keys (-1: none): equal ids, equal keys.
    undoubled: SmallIntArray
    consonants: SmallIntArray
    syllables: SmallIntArray
    translations: SmallIntArray
    # Articles and conjunctions (names.whole_name).
    particles: BoolArray
    undoubled_ids: dict[str, int]
    consonant_ids: dict[str, int]
    syllable_ids: dict[str, int]
    translation_ids: dict[str, int]
    # -1 per token: the compiled gathering of a query's candidate tokens marks the tokens it
    # meets here, and unmarks them before it returns (match/_compiled.pyx).
    scratch: SmallIntArray

    @classmethod
    def build(cls, tokens: Sequence[str]) -> TokenTable:
        undoubled_ids: dict[str, int] = {}
        consonant_ids: dict[str, int] = {}
        undoubled_of = [undoubled_ids.setdefault(undoubled(t), len(undoubled_ids)) for t in tokens]
        consonants_of = [
            consonant_ids.setdefault(consonants(t), len(consonant_ids)) for t in tokens
        ]
        syllable_ids: dict[str, int] = {}
        syllables_of = [
            -1
            if (key := syllable_key(t)) is None
            else syllable_ids.setdefault(key, len(syllable_ids))
            for t in tokens
        ]
        translation_ids: dict[str, int] = {}
        translations_of = [
            -1
            if (key := translation_key(t)) is None
            else translation_ids.setdefault(key, len(translation_ids))
            for t in tokens
        ]
        return cls(
            tokens=list(tokens),
            skeletons=[skeleton(t) for t in tokens],
            lengths=np.asarray([len(t) for t in tokens], dtype=np.int32),
            firsts=np.asarray([ord(t[0]) for t in tokens], dtype=np.int32),
            undoubled=np.asarray(undoubled_of, dtype=np.int32),
            consonants=np.asarray(consonants_of, dtype=np.int32),
            syllables=np.asarray(syllables_of, dtype=np.int32),
            translations=np.asarray(translations_of, dtype=np.int32),
            particles=np.asarray([t in NAME_PARTICLES for t in tokens], dtype=np.bool_),
            undoubled_ids=undoubled_ids,
            consonant_ids=consonant_ids,
            syllable_ids=syllable_ids,
            translation_ids=translation_ids,
            scratch=np.full(len(tokens), -1, dtype=np.int32),
        )


@dataclass
class NameArrays:
    """Every listed name as a run of token ids (`starts[n]` to `starts[n] + counts[n]`),
    with the weights of its tokens and what its comparison mode depends on."""

    starts: IntArray
    counts: IntArray
    token_ids: SmallIntArray
    weights: FloatArray
    organisation: BoolArray
    latin: BoolArray
    abjad: BoolArray
    # Written in Han or Hangul, whose persons' names are written in syllables.
    syllabic: BoolArray
    weak: BoolArray
    total_weights: FloatArray
    joined_lengths: IntArray
    joined: list[str]

    @classmethod
    def build(cls, names: Sequence[CandidateName]) -> tuple[NameArrays, TokenTable]:
        ids: dict[str, int] = {}
        token_ids: list[int] = []
        weights: list[float] = []
        counts: list[int] = []
        for name in names:
            form = name.form
            token_ids.extend(ids.setdefault(t, len(ids)) for t in form.tokens)
            weights.extend(form.weights)
            counts.append(len(form.tokens))
        count_array = np.asarray(counts, dtype=np.intp)
        arrays = cls(
            starts=np.cumsum(count_array) - count_array,
            counts=count_array,
            token_ids=np.asarray(token_ids, dtype=np.int32),
            weights=np.asarray(weights, dtype=np.float64),
            organisation=np.asarray([bool(n.form.organisation) for n in names], dtype=np.bool_),
            latin=np.asarray([n.form.scripts <= LATIN for n in names], dtype=np.bool_),
            abjad=np.asarray([n.form.abjad for n in names], dtype=np.bool_),
            syllabic=np.asarray(
                [not SYLLABIC_SCRIPTS.isdisjoint(n.form.scripts) for n in names], dtype=np.bool_
            ),
            weak=np.asarray([n.weak for n in names], dtype=np.bool_),
            # The same sums, in the same order, as NameForm.total_weight.
            total_weights=np.asarray([n.form.total_weight for n in names], dtype=np.float64),
            joined_lengths=np.asarray([len(n.form.joined) for n in names], dtype=np.intp),
            joined=[n.form.joined for n in names],
        )
        return arrays, TokenTable.build(list(ids))
