"""The copies of the official lists shipped inside the package (`clearance/data/`), so a fresh
install answers real questions with no network. See `clearance/data/README.md` for what each
copy is and its date."""

from __future__ import annotations

from pathlib import Path

from clearance.errors import DataError, NotFoundError
from clearance.sources.registry import SourceSpec, all_sources

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def bundled_path(spec: SourceSpec) -> Path:
    """What to pass to `spec.reader`: the bundled file, or the directory of a bundled set."""
    if not spec.bundled:
        raise NotFoundError(f"source {spec.name!r} has no bundled copy")
    files = [DATA_DIR / name for name in spec.bundled]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise DataError(
            f"bundled copy of {spec.name!r} is incomplete: missing {', '.join(missing)}"
        )
    if len(files) == 1:
        return files[0]
    parents = {f.parent for f in files}
    if len(parents) != 1:
        raise DataError(f"bundled set of {spec.name!r} is spread over several directories")
    return parents.pop()


def bundled_sources() -> list[SourceSpec]:
    """Every source that ships a bundled copy, in name order."""
    return [spec for spec in all_sources() if spec.bundled]
