"""The compiled in-memory index: every listed name normalised once, and posting lists from
token keys (the token, its metaphone, its skeleton, its first and last four letters) to names.

Candidate generation adds up, per name, the weights of the keys it shares with the query in
one `numpy.bincount` over the posting arrays; only the best few names are then scored in
detail. Keys are weighted by rarity, so that "mohammed" pulls in fewer candidates than a rare
surname does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
import orjson

from clearance.match import _compiled as kernel
from clearance.match.compare import is_organisation
from clearance.match.facts import Facts, entity_facts, pack_facts, unpack_facts
from clearance.match.scoring import CandidateName
from clearance.match.token_table import NameArrays, TokenTable
from clearance.model import STRONG_NAME_PROPERTIES, Entity, Schema
from clearance.names import NameForm, normalise_name, token_keys
from clearance.names.compounds import with_compound_variants
from clearance.names.legal_forms import LegalForm
from clearance.names.symbols import with_symbols
from clearance.names.tokens import consonants

T = TypeVar("T")

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]


# How much a shared key of each kind says, beside its rarity: a shared spelling skeleton
# (huavei: Хуавэй / Huawei) says more than a shared metaphone code (HF: Хуавэй / Hoffa) or
# four shared letters; otherwise a rare metaphone code crowds out the true name.
KEY_KIND_FACTORS: dict[str, float] = {
    "s": 0.9,
    "n": 0.8,
    "j": 0.6,
    "p": 0.5,
    "c": 0.5,
    "b": 0.4,
    "e": 0.4,
}
# A consonant skeleton this long or longer is a key of its own ("c:"): shorter ones (Ali →
# al) are shared by too many names to say anything.
CONSONANT_KEY_MIN = 3
# Query tokens whose key slots a MatchIndex keeps (a few hundred bytes each).
_TOKEN_SLOTS_KEPT = 200_000


def key_factor(key: str) -> float:
    return KEY_KIND_FACTORS.get(key[0], 1.0) if key[1:2] == ":" else 1.0


_JOINED_KEY_FACTOR = key_factor("j:")


@lru_cache(maxsize=131072)
def _keys_with_factors(token: str) -> tuple[tuple[str, float], ...]:
    """A token's keys with their kinds' factors: the same for every query that has it."""
    return tuple((key, key_factor(key)) for key in token_keys(token))


@lru_cache(maxsize=131072)
def _keys_with_consonants(token: str) -> tuple[tuple[str, float], ...]:
    """`_keys_with_factors`, and the token's consonant skeleton as a key where it is long
    enough to say something (every query's tokens, and the tokens of names in an abjad)."""
    written = consonants(token)
    if len(written) < CONSONANT_KEY_MIN:
        return _keys_with_factors(token)
    return (*_keys_with_factors(token), ("c:" + written, KEY_KIND_FACTORS["c"]))


def name_keys(form: NameForm, filing: bool = False) -> list[tuple[str, float]]:
    """The keys of a name and how much each says (token weight × key kind), for filing and
    lookup.

    A name written in an abjad (Arabic, Persian, Hebrew) is filed under the consonant
    skeletons of its tokens as well, and every query looks those up: محمد جواد وزیری is
    "mhmd jwad wzyry", which shares no spelling, metaphone or skeleton with Mohammad Jawad
    Waziri, and no Latin query is tagged with name items. Names in other scripts are not
    filed so: their vowels are written, and their consonants alone say little."""
    if form.initials_of:
        # Initials meet only the same letters (scoring._initials_factor): the word itself is
        # their one key, and names that merely sound alike are not candidates for them.
        return list(zip(form.tokens, form.weights, strict=True))
    keys: dict[str, float] = {}
    keys_of = _keys_with_consonants if form.abjad or not filing else _keys_with_factors
    for token, weight in zip(form.tokens, form.weights, strict=True):
        for key, factor in keys_of(token):
            keys[key] = max(keys.get(key, 0.0), weight * factor)
    if form.joined:
        keys["j:" + form.joined[:5]] = _JOINED_KEY_FACTOR
    # Name items (names/symbols.py) find a listed name from a query in another script that
    # no transliteration brings near it (プーチン / Putin). A token may be one of many items
    # ("ji" is dozens of Korean and Chinese names): together they weigh as the token does.
    for token_symbols, weight in zip(form.symbols, form.weights, strict=False):
        for symbol in token_symbols:
            key = "n:" + symbol
            share = weight * key_factor(key) / len(token_symbols)
            keys[key] = max(keys.get(key, 0.0), share)
    return list(keys.items())


def entity_names(entity: Entity) -> list[CandidateName]:
    """The entity's names to match, each once: as written, and as read (initials, a Korean
    reading). A name the list writes counts as written even where another of its names was
    read so (the alias IRG beside the name Islamic Revolutionary Guard read as IRG)."""
    kind = is_organisation(entity.schema)
    out: list[CandidateName] = []
    seen: dict[tuple[str, ...], int] = {}
    for prop in ("name", "alias", "previousName", "weakAlias"):
        for value in entity.get(prop):
            written = normalise_name(value, kind)
            if not written.tokens:
                continue
            for form in with_compound_variants([written]):
                candidate = CandidateName(form, weak=prop not in STRONG_NAME_PROPERTIES)
                at = seen.get(form.tokens)
                if at is None:
                    seen[form.tokens] = len(out)
                    out.append(candidate)
                elif _is_reading(out[at].form) and not _is_reading(form):
                    out[at] = candidate
    return out


def _is_reading(form: NameForm) -> bool:
    return bool(form.initials_of or form.reading_of)


PackedName = tuple[
    str,
    tuple[str, ...],
    tuple[float, ...],
    tuple[tuple[str, str], ...],
    frozenset[str],
    tuple[tuple[str, str], ...],
    bool,
    bool | None,
    tuple[frozenset[str], ...],
    tuple[str, ...],
    str,
    str,
]


def pack_name(name: CandidateName, shared: dict[Any, Any]) -> PackedName:
    """Plain tuples pickle an order of magnitude faster than dataclasses (cold start < 2 s).
    Equal sets of scripts and of name items are one object (`shared`), which pickle writes
    once and a loaded index keeps once, and which unpack without a copy."""
    f = name.form
    legal = tuple((lf.text, lf.generic) for lf in f.legal_forms)
    return (
        f.original,
        f.tokens,
        f.weights,
        legal,
        shared.setdefault(f.scripts, f.scripts),
        f.transliterations,
        name.weak,
        f.organisation,
        shared.setdefault(f.symbols, tuple(shared.setdefault(s, s) for s in f.symbols)),
        f.compounds,
        f.initials_of,
        f.reading_of,
    )


def unpack_name(packed: PackedName) -> CandidateName:
    (
        original,
        tokens,
        weights,
        legal,
        scripts,
        translit,
        weak,
        organisation,
        symbols,
        compounds,
        initials_of,
        reading_of,
    ) = packed
    form = NameForm(
        original,
        tokens,
        weights,
        tuple(LegalForm(text, generic) for text, generic in legal) if legal else (),
        scripts,
        translit,
        organisation,
        symbols,
        compounds,
        initials_of,
        reading_of,
    )
    return CandidateName(form, weak)


class LazyList(Generic[T]):
    """A list of packed items that are unpacked on first access and kept."""

    def __init__(self, packed: list[Any], unpack: Callable[[Any], T]) -> None:
        self.packed = packed
        self.unpack = unpack
        self.cache: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self.packed)

    def __getitem__(self, slot: int) -> T:
        item = self.cache.get(slot)
        if item is None:
            item = self.cache[slot] = self.unpack(self.packed[slot])
        return item

    def many(self, slots: Iterable[int]) -> list[T]:
        cache = self.cache
        return [cache[slot] if slot in cache else self[slot] for slot in slots]

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self.packed)))

    def __getstate__(self) -> list[Any]:
        return self.packed

    def __setstate__(self, state: list[Any]) -> None:
        self.packed = state
        self.cache = {}


class EntityList(LazyList[Entity]):
    def __setstate__(self, state: list[Any]) -> None:
        super().__setstate__(state)
        self.unpack = _unpack_entity


class FactsList(LazyList[Facts]):
    def __setstate__(self, state: list[Any]) -> None:
        super().__setstate__(state)
        self.unpack = unpack_facts


class NameList(LazyList[CandidateName]):
    def __setstate__(self, state: list[Any]) -> None:
        super().__setstate__(state)
        self.unpack = unpack_name


def _unpack_entity(doc: bytes) -> Entity:
    return Entity.from_dict(orjson.loads(doc))


@dataclass
class MatchIndex:
    entity_ids: list[str]
    entity_schemas: list[Schema]
    entities: EntityList
    facts: FactsList
    names: NameList
    name_entity: IntArray
    entity_names: list[list[int]]
    key_slots: dict[str, int]
    posting_starts: IntArray
    postings: IntArray
    key_weights: FloatArray
    name_arrays: NameArrays
    token_table: TokenTable
    # Each entity's names as a run of ids (`build` numbers them consecutively).
    entity_name_starts: IntArray
    entity_name_counts: IntArray
    # 0 per name: candidate generation adds up each name's keys here, and sets them back to
    # 0 before it returns (match/_compiled.pyx).
    name_scratch: npt.NDArray[np.float64]

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> MatchIndex:
        entity_list: list[Entity] = []
        names: list[CandidateName] = []
        name_entity: list[int] = []
        by_entity: list[list[int]] = []
        buckets: defaultdict[str, list[int]] = defaultdict(list)
        seen_ids: set[str] = set()
        for entity in entities:
            if entity.id in seen_ids:
                continue
            seen_ids.add(entity.id)
            slot = len(entity_list)
            entity_list.append(entity)
            # An entity's names are numbered consecutively: `candidate_entities` relies on it.
            own: list[int] = []
            for candidate in entity_names(entity):
                name_id = len(names)
                # Tagged with its name items once, here: a query in another script is
                # compared with the listed names' items (scoring.comparable_form).
                candidate = CandidateName(with_symbols(candidate.form), candidate.weak)
                names.append(candidate)
                name_entity.append(slot)
                own.append(name_id)
                for key, _weight in name_keys(candidate.form, filing=True):
                    buckets[key].append(name_id)
            by_entity.append(own)
        key_slots: dict[str, int] = {}
        starts = [0]
        flat: list[int] = []
        weights: list[float] = []
        total = max(len(names), 1)
        shared: dict[Any, Any] = {}
        for slot, (key, ids) in enumerate(buckets.items()):
            key_slots[key] = slot
            flat.extend(ids)
            starts.append(len(flat))
            # Inverse document frequency: a key shared by half the index says almost nothing.
            weights.append(math.log(1 + total / len(ids)))
        name_arrays, token_table = NameArrays.build(names)
        return cls(
            entity_ids=[e.id for e in entity_list],
            entity_schemas=[e.schema for e in entity_list],
            entities=EntityList([orjson.dumps(e.to_dict()) for e in entity_list], _unpack_entity),
            facts=FactsList([pack_facts(entity_facts(e)) for e in entity_list], unpack_facts),
            names=NameList([pack_name(n, shared) for n in names], unpack_name),
            name_entity=np.asarray(name_entity, dtype=np.int32),
            entity_names=by_entity,
            key_slots=key_slots,
            posting_starts=np.asarray(starts, dtype=np.int32),
            postings=np.asarray(flat, dtype=np.int32),
            key_weights=np.asarray(weights, dtype=np.float32),
            name_arrays=name_arrays,
            token_table=token_table,
            entity_name_starts=np.asarray([own[0] if own else 0 for own in by_entity], np.int32),
            entity_name_counts=np.asarray([len(own) for own in by_entity], np.int32),
            name_scratch=np.zeros(len(names), dtype=np.float64),
        )

    def filed_under_items(self, symbols: Iterable[str], names: list[int]) -> list[bool]:
        """Which of the `names` are filed under any of the name items `symbols`
        (names/symbols.py): the names that share one with a query that has them."""
        key_slots = self.key_slots
        slots = [
            slot
            for symbol in dict.fromkeys(symbols)
            if (slot := key_slots.get("n:" + symbol)) is not None
        ]
        if not slots:
            return [False] * len(names)
        return self.candidate_kernel.filed_under(slots, names)

    def candidate_entities(
        self, forms: Sequence[NameForm], limit: int
    ) -> list[tuple[int, list[int]]]:
        """The entities whose names share the most (weighted) keys with the query names, each
        with those of its names that share at least one key.

        Only those names are scored in detail: a name that shares no token, phonetic key,
        skeleton, prefix, suffix or joined prefix with the query cannot align with it, and
        entities with dozens of aliases would otherwise dominate the query time."""
        slots: list[int] = []
        query_weights: list[float] = []
        for form in forms:
            found = self._query_slots(form)
            slots.extend(found)
            query_weights.extend(found.values())
        if not slots:
            return []
        return self.candidate_kernel.candidate_entities(slots, query_weights, limit)

    def _query_slots(self, form: NameForm) -> dict[int, float]:
        """`name_keys(form)` as the slots of the keys this index has, in the same order: a
        token's slots are looked up once per process, not once per query."""
        if form.initials_of or any(form.symbols):
            # Rarer forms, whose keys are not only their tokens' and the joined one's.
            key_slots = self.key_slots
            return {
                slot: weight
                for key, weight in name_keys(form)
                if (slot := key_slots.get(key)) is not None
            }
        found: dict[int, float] = {}
        for token, weight in zip(form.tokens, form.weights, strict=True):
            for slot, factor in self._token_slots(token):
                # As name_keys keeps a key's greatest weight (a key of weight 0 adds nothing).
                if weight * factor > found.get(slot, 0.0):
                    found[slot] = weight * factor
                elif slot not in found:
                    found[slot] = 0.0
        slot = self.key_slots.get("j:" + form.joined[:5])
        if slot is not None:
            found[slot] = _JOINED_KEY_FACTOR
        return found

    def _token_slots(self, token: str) -> tuple[tuple[int, float], ...]:
        """The slots of a query token's keys (`name_keys`' for a query), with their kinds'
        factors; kept for the tokens of the last some hundred thousand queries."""
        cache = self.token_slots
        found = cache.get(token)
        if found is None:
            if len(cache) >= _TOKEN_SLOTS_KEPT:
                cache.clear()
            key_slots = self.key_slots
            found = cache[token] = tuple(
                (slot, factor)
                for key, factor in _keys_with_consonants(token)
                if (slot := key_slots.get(key)) is not None
            )
        return found

    @cached_property
    def token_slots(self) -> dict[str, tuple[tuple[int, float], ...]]:
        """`_token_slots` of the query tokens met so far (not saved with the index)."""
        return {}

    @cached_property
    def candidate_kernel(self) -> kernel.CandidateKernel:
        """The compiled candidate generation over this index's postings (not saved with
        the index: made again, in microseconds, by the process that loads it)."""
        return kernel.CandidateKernel(
            self.key_weights,
            self.posting_starts,
            self.postings,
            self.name_entity,
            self.name_arrays.counts,
            self.entity_name_starts,
            self.entity_name_counts,
            self.name_scratch,
        )

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("candidate_kernel", None)
        state.pop("token_slots", None)
        return state
