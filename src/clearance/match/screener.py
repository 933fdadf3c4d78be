"""The screener: a compiled index over the listed entities, cached on disk, and `match`."""

from __future__ import annotations

import bisect
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from itertools import chain
from math import ceil
from operator import itemgetter
from pathlib import Path
from typing import Protocol

import numpy as np
import orjson

from clearance.errors import InputError, NotFoundError
from clearance.match.array_bounds import bounds_kernel, entity_bounds
from clearance.match.bounds import NameBound
from clearance.match.compare import is_organisation
from clearance.match.facts import Facts, query_facts
from clearance.match.features import score_features
from clearance.match.index import MatchIndex
from clearance.match.names import Mode, QueryMemo, comparison_mode
from clearance.match.scoring import (
    WEAK_ALIAS_FACTOR,
    CandidateName,
    RankedCandidate,
    comparable_form,
    explain,
    rank_candidate,
)
from clearance.match.types import Match, Query
from clearance.model import Entity, Schema
from clearance.names import NameForm, normalise_name
from clearance.names.compounds import with_compound_variants
from clearance.names.symbols import LATIN, with_symbols
from clearance.names.vocabulary import GENERIC_WEIGHT
from clearance.settings import Settings

# Bump when the index layout or the normalisation changes, so old caches are not reused.
INDEX_FORMAT = "match-index-v40"
# Entities scored in detail per query: enough for recall, few enough for < 20 ms.
CANDIDATES = 24

# A candidate entity: the most it may score, its slot in the index, and its names to score.
Candidate = tuple[float, int, list[int]]
# Scores are rounded to four decimals (`rank_candidate`); one under half of the last is 0.
_ROUNDING = 10_000.0
_ROUNDS_TO_ZERO = 0.4999

# Which listed schemata a query of a given schema may match. LegalEntity is the FtM parent
# of persons and companies, so it is compatible with both.
_COMPATIBLE: dict[Schema, frozenset[Schema]] = {
    Schema.PERSON: frozenset({Schema.PERSON, Schema.LEGAL_ENTITY}),
    Schema.COMPANY: frozenset({Schema.COMPANY, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.ORGANIZATION: frozenset({Schema.COMPANY, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}),
    Schema.LEGAL_ENTITY: frozenset(Schema),
    Schema.VESSEL: frozenset({Schema.VESSEL}),
    Schema.AIRCRAFT: frozenset({Schema.AIRCRAFT}),
}


def _comparison_modes(query: NameForm, kept: list[list[CandidateName]]) -> dict[Mode, set[str]]:
    """The tokens of the candidates' names by the mode `names.align_tokens` compares them
    in: abjad, company, skeletal, strict candidate token."""
    modes: dict[Mode, set[str]] = {}
    for candidate_names in kept:
        for name in candidate_names:
            c = name.form
            abjad = query.abjad or c.abjad
            org, skeletal = comparison_mode(query, c)
            if not org:
                # No word of a person's name is compared strictly.
                modes.setdefault((abjad, False, skeletal, False), set()).update(c.tokens)
                continue
            for b, weight in zip(c.tokens, c.weights, strict=True):
                mode = (abjad, True, skeletal, weight > GENERIC_WEIGHT)
                modes.setdefault(mode, set()).add(b)
    return modes


def _names_bound(
    bounds: list[NameBound], names: Iterable[CandidateName], best: float = 0.0
) -> float:
    """The most any of the names may score against the query names (weak aliases counted as
    `rank_candidate` counts them), and at least `best`."""
    names = list(names)
    for bound in bounds:
        query = bound.memo.query
        for c in names:
            score = bound.score(comparable_form(query, c.form) if query.symbols else c.form)
            if c.weak:
                score *= WEAK_ALIAS_FACTOR
            if score > best:
                best = score
    return best


# Names of each kind `warm_up` matches: Latin with accents, a company with a legal form,
# and persons' names in other scripts than Latin (transliterated, and tagged with name items).
_WARM_UP_NAMES: tuple[tuple[str, Schema | None], ...] = (
    ("José Müller-Łukasiewicz", None),
    ("Acme Trading Co., Ltd.", None),
    ("Acme International Holdings GmbH", Schema.COMPANY),
    ("Maria Ivanova", Schema.PERSON),
)
_WARM_UP_OTHER_SCRIPTS: tuple[tuple[str, Schema | None], ...] = (
    ("Дмитрий Медведев", None),
    ("华为技术有限公司", None),
    ("张小明", Schema.PERSON),
    ("محمد جواد ظريف", None),
    ("שי-לי אביאל קליין", None),
    ("सचिता पार्वती राठी", None),
    ("민지 준서 이", None),
    ("Σωκράτης Παπαδόπουλος", None),
)


class EntitySource(Protocol):
    """What the screener needs of the store."""

    def active_entities(self) -> Iterable[Entity]: ...

    def data_version(self) -> str: ...


def extra_fingerprint(extra: Iterable[Entity]) -> tuple[list[Entity], str]:
    entities = list(extra)
    digest = hashlib.sha256()
    for entity in sorted(entities, key=lambda e: e.id):
        digest.update(orjson.dumps(entity.to_dict(), option=orjson.OPT_SORT_KEYS))
    return entities, digest.hexdigest()[:16]


def _load_index(path: Path) -> object:
    """The pickled object, kept out of the cyclic garbage collector's passes.

    Its half a million objects live as long as the process serves from it, and hold no
    cycles: while loading, the collector would walk them again and again as they are
    allocated (a third of the load time), and later every full collection would walk them
    all, a pause of a fifth of a second in the middle of some query. Frozen, they are freed
    by reference counting as any object is when the index is replaced."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return index


class Screener:
    def __init__(self, index: MatchIndex) -> None:
        self.index = index
        self._by_id = {entity_id: slot for slot, entity_id in enumerate(index.entity_ids)}
        # Per entity: listed under persons' names (or names of unknown kind) in other
        # scripts than Latin, and under no Latin name (`_listed_in_other_scripts_only`).
        arrays, owner = index.name_arrays, index.name_entity
        count = len(index.entity_ids)
        latin = np.bincount(owner[arrays.latin], minlength=count)
        personal = np.bincount(owner[~arrays.organisation], minlength=count)
        # As bytes: looked up for two dozen candidates per query, where numpy's indexing
        # costs more than the lookups.
        self._without_latin_names = ((latin == 0) & (personal > 0)).tobytes()
        self.default_threshold = Settings.from_env().match_threshold
        self._bounds_kernel = bounds_kernel(index.name_arrays, index.token_table)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Screener:
        return cls(MatchIndex.build(entities))

    @classmethod
    def load_or_build(
        cls, store: EntitySource, cache_dir: Path, extra: Iterable[Entity] = ()
    ) -> Screener:
        """Load the index cached for this data version, or build and cache it."""
        extra_list, extra_hash = extra_fingerprint(extra)
        key = hashlib.sha256(f"{INDEX_FORMAT}|{store.data_version()}|{extra_hash}".encode())
        path = Path(cache_dir) / f"{INDEX_FORMAT}-{key.hexdigest()[:20]}.pickle"
        if path.exists():
            loaded = cls.load(path)
            if loaded is not None:
                return loaded
        screener = cls.build([*store.active_entities(), *extra_list])
        screener.save(path)
        # The build leaves garbage in cycles behind: collected once, before the index is
        # set apart from the collector with everything else that lives as long.
        gc.collect()
        gc.freeze()
        return screener

    @classmethod
    def load(cls, path: Path) -> Screener | None:
        """The screener of an index written by `save`; None if the file holds another kind
        of object."""
        index = _load_index(path)
        return cls(index) if isinstance(index, MatchIndex) else None

    def save(self, path: Path) -> None:
        """Write atomically, so that a concurrent reader never sees half an index."""
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{INDEX_FORMAT}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(self.index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def warm_up(self, other_scripts: bool = True) -> None:
        """Load what matching loads on first use (word frequencies, transliterators, regular
        expressions; with `other_scripts`, rigour's person-name tagger, seconds to build) by
        matching a few names of each kind, whose results are dropped.

        Worker processes forked after this inherit it all, rather than each loading it
        again: on two workers, a second of start-up apiece before the first row, and the
        tagger's seconds and memory twice over."""
        samples = _WARM_UP_NAMES + (_WARM_UP_OTHER_SCRIPTS if other_scripts else ())
        for name, schema in samples:
            self.match(Query((name,), schema=schema), limit=1)

    def __len__(self) -> int:
        return len(self.index.entities)

    def entity(self, entity_id: str) -> Entity:
        slot = self._by_id.get(entity_id)
        if slot is None:
            raise NotFoundError(f"no listed entity with id {entity_id!r}")
        return self.index.entities[slot]

    def _candidates(self, forms: list[NameForm], wanted: int) -> list[tuple[int, list[int]]]:
        """`MatchIndex.candidate_entities` of the query names. A name read otherwise (金正恩
        read in Korean, names/hanja.py) is another name the query may be, not more words of
        the name as written: each finds candidates of its own (KIM, Jong Un would otherwise
        be outweighed by every listed Jin, the Chinese reading of 金)."""
        index = self.index
        written = [f for f in forms if not f.reading_of]
        readings = [f for f in forms if f.reading_of]
        found = index.candidate_entities(written, wanted)
        if not readings:
            return found
        merged = dict(found)
        for slot, name_ids in index.candidate_entities(readings, wanted):
            merged[slot] = sorted({*merged.get(slot, ()), *name_ids})
        return list(merged.items())

    def _may_be_a_person(self, query: Query, candidates: list[tuple[int, list[int]]]) -> bool:
        """A query of a person, or of unknown kind whose candidates include persons or that
        has none (华为 finds only companies: no need for the person-name tagger)."""
        if query.schema is not None and query.schema is not Schema.LEGAL_ENTITY:
            return query.schema is Schema.PERSON
        schemas = self.index.entity_schemas
        return not candidates or any(schemas[slot] is Schema.PERSON for slot, _ in candidates)

    def _listed_in_other_scripts_only(self, candidates: list[tuple[int, list[int]]]) -> bool:
        """A candidate listed under persons' names (or names of unknown kind) in other
        scripts than Latin only, with no Latin name to meet a Latin query: an entity with a
        Latin name is met by it (the lists write most names in other scripts beside a Latin
        one, and tagging a query costs a millisecond or more)."""
        flags = self._without_latin_names
        return any(flags[slot] for slot, _ in candidates)

    def _bounded(
        self, memos: list[QueryMemo], facts: Facts, kept: list[Candidate]
    ) -> list[Candidate]:
        """The candidates that may score above zero, each with the most it may score (as
        `rank_candidate` rounds it), highest first, the memos' rows filled on the way.

        The index arrays (match/array_bounds.py) bound a pair of names by their words alone:
        the bound of its score unless the two share a name item (`names.align_tokens`,
        `names.matched_weight`, `names.absorbed_by_symbols`). The names that share one with
        a query tagged with name items are bounded by `NameBound` instead."""
        index = self.index
        name_lists = [name_ids for _, _, name_ids in kept]
        symbols = [s for memo in memos for items in memo.query.symbols for s in items]
        sharing: list[bool] = []
        if symbols:
            names = list(chain.from_iterable(name_lists))
            sharing = index.filed_under_items(symbols, names)
        bounds = entity_bounds(
            memos,
            self._bounds_kernel,
            name_lists,
            index.names.__getitem__,
            bytes(sharing) if sharing else None,
        )
        if any(sharing):
            name_bounds = [NameBound(memo) for memo in memos]
            shared = {name for name, filed in zip(names, sharing, strict=True) if filed}
            bounds = [
                _names_bound(name_bounds, index.names.many(n for n in ids if n in shared), best)
                for best, ids in zip(bounds, name_lists, strict=True)
            ]
        return self._with_facts(
            [(best, slot, ids) for best, (_, slot, ids) in zip(bounds, kept, strict=True)], facts
        )

    def _with_facts(self, bounded: list[Candidate], facts: Facts) -> list[Candidate]:
        """The candidates with their name bounds raised by the other features, those that may
        score above zero, highest first, rounded as `rank_candidate` rounds."""
        if facts.identifiers or facts.countries or facts.birth_dates:
            candidate_facts = self.index.facts
            bounded = [
                (
                    best + sum(f.score for f in score_features(facts, candidate_facts[slot])),
                    slot,
                    ids,
                )
                for best, slot, ids in bounded
            ]
        # A bound that rounds to 0 is a score that does too, which `match` drops: such a
        # candidate (a bound of exactly 0, the usual one) need not be scored at all. Rounded
        # up, not to the nearest (`round` takes a microsecond, through decimal digits): never
        # below the score as `rank_candidate` rounds it, even summed in another order (the
        # hair taken off, so that a bound of exactly a score stays that score).
        out: list[Candidate] = []
        for best, slot, ids in bounded:
            scaled = best * _ROUNDING
            if scaled >= _ROUNDS_TO_ZERO:
                rounded = ceil(scaled - 1e-6) / _ROUNDING
                out.append((rounded if rounded < 1.0 else 1.0, slot, ids))
        # Stable: equal bounds keep the candidates' order.
        out.sort(key=itemgetter(0), reverse=True)
        return out

    def match(
        self,
        query: Query,
        threshold: float | None = None,
        limit: int = 10,
        *,
        exhaustive: bool = False,
    ) -> list[Match]:
        """The listed entities the query may be, best first, each with its explanation.

        Candidates are scored in detail best bound first, until none left may enter the
        results (match/bounds.py); `exhaustive` scores every one of them, with the same
        results, for checking exactly that."""
        if threshold is None:
            threshold = self.default_threshold
        names = [n for n in query.names if n and n.strip()]
        if not names:
            raise InputError("a query needs at least one non-empty name", field="names")
        kind = is_organisation(query.schema)
        forms = with_compound_variants(
            [f for f in (normalise_name(n, kind) for n in names) if f.tokens]
        )
        if not forms:
            return []
        compatible = _COMPATIBLE[query.schema] if query.schema else None
        facts = query_facts(query.identifiers, query.countries, query.birth_date)
        index = self.index
        wanted = max(CANDIDATES, limit)
        candidates = self._candidates(forms, wanted)
        latin_query = all(f.scripts <= LATIN for f in forms)
        if (
            not latin_query or self._listed_in_other_scripts_only(candidates)
        ) and self._may_be_a_person(query, candidates):
            # A person's name is tagged with name items only where they may decide: written
            # in another script than Latin, or in Latin with a candidate listed under names
            # in other scripts only (Mohammad Ahmadi / محمد احمدی, as `compare` scores them).
            # The tagger takes seconds to build, once per process: a Latin query of Latin
            # candidates never needs it.
            forms = [with_symbols(f) if f.organisation is not True else f for f in forms]
            candidates = self._candidates(forms, wanted)
        scored: list[tuple[float, str, int, RankedCandidate]] = []
        memos = [QueryMemo(f) for f in forms]
        schemas = index.entity_schemas
        kept: list[Candidate] = [
            (1.0, slot, name_ids)
            for slot, name_ids in candidates
            if compatible is None or schemas[slot] in compatible
        ]
        if not kept:
            return []
        if exhaustive:
            listed = [index.names.many(name_ids) for _, _, name_ids in kept]
            for memo in memos:
                # The tokens of the candidates' names, compared with the query name at once
                # (QueryMemo.prefill), each in the mode its name is compared in.
                memo.prefill(_comparison_modes(memo.query, listed))
        else:
            kept = self._bounded(memos, facts, kept)
        # The best `limit` so far, in the order of the results (the higher score, then the
        # lower id): once no candidate left may reach the last of them, the results are
        # final; a candidate that may at most tie with it, under a higher id, cannot enter.
        best: list[tuple[float, str]] = []
        for bound, slot, name_ids in kept:
            entity_id = index.entity_ids[slot]
            if len(best) == limit:
                if bound < -best[-1][0]:
                    break
                if (-bound, entity_id) > best[-1]:
                    continue
            candidate_names = index.names.many(name_ids)
            ranked = rank_candidate(forms, facts, candidate_names, index.facts[slot], memos)
            if ranked.score <= 0.0:
                continue
            scored.append((-ranked.score, entity_id, slot, ranked))
            bisect.insort(best, (-ranked.score, entity_id))
            if len(best) > limit:
                best.pop()
        scored.sort(key=lambda item: (item[0], item[1]))
        # Entities are unpacked, and explanations written, only for the results returned:
        # both cost more than scoring.
        return [
            Match(index.entities[slot], explain(ranked), ranked.score >= threshold)
            for _neg, _id, slot, ranked in scored[:limit]
        ]
