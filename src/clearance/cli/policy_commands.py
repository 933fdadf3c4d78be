"""Commands over the policy engine: decide and timeline."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table as RichTable

from clearance.cli.app import CliState, app, console, get_service
from clearance.errors import InputError
from clearance.policy import Decision, Effect, Outcome, Reason, TimelineEvent, parse_day

_PLAIN: dict[str, Any] = {"highlight": False, "markup": False}
# The human view shows the strongest matches; --json carries every one.
_MATCHES_SHOWN = 5

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
    in_force, on_record = _group_reasons(decision.reasons)
    for group in in_force:
        reason = group.reason
        flag = f" (superseded by {reason.superseded_by})" if reason.superseded_by else ""
        entries = f" — {group.count} list entries" if group.count > 1 else ""
        console.print(f"  • {reason.rule}: {reason.effect}{flag}{entries}", **_PLAIN)
        console.print(f"      {reason.detail}", **_PLAIN)
        if group.citations:
            console.print(f"      [{'; '.join(group.citations)}]", **_PLAIN)
    if on_record:
        console.print(f"  not in force on {decision.as_of}:", **_PLAIN)
        for group in on_record:
            console.print(f"    · {group.reason.rule}: {_window_phrase(group.reason)}", **_PLAIN)
    for match in decision.matches[:_MATCHES_SHOWN]:
        strength = "match" if match.strong else "possible"
        console.print(
            f"  {strength} {match.score:.2f} {match.caption} ({match.entity_id})", **_PLAIN
        )
    if len(decision.matches) > _MATCHES_SHOWN:
        hidden = len(decision.matches) - _MATCHES_SHOWN
        console.print(f"  … and {hidden} more matches (--json lists them all)", **_PLAIN)
    console.print(f"  data version {decision.data_version}", highlight=False, markup=False)


@dataclass
class _ReasonGroup:
    """Reasons that say the same thing for several list entries of one party (the CSL
    repeats an Entity List entry per address), shown once with their citations merged."""

    reason: Reason
    citations: list[str] = field(default_factory=list)
    count: int = 0


_DORMANT = {Effect.NOT_YET_IN_FORCE, Effect.NO_LONGER_IN_FORCE, Effect.DOES_NOT_APPLY}


def _group_reasons(reasons: Sequence[Reason]) -> tuple[list[_ReasonGroup], list[_ReasonGroup]]:
    groups: dict[tuple[object, ...], _ReasonGroup] = {}
    for reason in reasons:
        key: tuple[object, ...] = (reason.rule, reason.effect, reason.detail, reason.superseded_by)
        if reason.effect in _DORMANT:
            key = (reason.rule, reason.effect, reason.valid_from, reason.valid_to)
        group = groups.setdefault(key, _ReasonGroup(reason))
        group.count += 1
        group.citations.extend(c for c in reason.citations if c not in group.citations)
    in_force = [g for g in groups.values() if g.reason.effect not in _DORMANT]
    on_record = [g for g in groups.values() if g.reason.effect in _DORMANT]
    return in_force, on_record


def _window_phrase(reason: Reason) -> str:
    if reason.effect is Effect.NOT_YET_IN_FORCE and reason.valid_from:
        return f"not yet in force (from {reason.valid_from})"
    if reason.effect is Effect.NO_LONGER_IN_FORCE and reason.valid_to:
        return f"no longer in force (until {reason.valid_to})"
    return str(reason.effect).replace("_", " ")


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
