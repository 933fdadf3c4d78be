"""Write src/clearance/names/hanja_readings.json: the Korean reading of each Han character,
as Korean names read it, from the Unicode Han Database (Unihan, field kHangul).

    apt-get download unicode-data && dpkg-deb -x unicode-data_*.deb unicode-data
    .venv/bin/python tools/hanja_readings.py unicode-data/usr/share/unicode/Unihan_Readings.txt.bz2

Unihan gives a character's readings each with flags; "N" marks the reading used in personal
names (金 is 금 as a word, 김 as a surname). That one is kept where there is one, else the
first. Unihan is distributed under the Unicode License v3, which permits redistribution with
its notice (kept in the table's "_source" entry).
"""

from __future__ import annotations

import bz2
import json
import sys
from pathlib import Path

OUT = Path(__file__).parent.parent / "src/clearance/names/hanja_readings.json"
SOURCE = (
    "Unicode Han Database (Unihan), kHangul, Unicode 15.0 (Debian package unicode-data). "
    "Copyright (c) 1991-2022 Unicode, Inc. Unicode License v3: https://www.unicode.org/license.txt"
)


def name_reading(field: str) -> str:
    """The reading of a kHangul field ("금:0E 김:0N") that names use."""
    readings = [entry.split(":") for entry in field.split()]
    for reading, flags in readings:
        if "N" in flags:
            return reading
    return readings[0][0]


def readings(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with bz2.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\tkHangul\t" not in line:
                continue
            code, _, field = line.rstrip("\n").split("\t")
            out[chr(int(code[2:], 16))] = name_reading(field)
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PATH/Unihan_Readings.txt.bz2")
    table = {"_source": SOURCE, **dict(sorted(readings(Path(sys.argv[1])).items()))}
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(table) - 1} characters")


if __name__ == "__main__":
    main()
