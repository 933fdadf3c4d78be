"""Commands over the store: ingest, update, sources, diff, show, and the audit log.

Each command is a thin shell: it calls the service / store, prints Rich output for people or
JSON (`--json`) for programs, and shows progress bars on stderr when stderr is a terminal.
"""

from __future__ import annotations

import getpass
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich import box
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from clearance.cli.app import app, console, err_console, get_service, print_error
from clearance.errors import ClearanceError, DataError, InputError
from clearance.model import Entity, Snapshot
from clearance.sources.download import fetch, reader_input, source_urls
from clearance.sources.registry import SourceSpec, get_source
from clearance.store import IngestResult, SnapshotDiff
from clearance.store.audit import parse_anchor
from clearance.store.bootstrap import load_sources

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]
# A new file with less than half the entities of the active snapshot is refused by default.
MAX_SHRINK = 0.5
AllowShrinkOption = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Accept a file with far fewer entities than the active snapshot (normally refused).",
    ),
]

audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def _print_json(value: Any) -> None:
    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int], None] | None]:
    """A counter of entities read, on stderr, only when a person is watching."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn(label),
        MofNCompleteColumn(),
        TextColumn("entities"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(count: int) -> None:
            bar.update(task, completed=count)

        yield advance


def _describe_result(result: IngestResult) -> Text:
    snap = result.snapshot
    if result.unchanged:
        return Text(
            f"{snap.source}: unchanged — same content as active snapshot {snap.id} "
            f"({snap.entity_count} entities)"
        )
    return Text(
        f"{snap.source}: snapshot {snap.id} is now active, {snap.entity_count} entities, "
        f"{snap.listing_count} listings; {result.diff.summary()}"
        + (f" since snapshot {result.diff.old}" if result.diff.old is not None else "")
    )


def _result_json(result: IngestResult) -> dict[str, Any]:
    return {
        "snapshot": result.snapshot.to_dict(),
        "unchanged": result.unchanged,
        "diff": result.diff.to_dict(),
    }


@app.command()
def ingest(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Source name, e.g. us_csl (see `sources`).")],
    path: Annotated[Path, typer.Argument(help="The list file, or the directory of a file set.")],
    origin: Annotated[
        str | None, typer.Option(help="Where the file came from (default: its path).")
    ] = None,
    allow_shrink: AllowShrinkOption = False,
    json_output: JsonOption = False,
) -> None:
    """Ingest a list file as a new snapshot of SOURCE (a no-op if the content is unchanged)."""
    load_sources()
    get_source(source)
    if not path.exists():
        raise InputError("no such file or directory", file=path)
    store = get_service(ctx).store
    with _progress(f"ingesting {source}") as progress:
        result = store.ingest(
            source,
            path,
            origin=origin or str(path.resolve()),
            progress=progress,
            actor=_actor(),
            max_shrink=_max_shrink(allow_shrink),
        )
    if json_output:
        _print_json(_result_json(result))
    else:
        console.print(_describe_result(result), soft_wrap=True)


@app.command()
def update(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Sources to update (default: every source with a download URL)."),
    ] = None,
    allow_shrink: AllowShrinkOption = False,
    json_output: JsonOption = False,
) -> None:
    """Download sources from their official URLs, verify, ingest, and report what changed.

    On any failure the previous snapshot of that source stays active.
    """
    specs = [get_source(name) for name in sources] if sources else _downloadable()
    service = get_service(ctx)
    store = service.store
    results: list[dict[str, Any]] = []
    failures: list[ClearanceError] = []
    for spec in specs:
        urls = source_urls(spec)
        try:
            with tempfile.TemporaryDirectory(prefix=f"clearance-{spec.name}-") as tmp:
                with _status(f"downloading {spec.name}"):
                    paths = fetch(spec, Path(tmp), timeout=service.settings.download_timeout)
                with _progress(f"ingesting {spec.name}") as progress:
                    result = store.ingest(
                        spec.name,
                        reader_input(paths),
                        origin=", ".join(urls),
                        progress=progress,
                        actor=_actor(),
                        max_shrink=_max_shrink(allow_shrink),
                    )
        except ClearanceError as exc:
            failures.append(exc)
            results.append({"source": spec.name, "error": exc.message})
            if not json_output:
                print_error(exc)
            continue
        results.append({"source": spec.name, **_result_json(result)})
        if not json_output:
            console.print(_describe_result(result), soft_wrap=True)
    if json_output:
        _print_json(results)
    if failures:
        raise typer.Exit(failures[0].exit_code)


def _max_shrink(allow_shrink: bool) -> float | None:
    return None if allow_shrink else MAX_SHRINK


def _downloadable() -> list[SourceSpec]:
    return [spec for spec in load_sources() if source_urls(spec)]


@contextmanager
def _status(message: str) -> Iterator[None]:
    if sys.stderr.isatty():
        with err_console.status(message):
            yield
    else:
        yield


@app.command("sources")
def sources_command(
    ctx: typer.Context,
    json_output: JsonOption = False,
) -> None:
    """The known sources (with the date of their bundled copy) and every ingested snapshot."""
    specs = load_sources()
    store = get_service(ctx).store
    snaps = store.snapshots()
    if json_output:
        _print_json(
            {
                "data_version": store.data_version(),
                "sources": [_spec_json(spec) for spec in specs],
                "snapshots": [snap.to_dict() for snap in snaps],
            }
        )
        return
    console.print(_sources_table(specs))
    console.print(_snapshots_table(snaps))
    console.print(Text(f"data version: {store.data_version()}"), soft_wrap=True)


def _spec_json(spec: SourceSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "title": spec.title,
        "bundled": list(spec.bundled),
        "bundled_data_date": spec.data_date,
        "urls": list(source_urls(spec)),
    }


def _sources_table(specs: list[SourceSpec]) -> Table:
    table = Table(title="Sources", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for column in ("source", "title", "bundled data date", "download"):
        table.add_column(column, no_wrap=column != "title")
    for spec in specs:
        table.add_row(
            Text(spec.name),
            Text(spec.title),
            Text(spec.data_date or "—"),
            Text("yes" if source_urls(spec) else "—"),
        )
    return table


def _snapshots_table(snaps: list[Snapshot]) -> Table:
    # Compact, so that an 80-column pipe still shows every column (listings: see --json).
    table = Table(title="Snapshots", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for column in ("id", "source", "data date", "fetched UTC", "count"):
        numeric = column in ("id", "count")
        table.add_column(column, justify="right" if numeric else "left", no_wrap=True)
    table.add_column("active", no_wrap=True)
    table.add_column("origin", overflow="fold", min_width=8)
    for snap in snaps:
        table.add_row(
            str(snap.id),
            Text(snap.source),
            snap.data_date.isoformat() if snap.data_date else "—",
            snap.fetched_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M"),
            str(snap.entity_count),
            "✔" if snap.active else "",
            Text(snap.origin),
        )
    return table


@app.command()
def diff(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Source name.")],
    old: Annotated[int | None, typer.Argument(help="Older snapshot id.")] = None,
    new: Annotated[int | None, typer.Argument(help="Newer snapshot id.")] = None,
    limit: Annotated[int, typer.Option(help="Entity ids shown per section.")] = 50,
    json_output: JsonOption = False,
) -> None:
    """What changed between two snapshots of SOURCE (default: the active one and the one before)."""
    if (old is None) != (new is None):
        raise InputError("give both OLD and NEW snapshot ids, or neither", field="OLD NEW")
    result = get_service(ctx).store.diff(source, old, new)
    if json_output:
        _print_json(result.to_dict())
        return
    _print_diff(result, limit)


def _print_diff(result: SnapshotDiff, limit: int) -> None:
    old = result.old if result.old is not None else "nothing"
    console.print(
        Text(f"{result.source}: snapshot {old} → {result.new}: {result.summary()}"), soft_wrap=True
    )
    sections: list[tuple[str, list[str]]] = [("added", result.added), ("removed", result.removed)]
    for title, ids in sections:
        for entity_id in ids[:limit]:
            console.print(Text(f"  {title:8} {entity_id}"), soft_wrap=True)
        if len(ids) > limit:
            console.print(Text(f"  … {len(ids) - limit} more {title}"), soft_wrap=True)
    for entity_id, fields in list(result.changed.items())[:limit]:
        console.print(Text(f"  changed  {entity_id}: {', '.join(fields)}"), soft_wrap=True)
    if len(result.changed) > limit:
        console.print(Text(f"  … {len(result.changed) - limit} more changed"), soft_wrap=True)


@app.command()
def show(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(help="Entity id, e.g. us_csl:…, un_sc:QDi.001.")],
    json_output: JsonOption = False,
) -> None:
    """One entity of the active data: names, identifiers, addresses and its listings."""
    entity = get_service(ctx).store.entity(entity_id)
    if json_output:
        _print_json(entity.to_dict())
        return
    _print_entity(entity)


def _print_entity(entity: Entity) -> None:
    console.print(Text.assemble((entity.caption, "bold"), f"  ({entity.schema}, {entity.id})"))
    props = Table(show_header=False, box=None)
    props.add_column("property", style="dim")
    props.add_column("values", overflow="fold")
    for prop, values in sorted(entity.properties.items()):
        props.add_row(Text(prop), Text("; ".join(values)))
    console.print(props)
    for listing in entity.listings:
        console.print(
            Text(f"listed: {listing.source_list} ({listing.list_id})", style="bold"), soft_wrap=True
        )
        details = listing.to_dict()
        for key in ("programs", "start_date", "end_date", "citations", "license_requirement"):
            value = details[key]
            if value:
                shown = ", ".join(value) if isinstance(value, list) else str(value)
                console.print(Text(f"  {key}: {shown}"), soft_wrap=True)
        for key in ("license_policy", "remarks"):
            if details[key]:
                console.print(Text(f"  {key}: {details[key]}"), soft_wrap=True)


@audit_app.command("head")
def audit_head(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """Print the chain head as SEQ:HASH, to keep outside the database for `verify --anchor`."""
    head = get_service(ctx).store.audit_head()
    if json_output:
        _print_json({"seq": head.seq, "hash": head.hash, "anchor": f"{head.seq}:{head.hash}"})
    else:
        console.print(Text(f"{head.seq}:{head.hash}"), soft_wrap=True)


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    anchor: Annotated[
        str | None,
        typer.Option(
            help="A SEQ:HASH printed earlier by `audit head` and kept outside the database: "
            "also catches a rewrite of the whole log."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Check the audit log's hash chain; exit 3 if any record was edited, deleted or moved."""
    head = None
    if anchor is not None:
        head = parse_anchor(anchor)
        if head is None:
            raise InputError(
                f"{anchor!r} is not an anchor; expected SEQ:HASH as `clearance audit head` "
                "prints it (a number, a colon, 64 hex digits)",
                field="--anchor",
            )
    problems = get_service(ctx).store.audit_verify(head)
    if json_output:
        _print_json({"ok": not problems, "problems": [p.to_dict() for p in problems]})
    elif not problems:
        console.print(Text("audit log intact"), soft_wrap=True)
    else:
        for problem in problems:
            console.print(
                Text(f"record {problem.seq}: {problem.problem} — {problem.detail}"), soft_wrap=True
            )
    if problems:
        raise DataError(f"the audit log has {len(problems)} problem(s)")


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Argument(help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Write the audit log as JSON lines, one record per line."""
    store = get_service(ctx).store
    if output is None:
        store.audit_export(sys.stdout)
        return
    with output.open("w", encoding="utf-8") as fh:
        count = store.audit_export(fh)
    err_console.print(Text(f"{count} audit records written to {output}"), soft_wrap=True)
