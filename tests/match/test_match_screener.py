"""The screener over hand-built entities: ranking, traps, features, cache."""

from __future__ import annotations

import gc
import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clearance import InputError, NotFoundError
from clearance.match import Query, Screener
from clearance.match import screener as screener_module
from clearance.match.index import name_keys
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.names.compounds import with_compound_variants


def _entity(eid: str, schema: Schema, **props: list[str]) -> Entity:
    entity = Entity(eid, schema, "test")
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


ENTITIES = [
    _entity(
        "t:huawei",
        Schema.COMPANY,
        name=["HUAWEI TECHNOLOGIES CO., LTD."],
        alias=["华为技术有限公司"],
        country=["cn"],
    ),
    _entity("t:xiaomi", Schema.COMPANY, name=["Xiaomi Corporation"], alias=["小米集团"]),
    _entity(
        "t:zhang",
        Schema.PERSON,
        name=["ZHANG, Xiaoming"],
        birthDate=["1970-03-01"],
        nationality=["cn"],
    ),
    _entity(
        "t:salek",
        Schema.PERSON,
        name=["ABDULHAI SALEK"],
        weakAlias=["Abdul Salek"],
        birthDate=["1965"],
    ),
    _entity("t:vessel", Schema.VESSEL, name=["OCEAN STAR"], imoNumber=["IMO 9123456"]),
    _entity("t:abc", Schema.COMPANY, name=["A-B-C Company"]),
    _entity("t:other", Schema.COMPANY, name=["Northern Trading Company"]),
    _entity("t:kennedy", Schema.PERSON, name=["KENNEDY, John Fitzgerald"]),
    _entity("t:irgc", Schema.ORGANIZATION, name=["ISLAMIC REVOLUTIONARY GUARD CORPS"]),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.build(ENTITIES)


def _top(screener: Screener, query: Query) -> str | None:
    results = screener.match(query, limit=3)
    return results[0].entity.id if results else None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("华为技术有限公司", "t:huawei"),
        ("Huawei Technologies Company Limited", "t:huawei"),
        ("Хуавэй", "t:huawei"),
        ("小米", "t:xiaomi"),
        ("SALEK, ABDULHAI", "t:salek"),
        ("Abdulhia Salek", "t:salek"),
        ("J.F. Kennedy", "t:kennedy"),
    ],
)
def test_true_entity_comes_first_and_is_a_match(
    screener: Screener, name: str, expected: str
) -> None:
    results = screener.match(Query((name,)))
    assert results[0].entity.id == expected
    assert results[0].is_match


def test_xiaomi_corporation_is_not_zhang_xiaoming(screener: Screener) -> None:
    results = screener.match(Query(("Xiaomi Corporation",)))
    assert results[0].entity.id == "t:xiaomi"
    assert all(not m.is_match for m in results if m.entity.id == "t:zhang")


def test_a_legal_form_alone_matches_nothing(screener: Screener) -> None:
    results = screener.match(Query(("XYZ Company",), schema=Schema.COMPANY))
    assert not any(m.is_match for m in results)


def test_results_are_sorted_and_limited(screener: Screener) -> None:
    results = screener.match(Query(("Huawei",)), threshold=0.0, limit=2)
    assert len(results) <= 2
    assert [m.score for m in results] == sorted((m.score for m in results), reverse=True)


def test_schema_filters_candidates(screener: Screener) -> None:
    assert _top(screener, Query(("Ocean Star",), schema=Schema.PERSON)) is None
    assert _top(screener, Query(("Ocean Star",), schema=Schema.VESSEL)) == "t:vessel"


def test_weak_alias_counts_less(screener: Screener) -> None:
    strong = screener.match(Query(("Abdulhai Salek",)))[0]
    weak = screener.match(Query(("Abdul Salek",)))[0]
    assert weak.entity.id == "t:salek"
    assert weak.score < strong.score
    assert "weak alias" in weak.comparison.explanation()


def test_birth_year_mismatch_lowers_and_match_raises(screener: Screener) -> None:
    base = screener.match(Query(("Zhang Xiaoming",)))[0].score
    same = screener.match(Query(("Zhang Xiaoming",), birth_date=date(1970, 3, 1)))[0]
    other = screener.match(Query(("Zhang Xiaoming",), birth_date=date(1963, 5, 5)))[0]
    assert same.score >= base > other.score
    assert "birth year 1963 ≠ 1970: -0.2" in other.comparison.explanation()


def test_country_mismatch_lowers(screener: Screener) -> None:
    base = screener.match(Query(("Zhang Xiaoming",)))[0].score
    other = screener.match(Query(("Zhang Xiaoming",), countries=("Russia",)))[0].score
    assert other < base


def test_identifier_raises_a_weak_name(screener: Screener) -> None:
    without = screener.match(Query(("Ocean Starr Shipping",)), threshold=0.0)[0]
    with_id = screener.match(
        Query(("Ocean Starr Shipping",), identifiers=("IMO9123456",)), threshold=0.0
    )[0]
    assert with_id.entity.id == "t:vessel"
    assert with_id.score > without.score
    assert "9123456" in with_id.comparison.explanation()


def test_entity_lookup_and_len(screener: Screener) -> None:
    assert len(screener) == len(ENTITIES)
    assert screener.entity("t:xiaomi").caption == "Xiaomi Corporation"
    with pytest.raises(NotFoundError):
        screener.entity("t:nobody")


def test_empty_query_is_an_input_error(screener: Screener) -> None:
    with pytest.raises(InputError):
        screener.match(Query(("  ",)))


class _ListSource:
    """A real in-memory entity source with a data version (the store's two methods)."""

    def __init__(self, entities: list[Entity], version: str) -> None:
        self.entities = entities
        self.version = version
        self.reads = 0

    def active_entities(self) -> list[Entity]:
        self.reads += 1
        return self.entities

    def data_version(self) -> str:
        return self.version


def test_index_is_cached_and_rebuilt_when_data_changes(tmp_path: Path) -> None:
    source = _ListSource(ENTITIES[:3], "v1")
    first = Screener.load_or_build(source, tmp_path)
    second = Screener.load_or_build(source, tmp_path)
    assert source.reads == 1
    assert len(second) == len(first) == 3
    extra = [_entity("x:extra", Schema.COMPANY, name=["Curated Party Ltd"])]
    with_extra = Screener.load_or_build(source, tmp_path, extra=extra)
    assert source.reads == 2 and len(with_extra) == 4
    source.version = "v2"
    Screener.load_or_build(source, tmp_path)
    assert source.reads == 3
    assert len(list(tmp_path.glob("*.pickle"))) == 1


def test_an_index_saved_after_it_has_matched_loads_and_matches_alike(tmp_path: Path) -> None:
    # Matching makes the compiled views of the index (MatchIndex.candidate_kernel), which
    # are not saved with it but made again by the process that loads it.
    screener = Screener.build(ENTITIES)
    before = [(m.entity.id, m.score) for m in screener.match(Query(("Huawei Technologies",)))]
    assert before
    screener.save(tmp_path / "index.pickle")
    loaded = Screener.load(tmp_path / "index.pickle")
    assert loaded is not None
    assert "candidate_kernel" not in loaded.index.__dict__
    after = [(m.entity.id, m.score) for m in loaded.match(Query(("Huawei Technologies",)))]
    assert after == before


def test_a_loaded_index_is_kept_out_of_the_garbage_collector(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    Screener.build(ENTITIES).save(path)
    loaded = Screener.load(path)
    assert loaded is not None
    assert [m.entity.id for m in loaded.match(Query(("Huawei",)), limit=1)] == ["t:huawei"]
    # Frozen objects are in none of the collector's generations.
    collected = {id(obj) for obj in gc.get_objects()}
    assert id(loaded.index.entity_names) not in collected
    assert id(loaded.index.names.packed) not in collected
    (tmp_path / "other.pickle").write_bytes(pickle.dumps(["not", "an", "index"]))
    assert Screener.load(tmp_path / "other.pickle") is None


def test_a_name_in_another_language_finds_the_listed_company() -> None:
    entities = [
        *ENTITIES,
        _entity("t:cbs", Schema.ORGANIZATION, name=["CENTRAL BANK OF SYRIA"]),
        _entity("t:bcv", Schema.ORGANIZATION, name=["BANCO CENTRAL DE VENEZUELA"]),
    ]
    screener = Screener.build(entities)
    query = Query(("Banque Centrale de Syrie",))
    found = screener.match(query, limit=3)
    assert found[0].entity.id == "t:cbs" and found[0].is_match
    assert all(not m.is_match for m in found[1:])
    # The bounds that let most candidates go unscored know translations too.
    exhaustive = screener.match(query, limit=3, exhaustive=True)
    assert [(m.entity.id, m.score) for m in exhaustive] == [(m.entity.id, m.score) for m in found]


def test_an_organisation_is_found_by_its_initials_and_says_so(screener: Screener) -> None:
    results = screener.match(Query(("IRGC",)))
    assert results[0].entity.id == "t:irgc" and results[0].is_match
    assert results[0].score < 1.0
    assert "initials" in results[0].comparison.explanation()
    # Initials a letter apart are not.
    assert all(m.entity.id != "t:irgc" for m in screener.match(Query(("IRCG",))))


def test_initials_the_list_writes_count_as_written() -> None:
    """The alias IRG is written by the list: it is not the reading of the alias Islamic
    Revolutionary Guard as initials (which counts less), though both are the same letters."""
    entity = _entity(
        "t:irg",
        Schema.ORGANIZATION,
        name=["ISLAMIC REVOLUTIONARY GUARD CORPS"],
        alias=["Islamic Revolutionary Guard", "IRG", "IRGC"],
    )
    screener = Screener.build([entity])
    for initials in ("IRG", "IRGC"):
        found = screener.match(Query((initials,), schema=Schema.ORGANIZATION))
        assert found[0].score == 1.0, found[0].comparison.explanation()
        assert "initials" not in found[0].comparison.explanation()
    read_only = Screener.build(
        [_entity("t:rgb", Schema.ORGANIZATION, name=["Reconnaissance General Bureau"])]
    )
    found = read_only.match(Query(("RGB",), schema=Schema.ORGANIZATION))
    assert found[0].entity.id == "t:rgb" and not found[0].is_match
    assert "initials" in found[0].comparison.explanation()


def test_initials_are_filed_and_looked_up_under_their_own_letters_only() -> None:
    """Initials meet only the same letters: keys that sound alike would bring candidates
    they can never match."""
    forms = with_compound_variants([normalise_name("ISLAMIC REVOLUTIONARY GUARD CORPS", True)])
    initials = next(f for f in forms if f.initials_of)
    assert name_keys(initials, filing=True) == [("irgc", 1.0)]
    assert name_keys(initials) == [("irgc", 1.0)]


@pytest.mark.parametrize(
    ("written", "listed"),
    [("金正恩", "KIM, Jong Un"), ("金与正", "KIM, Yo Jong"), ("崔龙海", "CHOE, Ryong Hae")],
)
def test_a_korean_name_in_chinese_characters_finds_the_listed_person(
    bundled_screener: Screener, written: str, listed: str
) -> None:
    # On the whole bundled index: the Chinese reading of 金 (Jin) meets dozens of listed Jins,
    # which must not crowd the Korean reading's candidates out of those scored.
    query = Query((written,))
    found = bundled_screener.match(query, limit=3)
    assert found[0].entity.caption == listed and found[0].is_match
    assert found[0].comparison.query_name == written
    assert f"{written} read in Korean as" in found[0].comparison.explanation()
    exhaustive = bundled_screener.match(query, limit=3, exhaustive=True)
    assert [(m.entity.id, m.score) for m in exhaustive] == [(m.entity.id, m.score) for m in found]


def test_threads_screening_at_once_get_what_one_thread_gets(bundled_screener: Screener) -> None:
    """The HTTP API serves from threads: the compiled loops' scratch arrays (marked and
    unmarked within one call) are not shared half marked."""
    names = [
        "Huawei Technologies Co., Ltd.",
        "SALEK, ABDULHAI",
        "Banco Nacional de Cuba",
        "华为",
        "Reconnaissance General Bureau",
        "Maria Ivanova",
        "Qasem Soleimani",
        "Rosoboronexport",
    ] * 6

    def answers(name: str) -> list[tuple[str, float]]:
        return [(m.entity.id, m.score) for m in bundled_screener.match(Query((name,)), limit=5)]

    alone = [answers(name) for name in names]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(answers, names))
    assert together == alone
    assert not bundled_screener.index.name_scratch.any()
    assert (bundled_screener.index.token_table.scratch == -1).all()


def _count_detailed_scorings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at each candidate the screener scores in detail."""
    scored: list[int] = []
    original = screener_module.rank_candidate

    def counted(*args: Any, **kwargs: Any) -> Any:
        scored.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(screener_module, "rank_candidate", counted)
    return scored


def test_candidates_that_cannot_score_are_not_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates found by a shared sound or prefix whose words pair with none of the query's
    are bounded at 0: they are dropped before the detailed scoring, not scored to 0."""
    screener = Screener.build(
        [
            _entity("t:1", Schema.COMPANY, name=["BUOYANT HOLDINGS LIMITED"]),
            _entity("t:2", Schema.PERSON, name=["Patrick Nee"]),
            _entity("t:3", Schema.PERSON, name=["CHINAMASA, Patrick"]),
            _entity("t:4", Schema.COMPANY, name=["BRYANSK AUTOMOBILE FACTORY"]),
        ]
    )
    query = Query(("Derrick Bryant",))
    assert screener.index.candidate_entities([normalise_name("Derrick Bryant")], 24)
    scored = _count_detailed_scorings(monkeypatch)
    assert screener.match(query, limit=1) == []
    assert scored == []
    assert screener.match(query, limit=1, exhaustive=True) == []
    assert scored


def test_candidates_that_can_at_most_tie_under_a_higher_id_are_not_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Results tied on their score come in the order of their ids: once `limit` results are
    found, a candidate whose bound only ties with the last of them, under a higher id, cannot
    enter. Ten listed Simons, one part in common with Simon David, are not all scored."""
    surnames = ["Fox", "Nee", "Dual", "Gatwech", "Kuol", "Mayen", "Deng", "Tut", "Lual", "Garang"]
    screener = Screener.build(
        [
            _entity(f"t:{number:02d}", Schema.PERSON, name=[f"Simon {surname}"])
            for number, surname in enumerate(surnames)
        ]
    )
    query = Query(("Simon David",), schema=Schema.PERSON)
    exhaustive = screener.match(query, limit=1, exhaustive=True)
    scored = _count_detailed_scorings(monkeypatch)
    found = screener.match(query, limit=1)
    assert [(m.entity.id, m.score) for m in found] == [(m.entity.id, m.score) for m in exhaustive]
    assert found[0].entity.id == "t:00"
    assert 0 < len(scored) < len(surnames)
