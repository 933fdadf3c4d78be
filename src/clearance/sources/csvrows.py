"""CSV records with the line each starts on, and column checks that name what is wrong."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from clearance.errors import InputError

# Fields of the official lists can be long (OFAC remarks, CSL licence requirements).
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class Record:
    """One CSV record: the line it starts on and its values by column name."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column) or ""


def _records(text: str, path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for values in reader:
            yield start, values
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            reason = "a quoted field is never closed: the file is truncated or misquoted"
        raise InputError(f"malformed CSV: {reason}", file=path, line=start) from None


def _is_blank(values: list[str]) -> bool:
    return not any(value.strip() for value in values)


def headerless_records(
    text: str, path: Path, columns: Sequence[str], delimiter: str = ","
) -> Iterator[Record]:
    """Records of a file without a header line (OFAC legacy CSV): exact field count."""
    for line, values in _records(text, path, delimiter):
        if _is_blank(values):
            continue
        if len(values) != len(columns):
            raise InputError(
                f"expected {len(columns)} fields ({', '.join(columns)}), found {len(values)}",
                file=path,
                line=line,
                field=columns[min(len(values), len(columns)) - 1],
            )
        yield Record(line, dict(zip(columns, values, strict=True)))


def header_records(
    text: str,
    path: Path,
    required: Sequence[str],
    delimiter: str = ",",
    repeated_header_allowed: bool = False,
) -> Iterator[Record]:
    """Records of a file with a header line, which must hold every required column.

    With `repeated_header_allowed`, a later line identical to the header is skipped: some
    published CSL extracts carry a duplicated header in the middle (it is not data).
    """
    rows = _records(text, path, delimiter)
    first = next(rows, None)
    if first is None or _is_blank(first[1]):
        raise InputError(
            f"the file is empty; expected a header line with {', '.join(required)}",
            file=path,
            line=1,
        )
    header = [name.strip() for name in first[1]]
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected a header with "
            f"{', '.join(required)}, found {', '.join(header)}",
            file=path,
            line=1,
            field=missing[0],
        )
    for line, values in rows:
        if _is_blank(values):
            continue
        if repeated_header_allowed and [v.strip() for v in values] == header:
            continue
        if len(values) != len(header):
            raise InputError(
                f"expected {len(header)} fields as in the header, found {len(values)}",
                file=path,
                line=line,
                field=header[min(len(values), len(header)) - 1],
            )
        yield Record(line, dict(zip(header, values, strict=True)))
