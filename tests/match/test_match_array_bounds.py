"""Bounds over the index arrays (match/array_bounds.py): the same as bounds.NameBound's, name
by name, and the rows they leave in the memo the same as QueryMemo makes one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match.array_bounds import bounds_kernel, entity_bounds
from clearance.match.bounds import NameBound
from clearance.match.index import MatchIndex
from clearance.match.names import QueryMemo, comparison_mode, name_score_parts
from clearance.match.scoring import WEAK_ALIAS_FACTOR
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.names.compounds import with_compound_variants
from clearance.names.vocabulary import GENERIC_WEIGHT

WORDS = st.one_of(
    st.sampled_from(
        ["mohammed", "muhammad", "ali", "john", "jon", "trading", "company", "group", "a", "b"]
    ),
    st.sampled_from(["huawei", "huawai", "abdul", "rahman", "abdulrahman", "al", "din", "ltd"]),
    st.text(alphabet="abdehiklmnosuy", min_size=1, max_size=12),
)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
KINDS = st.sampled_from([False, True, None])
SCHEMATA = st.sampled_from([Schema.PERSON, Schema.COMPANY, Schema.LEGAL_ENTITY])
ENTITIES = st.lists(
    st.tuples(SCHEMATA, st.lists(st.tuples(NAMES, st.booleans()), min_size=1, max_size=3)),
    min_size=1,
    max_size=5,
)


def _index(entities: list[tuple[Schema, list[tuple[str, bool]]]]) -> MatchIndex:
    listed = []
    for number, (schema, names) in enumerate(entities):
        entity = Entity(f"test:{number}", schema, "test")
        for name, weak in names:
            entity.add("weakAlias" if weak else "name", name)
        listed.append(entity)
    return MatchIndex.build(listed)


@settings(max_examples=300, deadline=None)
@given(NAMES, KINDS, ENTITIES)
def test_array_bounds_are_the_name_bounds_and_never_below_the_score(
    query: str, kind: bool | None, entities: list[tuple[Schema, list[tuple[str, bool]]]]
) -> None:
    _assert_array_bounds_are_the_name_bounds(query, kind, entities)


# Chinese and Korean persons' names, and listed names in pinyin and in Han: one pair leaving
# a syllable over counts less (`names.syllable_left_over`), in the arrays as in `NameBound`.
SYLLABIC_QUERIES = st.sampled_from(["婷婷 姜", "姜文吉", "王伟", "张小明", "欣 晨 刘", "숙자 오"])
PINYIN = st.sampled_from(
    ["jiang", "wenji", "wen", "ji", "wang", "wei", "zhang", "xiaoming", "liu", "xin", "oh"]
)
SYLLABIC_NAMES = st.one_of(
    st.lists(st.one_of(PINYIN, WORDS), min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["王伟", "姜文", "刘晨", "张明"]),
)
SYLLABIC_ENTITIES = st.lists(
    st.tuples(SCHEMATA, st.lists(st.tuples(SYLLABIC_NAMES, st.booleans()), min_size=1, max_size=3)),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(SYLLABIC_QUERIES, KINDS, SYLLABIC_ENTITIES)
def test_array_bounds_of_names_in_syllables_are_the_name_bounds(
    query: str, kind: bool | None, entities: list[tuple[Schema, list[tuple[str, bool]]]]
) -> None:
    _assert_array_bounds_are_the_name_bounds(query, kind, entities)


def _assert_array_bounds_are_the_name_bounds(
    query: str, kind: bool | None, entities: list[tuple[Schema, list[tuple[str, bool]]]]
) -> None:
    index = _index(entities)
    name_lists = [ids for ids in index.entity_names if ids]
    if not name_lists:
        return
    forms = with_compound_variants([f for f in [normalise_name(query, kind)] if f.tokens])
    if not forms:
        return
    memos = [QueryMemo(f) for f in forms]
    found = entity_bounds(
        memos,
        bounds_kernel(index.name_arrays, index.token_table),
        name_lists,
        index.names.__getitem__,
    )
    reference = [QueryMemo(f) for f in forms]
    for bound, ids in zip(found, name_lists, strict=True):
        expected = 0.0
        best_score = 0.0
        for memo, fresh in zip(memos, reference, strict=True):
            for name in index.names.many(ids):
                factor = WEAK_ALIAS_FACTOR if name.weak else 1.0
                expected = max(expected, NameBound(fresh).score(name.form) * factor)
                score = name_score_parts(memo.query, name.form, memo)[0] * factor
                best_score = max(best_score, score)
        assert abs(bound - expected) <= 1e-12, (query, entities)
        assert bound >= best_score - 1e-12, (query, entities)
    # The scratch array the compiled gathering marks tokens in is left as it was found.
    assert (index.token_table.scratch == -1).all()
    # The rows filled on the way are those made one by one.
    for memo in memos:
        q = memo.query
        for ids in name_lists:
            for name in index.names.many(ids):
                c = name.form
                org, skeletal = comparison_mode(q, c)
                abjad = q.abjad or c.abjad
                for b, weight in zip(c.tokens, c.weights, strict=True):
                    strict = org and weight > GENERIC_WEIGHT
                    mode = abjad * 8 + org * 4 + skeletal * 2 + strict
                    assert b in memo.tables[mode], (query, b)
                    row = memo.tables[mode][b]
                    assert row == QueryMemo(q).row(b, abjad, org, skeletal, strict), (query, b)


def test_array_bounds_find_the_listed_name_and_drop_the_unrelated() -> None:
    index = _index(
        [
            (Schema.PERSON, [("SALEK, Abdulhai", False)]),
            (Schema.COMPANY, [("Northern Trading Company", False)]),
            (Schema.PERSON, [("Mohammed Zyxwv", False), ("Zyxwv", True)]),
        ]
    )
    memos = [QueryMemo(f) for f in with_compound_variants([normalise_name("Abdulhai Salek")])]
    bounds = entity_bounds(
        memos,
        bounds_kernel(index.name_arrays, index.token_table),
        index.entity_names,
        index.names.__getitem__,
    )
    assert bounds[0] == 1.0
    assert bounds[1] == 0.0
    assert bounds[2] == 0.0
    common = [QueryMemo(normalise_name("Mohammed Qwerty", False))]
    capped = entity_bounds(
        common,
        bounds_kernel(index.name_arrays, index.token_table),
        index.entity_names,
        index.names.__getitem__,
    )
    assert 0.0 < capped[2] <= 0.45


# Tokens as the near pairs meet them: ASCII of few letters (where transpositions and repeats
# are likely), longer ones up to past the 64 letters of one machine word, and others.
TOKENS = st.one_of(
    st.text(alphabet="abcd", max_size=10),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=50, max_size=70),
    st.text(alphabet="aeéøğж中", max_size=6),
)


@given(TOKENS, TOKENS, st.integers(min_value=0, max_value=3))
@settings(max_examples=3000, deadline=None)
def test_compiled_osa_distance_is_rapidfuzz_s(a: str, b: str, allowed: int) -> None:
    from rapidfuzz.distance import OSA

    from clearance.match._compiled import osa_distance, osa_within

    distance = osa_distance(a, b)
    if a and len(a) <= 64 and a.isascii():
        assert distance == OSA.distance(a, b)
    else:
        assert distance is None
    assert osa_within(a, b, allowed) == (OSA.distance(a, b) <= allowed)
