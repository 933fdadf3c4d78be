"""Commands over the matcher: compare, search, screen."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from clearance.cli.app import app, console, err_console, get_service
from clearance.errors import InputError
from clearance.match.types import Comparison, Match, Query


def _print_json(data: object) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def _comparison_dict(comparison: Comparison) -> dict[str, object]:
    return {
        "score": comparison.score,
        "query_name": comparison.query_name,
        "candidate_name": comparison.candidate_name,
        "explanation": comparison.explanation(),
        "features": {f.name: f.to_dict() for f in comparison.features},
    }


def _match_dict(match: Match) -> dict[str, object]:
    return {
        "id": match.entity.id,
        "caption": match.entity.caption,
        "schema": str(match.entity.schema),
        "score": match.score,
        "match": match.is_match,
        "comparison": _comparison_dict(match.comparison),
        "lists": [listing.list_id for listing in match.entity.listings],
    }


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date; expected YYYY-MM-DD", field="--dob") from None


@app.command("compare")
def compare_command(
    name1: Annotated[str, typer.Argument(help="the first name, e.g. 华为技术有限公司")],
    name2: Annotated[str, typer.Argument(help="the second name")],
    schema: Annotated[str, typer.Option(help="Person, Company, Organization, Vessel…")] = "Person",
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
) -> None:
    """Score two names as the screener would, and say why."""
    from clearance.match import compare

    result = compare(name1, name2, schema)
    if as_json:
        _print_json(_comparison_dict(result))
        return
    console.print(f"[bold]{result.score:.2f}[/]  {name1}  ↔  {name2}", highlight=False)
    for feature in result.features:
        console.print(f"  {feature.name}: {feature.detail}", highlight=False, markup=False)


@app.command("search")
def search_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="the name to look for, in any script")],
    schema: Annotated[str | None, typer.Option(help="Person, Company, Vessel…")] = None,
    country: Annotated[list[str] | None, typer.Option(help="country name or code")] = None,
    dob: Annotated[str | None, typer.Option(help="date of birth, YYYY-MM-DD")] = None,
    identifier: Annotated[list[str] | None, typer.Option("--id", help="an identifier")] = None,
    threshold: Annotated[float | None, typer.Option(help="match threshold (0-1)")] = None,
    limit: Annotated[int, typer.Option(help="number of results")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    fail_on_match: Annotated[bool, typer.Option(help="exit 1 when a match is found")] = False,
) -> None:
    """Search the listed parties for a name, with explanations."""
    from clearance.match.compare import parse_schema

    query = Query(
        names=(name,),
        schema=parse_schema(schema),
        countries=tuple(country or ()),
        birth_date=_parse_date(dob),
        identifiers=tuple(identifier or ()),
    )
    results = get_service(ctx).screener.match(query, threshold=threshold, limit=limit)
    if as_json:
        _print_json({"query": name, "results": [_match_dict(m) for m in results]})
    else:
        table = RichTable("score", "match", "id", "name", "listed as", "why")
        for m in results:
            listed = m.comparison.candidate_name
            table.add_row(
                f"{m.score:.2f}",
                "yes" if m.is_match else "",
                m.entity.id,
                m.entity.caption,
                # The name that matched, where it is not the caption (an alias, another script).
                listed if listed != m.entity.caption else "",
                m.comparison.explanation(),
            )
        console.print(table)
    if fail_on_match and any(m.is_match for m in results):
        raise typer.Exit(1)


@app.command("screen")
def screen_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV, XLSX or Parquet file of parties")],
    out: Annotated[Path | None, typer.Option(help="result file (default: FILE.screened.*)")] = None,
    name_column: Annotated[str, typer.Option(help="column holding the name")] = "name",
    country_column: Annotated[str | None, typer.Option(help="column holding a country")] = None,
    dob_column: Annotated[str | None, typer.Option(help="column holding a birth date")] = None,
    id_column: Annotated[str | None, typer.Option(help="column holding an identifier")] = None,
    schema: Annotated[str | None, typer.Option(help="schema of every row")] = None,
    threshold: Annotated[float | None, typer.Option(help="match threshold (0-1)")] = None,
    fail_on_match: Annotated[bool, typer.Option(help="exit 1 when a row matches")] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="processes screening rows in parallel (same results)")
    ] = 1,
) -> None:
    """Screen every row of a file; write it back with match columns; print a summary."""
    from clearance.batch import ColumnMapping, screen_file
    from clearance.match.compare import parse_schema

    target = out or file.with_name(f"{file.stem}.screened{file.suffix}")
    mapping = ColumnMapping(
        name_column, country_column, dob_column, id_column, parse_schema(schema)
    )
    screener = get_service(ctx).screener
    columns = (TextColumn("screening"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
    with Progress(*columns, TimeRemainingColumn(), console=err_console) as bar:
        task = bar.add_task("rows", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = screen_file(screener, file, target, mapping, threshold, advance, workers)
    for error in summary.errors:
        err_console.print(f"{file}, line {error.line}, field {error.field!r}: {error.message}")
    err_console.print(
        f"{summary.rows} rows, {summary.hits} hits ({summary.hit_rate:.1%}), "
        f"{len(summary.errors)} malformed rows; results in {target}",
        highlight=False,
    )
    if fail_on_match and summary.hits:
        raise typer.Exit(1)
