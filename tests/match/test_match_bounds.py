"""Score bounds (match/bounds.py): never below the score, and the screener that scores only
the candidates whose bound may still enter the results returns what scoring all would."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.match import Query, Screener
from clearance.match.array_bounds import bounds_kernel, entity_bounds
from clearance.match.bounds import NameBound
from clearance.match.names import QueryMemo, name_score_parts
from clearance.match.scoring import comparable_form
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.names.symbols import with_symbols

# Common given names, generic words, initials and near spellings: the caps, the whole-name
# exemption and the joined form all come into play.
WORDS = st.one_of(
    st.sampled_from(
        ["mohammed", "muhammad", "ali", "john", "jon", "trading", "company", "group", "a", "b"]
    ),
    st.sampled_from(["huawei", "huawai", "salek", "salik", "abdulhai", "abdul", "hai", "ltd"]),
    st.text(alphabet="abdehiklmnosuy", min_size=1, max_size=12),
)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
KINDS = st.sampled_from([False, True, None])


@settings(max_examples=600, deadline=None)
@given(NAMES, KINDS, st.lists(st.tuples(NAMES, KINDS), min_size=1, max_size=6))
def test_bound_is_never_below_the_score(
    query: str, kind: bool | None, candidates: list[tuple[str, bool | None]]
) -> None:
    q = normalise_name(query, kind)
    if not q.tokens:
        return
    memo = QueryMemo(q)
    bound = NameBound(memo)
    for name, candidate_kind in candidates:
        c = normalise_name(name, candidate_kind)
        score = name_score_parts(q, c, memo)[0]
        assert bound.score(c) >= score - 1e-12, (query, name, score)


def test_bound_of_an_unrelated_name_is_zero_and_of_the_same_name_one() -> None:
    q = normalise_name("Abdulhai Salek", False)
    bound = NameBound(QueryMemo(q))
    assert bound.score(normalise_name("Northern Trading", None)) == 0.0
    assert bound.score(normalise_name("SALEK, ABDULHAI", False)) == 1.0


def test_bound_keeps_the_common_name_cap() -> None:
    """Only a common given name in common: the bound is the cap, not the overlap."""
    q = normalise_name("Mohammed Qwerty", False)
    bound = NameBound(QueryMemo(q))
    assert bound.score(normalise_name("Mohammed Zyxwv", False)) <= 0.45


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Amelie Boris Jong", "ANTONOV, Boris Alekseyevich"),
        ("Crystal Johnathan Wilson", "BOB WILSON"),
        ("Joel Magalhaes", "ALVAREZ VASQUEZ, Joel"),
    ],
)
def test_bound_of_one_part_in_common_is_the_score(query: str, listed: str) -> None:
    """One name part in common, below the common names' cap: the score is the pair's share
    × the one-part factor, and so is the bound (it was the share itself, so that dozens of
    listed Borises were each scored to find the best of them)."""
    q, c = normalise_name(query, False), normalise_name(listed, False)
    score = name_score_parts(q, c, QueryMemo(q))[0]
    assert 0.0 < score < 0.45
    assert NameBound(QueryMemo(q)).score(c) == pytest.approx(score)


CROSS_SCRIPT = [
    ("Владимир Путин", "PUTIN, Vladimir Vladimirovich"),
    ("Джон Смит", "John Smith"),
    ("김정은", "KIM, Jong Un"),
    ("Ким Чен Ын", "KIM Jong Un"),
    ("محمد علي حسن", "Mohammed Ali Hassan"),
    ("阿泽里尼", "Azzellini"),
    ("王伟", "WANG Wei"),
    ("ヴィルヘルミナ", "Wilhelmina Smith"),
]


@pytest.mark.parametrize(("query", "listed"), CROSS_SCRIPT)
def test_bound_across_scripts_is_never_below_the_score(query: str, listed: str) -> None:
    """Name items lift pairs that no spelling brings together (`names.absorbed_by_symbols`
    and SYMBOL_SIMILARITY): the bound counts them too, in both directions."""
    for a, b in ((query, listed), (listed, query)):
        q = with_symbols(normalise_name(a, False))
        c = comparable_form(q, normalise_name(b, False))
        memo = QueryMemo(q)
        score = name_score_parts(q, c, memo)[0]
        assert NameBound(memo).score(c) >= score - 1e-12, (a, b, score)


# Persons' names in other scripts, and Latin words that are (or are near) their readings and
# name items: pairs of one word in common, syllables left over, words that share an item.
OTHER_SCRIPTS = st.sampled_from(
    [
        "婷婷 姜",
        "姜文吉",
        "王伟",
        "张小明",
        "欣 晨 刘",
        "金正恩",
        "김정은",
        "숙자 오",
        "Владимир Путин",
        "Джон Смит",
        "محمد علي حسن",
        "ליאם נויה עטיה",
    ]
)
LATIN_WORDS = st.sampled_from(
    [
        "jiang",
        "kang",
        "wenji",
        "wen",
        "ji",
        "wang",
        "wei",
        "zhang",
        "xiaoming",
        "liu",
        "kim",
        "jong",
        "un",
        "oh",
        "vladimir",
        "putin",
        "john",
        "smith",
        "mohammed",
        "ali",
        "hassan",
        "liam",
        "attia",
        "chen",
        "xin",
        "tingting",
    ]
)
LATIN_NAMES = st.lists(st.one_of(LATIN_WORDS, WORDS), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(OTHER_SCRIPTS, st.lists(st.tuples(LATIN_NAMES, KINDS), min_size=1, max_size=6))
def test_bound_across_scripts_is_never_below_the_score_of_any_name(
    query: str, candidates: list[tuple[str, bool | None]]
) -> None:
    """Names in another script tagged with name items, against Latin names that may share
    one, some, or none of them, in either direction."""
    for name, kind in candidates:
        for a, b, a_kind, b_kind in ((query, name, False, kind), (name, query, kind, False)):
            q = with_symbols(normalise_name(a, a_kind))
            c = comparable_form(q, with_symbols(normalise_name(b, b_kind)))
            if not q.tokens or not c.tokens:
                continue
            memo = QueryMemo(q)
            score = name_score_parts(q, c, memo)[0]
            assert NameBound(memo).score(c) >= score - 1e-12, (a, b, score)


def test_bound_of_one_pair_across_scripts_counts_its_factors() -> None:
    """婷婷 姜 and JIANG Wenji have one name in common, and a syllable left over: the score is
    the pair's share × 0.88 × 0.8, and so is the bound (it was the share itself, so that
    every listed Jiang was scored for each Chinese query with that surname)."""
    q = with_symbols(normalise_name("婷婷 姜", False))
    c = comparable_form(q, with_symbols(normalise_name("JIANG Wenji", False)))
    memo = QueryMemo(q)
    score = name_score_parts(q, c, memo)[0]
    assert 0.0 < score < 0.4
    assert NameBound(memo).score(c) == pytest.approx(score)


def _damaged(name: str, rng: random.Random) -> str:
    """A typed form of a listed name: a letter swapped, a word dropped or the words turned."""
    words = name.split()
    choice = rng.randrange(3)
    if choice == 0 and len(words) > 1:
        words.pop(rng.randrange(len(words)))
    elif choice == 1:
        words.reverse()
    else:
        w = rng.randrange(len(words))
        word = words[w]
        if len(word) > 3:
            k = rng.randrange(len(word) - 1)
            words[w] = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    return " ".join(words)


def test_bounded_screening_returns_what_scoring_every_candidate_returns(
    bundled_screener: Screener,
) -> None:
    rng = random.Random(4)
    listed = [
        (name, entity.schema)
        for entity in rng.sample(list(bundled_screener.index.entities), 150)
        for name in entity.names[:2]
    ]
    unlisted = ["John Smith", "Maria Garcia Lopez", "Acme Trading Company", "Li Wei", "Ali Khan"]
    queries = [
        Query((_damaged(name, rng),), schema if rng.random() < 0.5 else None)
        for name, schema in listed
    ]
    queries += [Query((name,)) for name in unlisted]
    queries += [Query((name,)) for pair in CROSS_SCRIPT for name in pair]
    queries += [Query(("Рамзан Кадыров",), Schema.PERSON), Query(("华为",)), Query(("Хуавэй",))]
    queries += [Query((name,), Schema.COMPANY, countries=("ru",)) for name in unlisted[2:4]]
    queries += [Query(("ABDUL HAI",), birth_date=None, countries=("af",))]
    # Persons' names in other scripts, as a customer file may write them.
    queries += [
        Query((name,))
        for name in (
            "婷婷 姜",
            "辉 梅 李",
            "建 淑珍 王",
            "병철 예원 김",
            "숙자 오",
            "עופרי סעיד",
            "ايمان نعمان الحكير",
            "Венеция Златков",
            "ปัณณธร ธนูปกรณ์",
        )
    ]
    # Latin queries that meet names in Arabic script, tagged with name items for them.
    queries += [
        Query((name,), Schema.PERSON) for name in ("Mohammad Jawad Waziri", "Abdul Wali Seddiqi")
    ]
    for query in queries:
        for limit in (1, 5):
            fast = bundled_screener.match(query, limit=limit)
            full = bundled_screener.match(query, limit=limit, exhaustive=True)
            assert [(m.entity.id, m.score, m.comparison.explanation()) for m in fast] == [
                (m.entity.id, m.score, m.comparison.explanation()) for m in full
            ], query


def _small_screener() -> Screener:
    entities = []
    for number, (schema, name) in enumerate(
        [
            (Schema.PERSON, "AZZELLINI, Marco"),
            (Schema.PERSON, "Alessandro Rossi"),
            (Schema.PERSON, "ZHANG Wei"),
            (Schema.COMPANY, "Marco Polo Trading"),
        ]
    ):
        entity = Entity(f"test:{number}", schema, "test")
        entity.add("name", name)
        entities.append(entity)
    return Screener.build(entities)


def test_names_filed_under_a_query_item_are_those_that_share_it() -> None:
    screener = _small_screener()
    index = screener.index
    q = with_symbols(normalise_name("Марко Аццеллини", False))
    items = [item for token_items in q.symbols for item in token_items]
    names = list(range(len(index.names)))
    filed = index.filed_under_items(items, names)
    expected = [
        any(not set(items).isdisjoint(listed) for listed in index.names[n].form.symbols)
        for n in names
    ]
    assert filed == expected
    assert any(expected) and not all(expected)


def test_a_name_item_in_common_is_bounded_by_it() -> None:
    """阿泽里尼 and AZZELLINI share a name item and no spelling: the arrays, which bound by
    words alone, bound the pair at 0; the screener bounds it by `NameBound` and finds it."""
    screener = _small_screener()
    index = screener.index
    q = with_symbols(normalise_name("阿泽里尼", None))
    memos = [QueryMemo(q)]
    listed = [index.entity_names[0]]
    by_words = entity_bounds(
        memos, bounds_kernel(index.name_arrays, index.token_table), listed, index.names.__getitem__
    )
    found = screener.match(Query(("阿泽里尼",)), limit=3)
    assert found and found[0].entity.id == "test:0"
    assert by_words[0] < found[0].score
    full = screener.match(Query(("阿泽里尼",)), limit=3, exhaustive=True)
    assert [(m.entity.id, m.score) for m in found] == [(m.entity.id, m.score) for m in full]
