"""Batch screening of CSV, XLSX and Parquet files, with malformed rows reported by line."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from clearance import InputError
from clearance.batch import ColumnMapping, screen_file
from clearance.batch.screen import RowJob, _any_other_script
from clearance.batch.tables import Table, read_table, write_table
from clearance.match import Screener
from clearance.model import Entity, Schema


def _screener() -> Screener:
    huawei = Entity("t:huawei", Schema.COMPANY, "test")
    huawei.add("name", "HUAWEI TECHNOLOGIES CO., LTD.")
    huawei.add("country", "cn")
    salek = Entity("t:salek", Schema.PERSON, "test")
    salek.add("name", "ABDULHAI SALEK")
    salek.add("birthDate", "1965")
    return Screener.build([huawei, salek])


ROWS = [
    ["name", "country", "dob"],
    ["华为技术有限公司", "China", ""],
    ["Jane Doe", "US", "1980-01-01"],
    ["", "US", ""],
    ["SALEK, ABDULHAI", "", "not a date"],
    ["Abdulhai Salek", "", "1965-04-02"],
]


def _write_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ROWS)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_screen_writes_results_in_the_same_format(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"customers{suffix}"
    write_table(source, Table(ROWS[0], ROWS[1:]))
    out = tmp_path / f"out{suffix}"
    summary = screen_file(_screener(), source, out, ColumnMapping("name", "country", "dob"))
    assert summary.rows == 5
    assert summary.hits == 2
    assert [(e.line, e.field) for e in summary.errors] == [(4, "name"), (5, "dob")]
    result = read_table(out)
    assert result.header[:3] == ["name", "country", "dob"]
    assert "match_score" in result.header and "match_explanation" in result.header
    by_name = {row[0]: dict(zip(result.header, row, strict=True)) for row in result.rows}
    assert by_name["华为技术有限公司"]["match_id"] == "t:huawei"
    assert by_name["华为技术有限公司"]["is_match"] == "true"
    assert by_name["Jane Doe"]["is_match"] == "false"
    assert "expected YYYY-MM-DD" in by_name["SALEK, ABDULHAI"]["screening_error"]
    assert by_name["Abdulhai Salek"]["match_id"] == "t:salek"


def test_progress_is_reported_for_every_row(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    _write_csv(source)
    seen: list[tuple[int, int]] = []
    screen_file(
        _screener(),
        source,
        tmp_path / "out.csv",
        ColumnMapping(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (5, 5)
    assert len(seen) == 5


def test_unknown_column_names_the_header(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    _write_csv(source)
    with pytest.raises(InputError, match="no column 'full_name'") as info:
        screen_file(_screener(), source, tmp_path / "o.csv", ColumnMapping("full_name"))
    assert info.value.location.line == 1


def test_unknown_format_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("name\nx\n")
    with pytest.raises(InputError, match=r"unknown file type '\.txt'"):
        screen_file(_screener(), source, tmp_path / "o.txt", ColumnMapping())


def test_two_workers_write_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    rows = [ROWS[0], *(ROWS[1:] * 20)]
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    mapping = ColumnMapping("name", "country", "dob")
    screener = _screener()
    one = screen_file(screener, source, tmp_path / "one.csv", mapping, workers=1)
    seen: list[int] = []
    two = screen_file(
        screener,
        source,
        tmp_path / "two.csv",
        mapping,
        workers=2,
        progress=lambda d, t: seen.append(d),
    )
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    assert (
        (one.rows, one.hits, one.errors)
        == (two.rows, two.hits, two.errors)
        == (100, 40, one.errors)
    )
    assert len(one.errors) == 40 and seen[-1] == 100


def test_workers_below_one_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    _write_csv(source)
    with pytest.raises(InputError, match="workers must be 1 or more"):
        screen_file(_screener(), source, tmp_path / "o.csv", ColumnMapping(), workers=0)


class _CountingScreener(Screener):
    """The real screener, counting the queries it is asked."""

    def __init__(self, screener: Screener) -> None:
        super().__init__(screener.index)
        self.asked = 0

    def match(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
        self.asked += 1
        return super().match(*args, **kwargs)  # type: ignore[arg-type]


def test_a_repeated_party_is_screened_once_with_the_same_answer(tmp_path: Path) -> None:
    """A file of transactions names the same counterparty again and again."""
    source = tmp_path / "payments.csv"
    rows = [ROWS[0], *(ROWS[1:] * 50), ["Abdulhai Salek", "", "1970-01-01"]]
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    screener = _CountingScreener(_screener())
    mapping = ColumnMapping("name", "country", "dob")
    summary = screen_file(screener, source, tmp_path / "out.csv", mapping)
    # Three distinct valid queries, and the same name with another birth date.
    assert screener.asked == 4
    assert (summary.rows, summary.hits, len(summary.errors)) == (251, 101, 100)
    result = read_table(tmp_path / "out.csv")
    scores = {(row[0], row[2]): row[result.header.index("match_score")] for row in result.rows}
    assert scores[("Abdulhai Salek", "1965-04-02")] != scores[("Abdulhai Salek", "1970-01-01")]
    error = result.header.index("screening_error")
    assert len({tuple(row) for row in result.rows if not row[error]}) == 4


def test_the_listed_name_that_matched_is_written_beside_the_caption(tmp_path: Path) -> None:
    """A party matched through an alias: the caption is the entity's main name, and
    `match_name` says which of its names the row matched."""
    entity = Entity("t:myint", Schema.PERSON, "test")
    entity.add("name", "MYINT, Li")
    entity.add("alias", "HSING, Su")
    source = tmp_path / "in.csv"
    write_table(source, Table(["name"], [["Su Hsing"], ["Li Myint"], ["Gertrud Brandenburg"]]))
    out = tmp_path / "out.csv"
    screen_file(Screener.build([entity]), source, out, ColumnMapping())
    result = read_table(out)
    rows = [dict(zip(result.header, row, strict=True)) for row in result.rows]
    assert [row["match_caption"] for row in rows[:2]] == ["MYINT, Li", "MYINT, Li"]
    assert [row["match_name"] for row in rows] == ["HSING, Su", "MYINT, Li", ""]
    assert rows[0]["is_match"] == "true"


def test_a_file_of_latin_names_does_not_ask_for_the_name_tagger(tmp_path: Path) -> None:
    """Before forking workers the parent loads what they will need; rigour's name tagger
    (seconds to build) only when a name of the file is written in another script."""
    latin = Table(["name", "country"], [["José Müller", "DE"], ["Łukasz Żak", "PL"], ["x"]])
    job = RowJob(latin, ColumnMapping("name"), tmp_path / "in.csv", None)
    assert not _any_other_script(job)
    other = Table(latin.header, [*latin.rows, ["Дмитрий Медведев", "RU"]])
    assert _any_other_script(RowJob(other, ColumnMapping("name"), tmp_path / "in.csv", None))
    # The country column is not a name.
    country = Table(latin.header, [["Jane Doe", "中国"]])
    assert not _any_other_script(RowJob(country, ColumnMapping("name"), tmp_path / "in.csv", None))


def test_warming_up_for_latin_names_leaves_the_tagger_unbuilt(tmp_path: Path) -> None:
    """In a process of its own that loads a saved index, as `clearance screen` does: the
    tagger is built once per process (and by `Screener.build`, which tags listed names)."""
    path = tmp_path / "index.pickle"
    _screener().save(path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from clearance.match import Screener\n"
        "from clearance.names import symbols\n"
        "s = Screener.load(Path(sys.argv[1]))\n"
        "s.warm_up(other_scripts=False)\n"
        "print(symbols._symbols_of_parts.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0"]


def test_warming_up_for_other_scripts_tags_their_names() -> None:
    from clearance.names import symbols

    _screener().warm_up(other_scripts=True)
    assert symbols._symbols_of_parts("Дмитрий Медведев")
