"""Load the bundled lists into an empty store, so a first command works with no network.

The package ships gzip copies of the newest complete public-domain lists in `clearance/data`;
each `SourceSpec.bundled` names its files there.
"""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from clearance.errors import DataError
from clearance.sources.registry import SourceSpec, all_sources
from clearance.store.store import IngestResult, Store

BUNDLED_ORIGIN = "bundled"


def load_sources() -> list[SourceSpec]:
    """Import every module of `clearance.sources`, so each registers its SourceSpec."""
    package = importlib.import_module("clearance.sources")
    for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)
    return all_sources()


def bundled_dir() -> Path:
    return Path(str(resources.files("clearance") / "data"))


def bundled_sources() -> list[SourceSpec]:
    return [spec for spec in load_sources() if spec.bundled]


def ensure_bundled(store: Store, *, show_progress: bool | None = None) -> list[IngestResult]:
    """If the store is empty, ingest every source's bundled files (origin "bundled").

    A bootstrap that was interrupted (the store holds bundled snapshots only, some sources
    missing) is completed; a store that holds any other data is left alone.
    """
    snaps = store.snapshots()
    if any(snap.origin != BUNDLED_ORIGIN for snap in snaps):
        return []
    loaded = {snap.source for snap in snaps}
    specs = [spec for spec in bundled_sources() if spec.name not in loaded]
    if not specs:
        return []
    # Check the whole installation first, so a broken one does not load half the lists.
    for spec in specs:
        bundled_files(spec)
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    if not show_progress:
        return [ingest_bundled(store, spec) for spec in specs]
    columns = (
        TextColumn("loading bundled {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    results: list[IngestResult] = []
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        for spec in specs:
            task = bar.add_task(spec.name, total=None)
            results.append(ingest_bundled(store, spec, progress=_advance(bar, task)))
    return results


def bundled_files(spec: SourceSpec) -> list[Path]:
    """The bundled files of `spec`; DataError if the installation lacks any of them."""
    files = [bundled_dir() / name for name in spec.bundled]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise DataError(
            f"bundled data of {spec.name} is missing from the installation: {', '.join(missing)}"
        )
    return files


def _advance(bar: Progress, task: TaskID) -> Callable[[int], None]:
    def update(count: int) -> None:
        bar.update(task, completed=count)

    return update


def ingest_bundled(
    store: Store, spec: SourceSpec, *, progress: Callable[[int], None] | None = None
) -> IngestResult:
    """Ingest one source's bundled copy: the file itself, or a directory holding just its set."""
    files = bundled_files(spec)
    data_date = date.fromisoformat(spec.data_date) if spec.data_date else None
    if len(files) == 1:
        return store.ingest(
            spec.name, files[0], origin=BUNDLED_ORIGIN, data_date=data_date, progress=progress
        )
    with tempfile.TemporaryDirectory(prefix=f"clearance-{spec.name}-") as tmp:
        for member in files:
            shutil.copyfile(member, Path(tmp) / member.name)
        return store.ingest(
            spec.name, Path(tmp), origin=BUNDLED_ORIGIN, data_date=data_date, progress=progress
        )
