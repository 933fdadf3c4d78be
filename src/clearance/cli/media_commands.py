"""`clearance media …`: read news articles into parties and candidate events; accept, approve."""

from __future__ import annotations

import getpass
import json
from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from clearance.cli.app import app, console, get_service
from clearance.errors import InputError
from clearance.media.build import media_drafts, service_reader
from clearance.media.drafts import DraftBook
from clearance.media.inputs import read_articles
from clearance.media.types import Reading

media_app = typer.Typer(
    help="Adverse media: news articles into candidate events.", no_args_is_help=True
)
app.add_typer(media_app, name="media")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]
SHOWN_ENTITIES = 3


def _actor(given: str | None) -> str:
    if given:
        return given
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def _drafts(ctx: typer.Context) -> DraftBook:
    return media_drafts(get_service(ctx))


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"expected YYYY-MM-DD, got {value!r}", field="--published") from None


def _print_reading(reading: Reading) -> None:
    article = reading.article
    when = article.published or "unknown"
    console.print(f"[bold]{article.title or article.source}[/] ({article.id}, published {when})")
    parties = Table("party", "status", "mentions", "listed entities")
    for party in reading.parties:
        shown = ", ".join(f"{e.caption} ({e.score:.2f})" for e in party.entities[:SHOWN_ENTITIES])
        more = len(party.entities) - SHOWN_ENTITIES
        parties.add_row(
            party.name,
            str(party.status),
            str(party.mention_count),
            shown + (f" +{more}" if more > 0 else ""),
        )
    console.print(parties)
    for event in reading.events:
        window = f"{event.start or '?'} → {event.end or '?'}"
        record = f" ({event.policy.record_id})" if event.policy.record_id else ""
        console.print(
            f"[bold]{event.id}[/] {event.kind} · {event.party} · {event.measure or 'measure ?'}"
            f" · {window} · confidence {event.confidence:.2f} · {event.policy.status}{record}",
            highlight=False,
        )
        console.print(f"    “{event.sentence}”", highlight=False, markup=False)
    for citation in reading.citations:
        console.print(f"citation ({citation.kind}): {citation.normalised}")


@media_app.command("read")
def read_command(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(help="An article file, a folder, a URL or an RSS/Atom feed.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD: resolves 'last week'.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The parties an article names, their list matches and the events it reports."""
    service = get_service(ctx)
    articles = read_articles(
        target, published=_published(published), timeout=service.settings.download_timeout
    )
    reader = service_reader(service)
    book = _drafts(ctx)
    readings = [reader.read(article) for article in articles]
    for reading in readings:
        book.keep(reading)
    if json_output:
        document: Any = [r.to_dict() for r in readings]
        typer.echo(
            json.dumps(document if len(readings) > 1 else document[0], ensure_ascii=False, indent=2)
        )
        return
    for reading in readings:
        _print_reading(reading)


@media_app.command("accept")
def accept_command(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="An event id printed by `media read`.")],
    actor: Annotated[str | None, typer.Option(help="Who accepts (default: the OS user).")] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            help="An activity a licence authorizes (e.g. network_maintenance), when the "
            "article does not say it in words clearance reads; repeatable.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Turn a reviewed event into a DRAFT policy record; it is not policy until approved."""
    draft = _drafts(ctx).accept(event_id, _actor(actor), tuple(activity or ()))
    if json_output:
        typer.echo(json.dumps(draft.to_dict(), ensure_ascii=False, indent=2))
        return
    console.print(
        f"{draft.id}: draft {draft.record_family} record from {event_id}; "
        f"approve with `clearance media approve {draft.id}`"
    )


@media_app.command("approve")
def approve_command(
    ctx: typer.Context,
    draft_id: Annotated[str, typer.Argument(help="A draft id printed by `media accept`.")],
    actor: Annotated[
        str | None, typer.Option(help="Who approves: not the one who accepted.")
    ] = None,
) -> None:
    """Approve a draft (four eyes): written to <media_dir>/approved/, `decide` now uses it."""
    path = _drafts(ctx).approve(draft_id, _actor(actor))
    console.print(f"{draft_id}: approved, written to {path}; decide and timeline now use it")


@media_app.command("drafts")
def drafts_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """The drafts and their status."""
    drafts = _drafts(ctx).list()
    if json_output:
        typer.echo(json.dumps([d.to_dict() for d in drafts], ensure_ascii=False, indent=2))
        return
    table = Table("draft", "status", "record", "party", "accepted by", "approved by")
    for d in drafts:
        table.add_row(
            d.id,
            d.status,
            d.record_family,
            str(d.event.get("party")),
            d.accepted_by,
            d.approved_by or "",
        )
    console.print(table)
