"""Ingest benchmark: time and peak memory of loading each bundled list, and the full CSL.

Each job runs in a fresh subprocess with a fresh SQLite store, so peak RSS is that job's own.
The baseline, run in the same process, is the reader alone (parse every entity, store
nothing); `ratio` = ingest time / parse time is the cost the store adds on top of parsing.

    .venv/bin/python bench/ingest.py            # all bundled sources + ../shared full CSL
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED_CSL = Path(__file__).resolve().parents[2] / "shared/data/raw/us_csl/2022-05/consolidated.csv"


def measure(source: str, path: str | None) -> dict[str, object]:
    """One job, in this process: parse baseline, ingest, reload; peak RSS at the end."""
    from clearance.sources.download import reader_input
    from clearance.sources.registry import get_source
    from clearance.store import Store
    from clearance.store.bootstrap import bundled_files, load_sources

    load_sources()
    spec = get_source(source)
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        if path is None:
            files = bundled_files(spec)
            if len(files) > 1:
                for member in files:
                    (Path(tmp) / "set").mkdir(exist_ok=True)
                    (Path(tmp) / "set" / member.name).write_bytes(member.read_bytes())
                files = [Path(tmp) / "set" / f.name for f in files]
            target = reader_input(files)
        else:
            target = Path(path)
        started = time.perf_counter()
        parsed = sum(1 for _ in spec.reader(target))
        parse_s = time.perf_counter() - started

        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        started = time.perf_counter()
        result = store.ingest(source, target)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        loaded = sum(1 for _ in store.active_entities())
        load_s = time.perf_counter() - started
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "source": source,
        "file": path or ", ".join(spec.bundled),
        "records": parsed,
        "entities": result.snapshot.entity_count,
        "listings": result.snapshot.listing_count,
        "parse_s": parse_s,
        "ingest_s": ingest_s,
        "ratio": ingest_s / parse_s if parse_s else float("nan"),
        "reload_s": loaded and load_s,
        "peak_mb": peak_kb / 1024,
        "added_mb": (peak_kb - rss_start) / 1024,
    }


def jobs() -> list[tuple[str, str | None]]:
    from clearance.store.bootstrap import bundled_sources

    listed: list[tuple[str, str | None]] = [(spec.name, None) for spec in bundled_sources()]
    if SHARED_CSL.exists():
        listed.append(("us_csl", str(SHARED_CSL)))
    return listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", nargs="+", metavar=("SOURCE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        path = args.one[1] if len(args.one) > 1 else None
        print(json.dumps(measure(args.one[0], path)))
        return
    rows = []
    for source, path in jobs():
        command = [sys.executable, __file__, "--one", source, *([path] if path else [])]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output))
    header = (
        f"{'source':22} {'file':44} {'entities':>8} {'listings':>8} {'parse s':>8} "
        f"{'ingest s':>8} {'ratio':>6} {'reload s':>8} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        name = str(row["file"])
        name = name if len(name) <= 44 else "…" + name[-43:]
        print(
            f"{row['source']:22} {name:44} {row['entities']:>8} {row['listings']:>8} "
            f"{row['parse_s']:>8.2f} {row['ingest_s']:>8.2f} {row['ratio']:>6.2f} "
            f"{row['reload_s']:>8.2f} {row['peak_mb']:>8.0f}"
        )
    print("ratio = ingest time / reader-only parse time, measured in the same process.")


if __name__ == "__main__":
    main()
