"""The Typer application, its global options, and the one place where errors become exit codes."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from clearance.errors import ClearanceError
from clearance.service import Clearance
from clearance.settings import Settings

app = typer.Typer(
    name="clearance",
    help="May we deal with this party, for this purpose, on this date — and why?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Messages carry paths, ids and file:line locations that scripts grep for, so
# they are never folded at the terminal width; tables still fit the width.
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


@dataclass
class CliState:
    """Global options, shared by every command through the Typer context."""

    db: str | None = None
    _service: Clearance | None = None

    def service(self) -> Clearance:
        if self._service is None:
            self._service = Clearance(Settings.from_env(db=self.db))
        return self._service


@app.callback()
def global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="CLEARANCE_DB",
            help="Store: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://…).",
        ),
    ] = None,
) -> None:
    ctx.obj = CliState(db=db)


def get_service(ctx: typer.Context) -> Clearance:
    """The service for this invocation (honours the global --db option)."""
    state = ctx.find_root().obj
    if not isinstance(state, CliState):
        state = CliState()
        ctx.find_root().obj = state
    return state.service()


def print_error(exc: ClearanceError) -> None:
    # Text, not markup: messages quote user data such as "[bracketed]" names and file paths.
    # soft_wrap: one error, one line, whatever the terminal width (logs and grep stay whole).
    err_console.print(Text.assemble(("error: ", "bold red"), exc.message), soft_wrap=True)


def main() -> None:
    try:
        app()
    except ClearanceError as exc:
        print_error(exc)
        sys.exit(exc.exit_code)
