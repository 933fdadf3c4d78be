"""Reading and writing tables by file format, registered by suffix: .csv, .xlsx, .parquet.

A table is a header and rows of strings; line numbers are those a user sees in the file
(the header is line 1), so that an error can name them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clearance.errors import InputError


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


Reader = Callable[[Path], Table]
Writer = Callable[[Path, Table], None]


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def read_csv(path: Path) -> Table:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle)]
    if not rows:
        raise InputError("the file is empty; expected a header row", file=path, line=1)
    return Table(rows[0], rows[1:])


def write_csv(path: Path, table: Table) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.header)
        writer.writerows(table.rows)


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    if not rows:
        raise InputError("the first sheet is empty; expected a header row", file=path, line=1)
    return Table(rows[0], rows[1:])


def write_xlsx(path: Path, table: Table) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("screening")
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    workbook.save(path)


def read_parquet(path: Path) -> Table:
    import pyarrow.parquet as pq

    data = pq.read_table(path).to_pylist()
    header = list(pq.read_schema(path).names)
    return Table(header, [[_cell(row.get(col)) for col in header] for row in data])


def write_parquet(path: Path, table: Table) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: [row[i] for row in table.rows] for i, name in enumerate(table.header)}
    pq.write_table(pa.table(columns), path)


FORMATS: dict[str, tuple[Reader, Writer]] = {
    ".csv": (read_csv, write_csv),
    ".xlsx": (read_xlsx, write_xlsx),
    ".parquet": (read_parquet, write_parquet),
}


def _format(path: Path) -> tuple[Reader, Writer]:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(
            f"unknown file type {path.suffix!r}; expected one of {known}", file=path
        ) from None


def read_table(path: Path) -> Table:
    if not path.exists():
        raise InputError("no such file", file=path)
    return _format(path)[0](path)


def write_table(path: Path, table: Table) -> None:
    _format(path)[1](path, table)
