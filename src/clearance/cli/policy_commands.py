"""Commands over the policy engine: decide and timeline."""

from __future__ import annotations

import sys
from typing import Annotated

import orjson
import typer
from rich.table import Table as RichTable

from clearance.cli.app import CliState, app, console, get_service
from clearance.errors import InputError
from clearance.policy import Decision, Outcome, TimelineEvent, parse_day

_COLOURS: dict[Outcome, str] = {
    Outcome.PROHIBITED: "bold red",
    Outcome.LICENSE_REQUIRED: "bold yellow",
    Outcome.REVIEW: "bold magenta",
    Outcome.AUTHORIZED: "bold cyan",
    Outcome.CLEAR: "bold green",
}


def _print_json(data: object) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def parse_fact_options(values: list[str]) -> dict[str, str]:
    facts: dict[str, str] = {}
    for value in values:
        key, sep, fact = value.partition("=")
        if not sep or not key.strip():
            raise InputError(f"expected key=value, got {value!r}", field="--fact")
        facts[key.strip()] = fact
    return facts


def _use_db(ctx: typer.Context, db: str | None) -> None:
    """A command-level --db overrides the global one, for `clearance decide … --db X`."""
    if db is not None:
        ctx.find_root().obj = CliState(db=db)


DbOption = Annotated[
    str | None, typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL.")
]


@app.command("decide")
def decide_command(
    ctx: typer.Context,
    party: Annotated[str, typer.Argument(help="the party as you would type it, any script")],
    activity: Annotated[str, typer.Option(help="what you want to do, e.g. export")],
    on: Annotated[str, typer.Option("--on", help="the date of the question, YYYY-MM-DD")],
    fact: Annotated[
        list[str] | None, typer.Option("--fact", help="a fact key=value, e.g. eccn=EAR99")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    db: DbOption = None,
) -> None:
    """May we do ACTIVITY with PARTY on this date — and why?"""
    day = parse_day(on, field="--on")
    facts = parse_fact_options(fact or [])
    _use_db(ctx, db)
    decision = get_service(ctx).decide(party, activity, day, facts)
    if as_json:
        _print_json(decision.to_dict())
        return
    _print_decision(decision)


def _print_decision(decision: Decision) -> None:
    colour = _COLOURS[decision.outcome]
    console.print(
        f"[{colour}]{decision.outcome}[/]  {decision.party} · {decision.activity} · "
        f"{decision.as_of}",
        highlight=False,
    )
    if decision.review_policy:
        console.print(f"  review policy: {decision.review_policy}", highlight=False, markup=False)
    for question in decision.questions:
        console.print(f"  ? {question}", highlight=False, markup=False)
    for reason in decision.reasons:
        flag = f" (superseded by {reason.superseded_by})" if reason.superseded_by else ""
        console.print(f"  • {reason.rule}: {reason.effect}{flag}", highlight=False, markup=False)
        console.print(f"      {reason.detail}", highlight=False, markup=False)
        if reason.citations:
            console.print(f"      [{'; '.join(reason.citations)}]", highlight=False, markup=False)
    for match in decision.matches:
        strength = "match" if match.strong else "possible"
        console.print(
            f"  {strength} {match.score:.2f} {match.caption} ({match.entity_id})",
            highlight=False,
            markup=False,
        )
    console.print(f"  data version {decision.data_version}", highlight=False, markup=False)


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    party: Annotated[str, typer.Argument(help="a listed entity id, or a party's name")],
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    db: DbOption = None,
) -> None:
    """Every dated event that changes what applies to a party, in order, with citations."""
    _use_db(ctx, db)
    events = get_service(ctx).timeline(party)
    if as_json:
        _print_json([event.to_dict() for event in events])
        return
    _print_timeline(events)


def _print_timeline(events: list[TimelineEvent]) -> None:
    table = RichTable("date", "event", "citations")
    for event in events:
        table.add_row(event.on.isoformat(), event.title, "; ".join(event.citations))
    console.print(table)
