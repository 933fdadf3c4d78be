"""Types of the compiled loops of match/ (_compiled.pyx)."""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.intp]
SmallIntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
ByteArray = npt.NDArray[np.uint8]
BoolArray = npt.NDArray[np.bool_]

def gather_tokens(
    names: IntArray,
    starts: IntArray,
    counts: IntArray,
    token_ids: SmallIntArray,
    weights: FloatArray,
    particles: ByteArray,
    scratch: SmallIntArray,
    generic_weight: float,
    table_tokens: list[str],
    table_skeletons: list[str],
) -> tuple[
    IntArray, IntArray, FloatArray, ByteArray, ByteArray, IntArray, IntArray, list[str], list[str]
]: ...
def occurrence_keys(
    counts: IntArray,
    organisation: ByteArray,
    latin: ByteArray,
    abjad: ByteArray,
    distinctive: ByteArray,
    by_occurrence: IntArray,
    width: int,
    query_organisation: bool,
    query_latin: bool,
    query_abjad: bool,
) -> tuple[IntArray, IntArray, ByteArray]: ...
def near_pairs(
    distances: SmallIntArray,
    skeleton_distances: SmallIntArray,
    query_lengths: SmallIntArray,
    query_firsts: SmallIntArray,
    query_keys: SmallIntArray,
    ids: IntArray,
    lengths: SmallIntArray,
    firsts: SmallIntArray,
    table_keys: list[SmallIntArray],
    edits_by_length: SmallIntArray,
    short_token: int,
) -> tuple[BoolArray, BoolArray]: ...
def fill_rows(
    keys: IntArray,
    width: int,
    near: ByteArray,
    near_any: ByteArray,
    strings: list[str],
    tables: list[dict[str, tuple[tuple[float, int], ...]]],
    person_similarity: Callable[[str, str, bool], float],
    similarity: Callable[[int, str, bool, bool, bool, bool], float],
    query_tokens: tuple[str, ...],
    query_weights: tuple[float, ...],
    align_min: float,
    reach: FloatArray,
) -> None: ...
def maybe_joined(joined_lengths: IntArray, counts: IntArray, length: int, n: int) -> list[int]: ...
def name_bounds(
    occurrence_keys: IntArray,
    reach: FloatArray,
    weights: FloatArray,
    particles: ByteArray,
    distinctive: ByteArray,
    counts: IntArray,
    org: ByteArray,
    total_weights: FloatArray,
    joined: FloatArray,
    factors: FloatArray,
    syllabic: ByteArray,
    query_syllabic: bool,
    query_total_weight: float,
    query_tokens: int,
    query_particles: int,
    query_words: int,
    query_lightest: float,
    whole_name_min: float,
    generic_weight: float,
    generic_only_cap: float,
    common_only_cap: float,
    one_word_organisation_factor: float,
    one_part_person_factor: float,
    syllable_left_factor: float,
) -> FloatArray: ...
def candidate_entities(
    key_slots: IntArray,
    query_weights: npt.NDArray[np.float32],
    key_weights: npt.NDArray[np.float32],
    posting_starts: SmallIntArray,
    postings: SmallIntArray,
    name_entity: SmallIntArray,
    name_lengths: IntArray,
    entity_name_starts: SmallIntArray,
    entity_name_counts: SmallIntArray,
    scratch: FloatArray,
    limit: int,
) -> list[tuple[int, list[int]]]: ...
