"""The screening loop: each row of a customer file becomes a query; its best match and the
explanation are appended as columns. A malformed row is reported with its line and the rest
of the file is still screened."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rigour.text.scripts import text_scripts

from clearance.batch.tables import Table, read_table, write_table
from clearance.errors import InputError
from clearance.match import Query, Screener
from clearance.model import Schema
from clearance.names.symbols import LATIN

RESULT_COLUMNS: tuple[str, ...] = (
    "match_id",
    "match_caption",
    # The listed name that matched, when the entity is listed under several (an alias, a
    # name in another script): the caption alone would leave the analyst guessing.
    "match_name",
    "match_score",
    "is_match",
    "match_explanation",
    "screening_error",
)


@dataclass(frozen=True)
class ColumnMapping:
    name: str = "name"
    country: str | None = None
    dob: str | None = None
    identifier: str | None = None
    schema: Schema | None = None


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ScreenSummary:
    rows: int = 0
    hits: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.rows if self.rows else 0.0


def _column(table: Table, name: str | None, path: Path) -> int | None:
    if name is None:
        return None
    if name not in table.header:
        columns = ", ".join(repr(c) for c in table.header)
        raise InputError(f"no column {name!r}; the header has {columns}", file=path, line=1)
    return table.header.index(name)


def _parse_dob(value: str, path: Path, line: int, column: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            f"{text!r} is not a date; expected YYYY-MM-DD", file=path, line=line, field=column
        ) from None


def row_query(row: list[str], table: Table, mapping: ColumnMapping, path: Path, line: int) -> Query:
    name_col = _column(table, mapping.name, path)
    assert name_col is not None
    name = row[name_col].strip() if name_col < len(row) else ""
    if not name:
        raise InputError("the name is empty", file=path, line=line, field=mapping.name)
    country_col = _column(table, mapping.country, path)
    dob_col = _column(table, mapping.dob, path)
    id_col = _column(table, mapping.identifier, path)

    def cell(col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    birth = (
        _parse_dob(cell(dob_col), path, line, mapping.dob or "") if dob_col is not None else None
    )
    return Query(
        names=(name,),
        schema=mapping.schema,
        countries=(cell(country_col),) if cell(country_col) else (),
        birth_date=birth,
        identifiers=(cell(id_col),) if cell(id_col) else (),
    )


@dataclass(frozen=True)
class RowJob:
    """What screening one row needs, apart from the screener: picklable for a worker."""

    table: Table
    mapping: ColumnMapping
    source: Path
    threshold: float | None


RowResult = tuple[list[str], bool, RowError | None]
# The result columns of a query already screened in this file: a file of transactions or
# accounts names the same party many times. Bounded, so that a huge file of distinct names
# does not keep every answer.
ScreenedQueries = dict[Query, tuple[list[str], bool]]
SCREENED_QUERIES_KEPT = 100_000


def _result_columns(
    screener: Screener, query: Query, threshold: float | None
) -> tuple[list[str], bool]:
    results = screener.match(query, threshold=threshold, limit=1)
    if not results:
        return ["", "", "", "0", "false", "", ""], False
    best = results[0]
    columns = [
        best.entity.id,
        best.entity.caption,
        best.comparison.candidate_name,
        f"{best.score:.4f}",
        "true" if best.is_match else "false",
        best.comparison.explanation(),
        "",
    ]
    return columns, best.is_match


def screen_row(
    screener: Screener, job: RowJob, offset: int, screened: ScreenedQueries | None = None
) -> RowResult:
    """The output row of input row `offset`, whether it is a hit, and its error if malformed.
    `screened` keeps the answers of the queries seen so far, which a repeated query reuses."""
    row = job.table.rows[offset]
    line = offset + 2
    padded = row + [""] * (len(job.table.header) - len(row))
    try:
        query = row_query(row, job.table, job.mapping, job.source, line)
        found = screened.get(query) if screened is not None else None
        if found is None:
            found = _result_columns(screener, query, job.threshold)
            if screened is not None:
                if len(screened) >= SCREENED_QUERIES_KEPT:
                    screened.clear()
                screened[query] = found
    except InputError as exc:
        error = RowError(line, exc.location.field or "", exc.reason)
        unscreened = [""] * (len(RESULT_COLUMNS) - 1)
        return [*padded, *unscreened, exc.message], False, error
    columns, hit = found
    return [*padded, *columns], hit, None


# The screener, job and answers so far of a worker process, set once by `_init_worker`
# (inherited without a copy when the platform forks).
_WORKER: tuple[Screener, RowJob, ScreenedQueries] | None = None


def _init_worker(screener: Screener, job: RowJob) -> None:
    global _WORKER
    _WORKER = (screener, job, {})


def _screen_chunk(chunk: range) -> list[RowResult]:
    assert _WORKER is not None, "worker not initialised"
    screener, job, screened = _WORKER
    return [screen_row(screener, job, offset, screened) for offset in chunk]


def _chunks(total: int, size: int) -> list[range]:
    return [range(start, min(start + size, total)) for start in range(0, total, size)]


def _any_other_script(job: RowJob) -> bool:
    """Whether a name of the file is written in a script other than Latin, so that rigour's
    name tagger will be wanted (`Screener.warm_up`)."""
    column = _column(job.table, job.mapping.name, job.source)
    return column is not None and any(
        column < len(row) and not row[column].isascii() and bool(text_scripts(row[column]) - LATIN)
        for row in job.table.rows
    )


def _screen_rows(
    screener: Screener,
    job: RowJob,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[RowResult]:
    """Results in input order, on this process or on `workers` processes."""
    total = len(job.table.rows)
    if workers <= 1 or total < 2:
        screened: ScreenedQueries = {}
        for offset in range(total):
            yield screen_row(screener, job, offset, screened)
            if progress is not None:
                progress(offset + 1, total)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Chunks small enough for a live progress bar, large enough to amortise the IPC.
    size = max(1, min(256, total // (workers * 8) or 1))
    done = 0
    if context.get_start_method() == "fork":
        # Loaded once here, for every worker to inherit (`Screener.warm_up`).
        screener.warm_up(other_scripts=_any_other_script(job))
    # Frozen objects are left alone by the workers' garbage collector, which would otherwise
    # write to every page of the inherited index and the table and copy them (copy-on-write)
    # into each worker. They stay frozen: the index was frozen when it was loaded
    # (`Screener.load`), and unfreezing would hand it back to the collector. Garbage in
    # cycles is collected first, so that none is kept for good.
    gc.collect()
    gc.freeze()
    with context.Pool(workers, initializer=_init_worker, initargs=(screener, job)) as pool:
        for results in pool.imap(_screen_chunk, _chunks(total, size)):
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)


def screen_file(
    screener: Screener,
    source: Path,
    out: Path,
    mapping: ColumnMapping,
    threshold: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> ScreenSummary:
    """Screen every row of `source` and write it with the result columns to `out`.

    With `workers` > 1 the rows are screened by that many processes; the output is the same,
    row for row, as with one."""
    if workers < 1:
        raise InputError(f"workers must be 1 or more, got {workers}", field="workers")
    table = read_table(source)
    _column(table, mapping.name, source)
    for col in (mapping.country, mapping.dob, mapping.identifier):
        _column(table, col, source)
    summary = ScreenSummary()
    out_rows: list[list[str]] = []
    job = RowJob(table, mapping, source, threshold)
    for out_row, hit, error in _screen_rows(screener, job, workers, progress):
        summary.rows += 1
        summary.hits += hit
        if error is not None:
            summary.errors.append(error)
        out_rows.append(out_row)
    write_table(out, Table([*table.header, *RESULT_COLUMNS], out_rows))
    return summary
