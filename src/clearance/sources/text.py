"""Repair of text damaged at the source (mojibake), only where the repair is certain.

The published form is always kept; `repaired_forms` returns the extra forms to add as aliases.
Each repair is a known misdecoding, registered in `REPAIRS`:

- `dos_as_cp1252`: text typed in a DOS code page (cp850) and read as Windows-1252, as in the
  CSL's "Huawei Technologies Co”peratief U.A." (0x94 is "ö" in cp850, "”" in cp1252). Only a
  typographic character *between two letters* is repaired: quotes and bullets never occur there.
- `cp1252_as_latin1`: Windows-1252 bytes read as Latin-1 leave C1 control characters
  (U+0080-U+009F), which never occur in a real name ("Xi\\x92an" -> "Xi’an").
- `utf8_as_cp1252`: UTF-8 read as Windows-1252 ("CoÃ¶peratief" -> "Coöperatief"); repaired
  only when the whole run decodes as strict UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Windows-1252 typographic characters whose cp850 byte is a letter.
_DOS_SUSPECTS = "‚„…†‡ˆ‰‹“”•™›"
_DOS_RUN = re.compile(rf"(?<=[A-Za-z])[{_DOS_SUSPECTS}]+(?=[A-Za-z])")
_C1_RUN = re.compile(r"[\u0080-\u009f]+")
# A UTF-8 lead byte (Ã, Â, Å, Ð, …) read as cp1252, followed by continuation bytes.
_UTF8_RUN = re.compile(
    r"(?:[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc]+)+"
)


def _dos_as_cp1252(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        repaired = match.group().encode("cp1252").decode("cp850")
        return repaired if repaired.isalpha() else match.group()

    return _DOS_RUN.sub(fix, text)


def _cp1252_as_latin1(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("latin-1").decode("cp1252")
        except UnicodeDecodeError:
            return match.group()

    return _C1_RUN.sub(fix, text)


def _utf8_as_cp1252(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()

    return _UTF8_RUN.sub(fix, text)


REPAIRS: dict[str, Callable[[str], str]] = {
    "cp1252_as_latin1": _cp1252_as_latin1,
    "utf8_as_cp1252": _utf8_as_cp1252,
    "dos_as_cp1252": _dos_as_cp1252,
}


def repair(text: str) -> str:
    """Apply every certain repair; returns the text unchanged when none applies."""
    for fix in REPAIRS.values():
        text = fix(text)
    return text


def repaired_forms(values: list[str]) -> list[str]:
    """The repaired forms of `values` that differ from every published value."""
    out: list[str] = []
    for value in values:
        fixed = repair(value)
        if fixed != value and fixed not in values and fixed not in out:
            out.append(fixed)
    return out
