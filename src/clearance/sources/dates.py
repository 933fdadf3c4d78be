"""Date formats of the official lists, parsed strictly (a structured date that does not parse
is an error naming file, line and field) or leniently for free-text remarks."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from clearance.errors import InputError

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
# OFAC remarks: "03 Sep 1963", "Sep 1963", "1963", "circa 1963".
_OFAC_DAY = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")
_OFAC_MONTH = re.compile(r"^([A-Za-z]{3})[a-z]* (\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_iso(value: str, path: Path, line: int | None, field: str) -> date:
    """A full ISO date (`2019-05-21`)."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"{value.strip()!r} is not a date; expected YYYY-MM-DD",
            file=path,
            line=line,
            field=field,
        ) from None


_XS_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$")


def parse_xs_date(value: str, path: Path, line: int | None, field: str) -> date:
    """An XML Schema date, which may carry a time zone (`2015-04-07-04:00`): the calendar date."""
    match = _XS_DATE.match(value.strip())
    return parse_iso(match.group(1) if match else value, path, line, field)


def parse_us(value: str, path: Path, line: int | None, field: str) -> date:
    """A US date as BIS publishes it (`06/19/2003`)."""
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        raise InputError(
            f"{value.strip()!r} is not a date; expected MM/DD/YYYY",
            file=path,
            line=line,
            field=field,
        ) from None


def parse_ofac(value: str, path: Path, line: int | None, field: str) -> date:
    """A full OFAC date (`02 Aug 2021`), as in the NS-CMIC remarks."""
    parsed = ofac_partial(value)
    if parsed is None or len(parsed) != 10:
        raise InputError(
            f"{value.strip()!r} is not a date; expected DD Mon YYYY (e.g. 02 Aug 2021)",
            file=path,
            line=line,
            field=field,
        )
    return date.fromisoformat(parsed)


def ofac_partial(value: str) -> str | None:
    """An OFAC date to FtM's partial ISO form (`1963-09-03`, `1963-09`, `1963`), or None."""
    text = value.strip().rstrip(".")
    text = re.sub(r"^(circa|approximately|about)\s+", "", text, flags=re.IGNORECASE)
    if m := _OFAC_DAY.match(text):
        month = _MONTHS.get(m.group(2).lower())
        return _checked(int(m.group(3)), month, int(m.group(1)))
    if m := _OFAC_MONTH.match(text):
        month = _MONTHS.get(m.group(1).lower())
        return f"{m.group(2)}-{month:02d}" if month else None
    if _YEAR.match(text):
        return text
    if _ISO_PARTIAL.match(text):
        return text if len(text) < 10 or _valid_iso(text) else None
    return None


def partial_dates(value: str) -> list[str]:
    """Birth dates from a free-text value: single dates, `1960 to 1962` ranges (both ends)."""
    out: list[str] = []
    for part in re.split(r"\s+to\s+|;\s*", value):
        parsed = ofac_partial(part)
        if parsed:
            out.append(parsed)
    return out


def _checked(year: int, month: int | None, day: int) -> str | None:
    if month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _valid_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
