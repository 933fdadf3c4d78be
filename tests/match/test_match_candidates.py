"""Candidate generation (MatchIndex.candidate_entities, its loops compiled in
match/_compiled.pyx): the same entities, in the same order, as the rule written plainly in
Python, on random little indexes where many names tie."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.index import MatchIndex, name_keys
from clearance.model import Entity, Schema
from clearance.names import NameForm, normalise_name
from clearance.names.compounds import with_compound_variants

WORDS = st.sampled_from(
    [
        "huawei",
        "technologies",
        "trading",
        "company",
        "ali",
        "muhammad",
        "mohammed",
        "john",
        "jon",
        "smith",
        "smyth",
        "bank",
        "of",
        "iran",
        "abdul",
        "rahman",
        "abdulrahman",
        "li",
    ]
)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
ENTITIES = st.lists(
    st.tuples(
        st.sampled_from([Schema.PERSON, Schema.COMPANY]), st.lists(NAMES, min_size=1, max_size=3)
    ),
    min_size=1,
    max_size=40,
)


def _index(entities: list[tuple[Schema, list[str]]]) -> MatchIndex:
    listed = []
    for number, (schema, names) in enumerate(entities):
        entity = Entity(f"test:{number}", schema, "test")
        entity.add("name", names)
        listed.append(entity)
    return MatchIndex.build(listed)


def _plainly(index: MatchIndex, forms: list[NameForm], limit: int) -> list[tuple[int, list[int]]]:
    """The rule: each name's sum of its shared keys' weights (the query's weight × the
    index's, in float32), names ranked by sum, then fewer tokens, then id; the best 4 × limit
    and those tied with the last; the first `limit` entities among them, each with its names
    that share a key."""
    sums: dict[int, float] = {}
    for form in forms:
        for key, weight in name_keys(form):
            slot = index.key_slots.get(key)
            if slot is None:
                continue
            score = float(np.float32(weight) * index.key_weights[slot])
            if not score > 0:
                continue
            start, end = index.posting_starts[slot], index.posting_starts[slot + 1]
            for name in index.postings[start:end].tolist():
                sums[name] = sums.get(name, 0.0) + score
    lengths = index.name_arrays.counts
    ranked = sorted(sums, key=lambda n: (-sums[n], lengths[n], n))
    if len(ranked) > 4 * limit:
        last = sums[ranked[4 * limit - 1]]
        ranked = [n for n in ranked if sums[n] >= last]
    out: list[tuple[int, list[int]]] = []
    for name in ranked:
        entity = int(index.name_entity[name])
        if any(e == entity for e, _ in out):
            continue
        out.append((entity, [n for n in index.entity_names[entity] if n in sums]))
        if len(out) >= limit:
            break
    return out


@settings(max_examples=200, deadline=None)
@given(ENTITIES, NAMES, st.integers(min_value=1, max_value=4))
def test_candidates_follow_the_rule(
    entities: list[tuple[Schema, list[str]]], query: str, limit: int
) -> None:
    index = _index(entities)
    forms = with_compound_variants([normalise_name(query)])
    found = index.candidate_entities(forms, limit)
    assert found == _plainly(index, forms, limit), (query, entities)
    # The scratch array the compiled loop sums in is left as it was found.
    assert not index.name_scratch.any()


@settings(max_examples=100, deadline=None)
@given(ENTITIES, st.lists(NAMES, min_size=2, max_size=6), st.sampled_from([None, False, True]))
def test_candidates_follow_the_rule_query_after_query(
    entities: list[tuple[Schema, list[str]]], queries: list[str], kind: bool | None
) -> None:
    # The index keeps its query tokens' key slots from one query to the next.
    index = _index(entities)
    for query in [*queries, *queries]:
        forms = with_compound_variants([normalise_name(query, kind)])
        assert index.candidate_entities(forms, 3) == _plainly(index, forms, 3), query


def test_of_many_tied_names_the_shortest_are_candidates() -> None:
    """A hundred affiliates share every word of the query: the one named by those words
    alone is a candidate whatever its place in the lists."""
    affiliates: list[tuple[Schema, list[str]]] = [
        (Schema.COMPANY, [f"Huawei Technologies {city} Co., Ltd."])
        for city in ["Beijing", "Shanghai", "Wuhan", "Xian", "Chengdu", "Hangzhou", "Nanjing"] * 15
    ]
    index = _index([*affiliates, (Schema.COMPANY, ["HUAWEI TECHNOLOGIES CO., LTD."])])
    found = index.candidate_entities([normalise_name("Huawei Technologies Co., Ltd.")], 5)
    assert len(found) == 5
    assert found[0][0] == len(affiliates)
