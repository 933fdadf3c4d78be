"""Types of the compiled loops of match/ (_compiled.pyx)."""

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.intp]
SmallIntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
ByteArray = npt.NDArray[np.uint8]
BoolArray = npt.NDArray[np.bool_]

class Candidates:
    strings: list[str]
    skeletons: list[str]
    @property
    def name_ids(self) -> list[int]: ...

class BoundsKernel:
    def __init__(self, arrays: Any, table: Any, constants: dict[str, Any]) -> None: ...
    def gather(self, name_lists: list[list[int]]) -> Candidates: ...
    def bound_names(
        self,
        c: Candidates,
        query_tokens: tuple[str, ...],
        query_weights: tuple[float, ...],
        query_keys: list[tuple[str, str, str | None, str | None, str]],
        tables: list[dict[str, tuple[tuple[float, int], ...]]],
        person_similarity: Callable[[str, str, bool], float],
        similarity: Callable[[int, str, bool, bool, bool, bool], float],
        query_organisation: bool,
        query_latin: bool,
        query_abjad: bool,
        query_syllabic: bool,
        query_total_weight: float,
        query_particles: int,
        query_words: int,
        query_lightest: float,
        query_joined: str,
        joined_near: Callable[[list[int]], list[float]],
    ) -> None: ...
    def entity_bounds(self, c: Candidates, excluded: bytes | None = None) -> list[float]: ...

class CandidateKernel:
    def __init__(
        self,
        key_weights: npt.NDArray[np.float32],
        posting_starts: SmallIntArray,
        postings: SmallIntArray,
        name_entity: SmallIntArray,
        name_lengths: IntArray,
        entity_name_starts: SmallIntArray,
        entity_name_counts: SmallIntArray,
        scratch: FloatArray,
    ) -> None: ...
    def filed_under(self, key_slots: list[int], names: list[int]) -> list[bool]: ...
    def candidate_entities(
        self, key_slots: list[int], query_weights: list[float], limit: int
    ) -> list[tuple[int, list[int]]]: ...

def osa_within(a: str, b: str, allowed: int) -> bool: ...
def osa_distance(a: str, b: str) -> int | None: ...
