"""`clearance serve` and `clearance keys …`: running the HTTP API and managing its keys.

(`clearance audit verify|export` live with the store's commands in `data_commands`.)"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Annotated

import typer

from clearance.cli.app import app, console, err_console
from clearance.settings import Settings
from clearance.store.accounts import Role, accounts_of

if TYPE_CHECKING:
    from clearance.store import Store

WORKER_HEALTHCHECK_SECONDS = 60

keys_app = typer.Typer(help="API keys: create (shown once), list, revoke.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _settings(ctx: typer.Context) -> Settings:
    """Settings honouring the global `--db` option (kept on the root context's state)."""
    return Settings.from_env(getattr(ctx.find_root().obj, "db", None))


def _store(ctx: typer.Context) -> Store:
    from clearance.store import Store

    return Store(_settings(ctx).db_url)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    anonymous: Annotated[
        str, typer.Option(help="anonymous read-only screening: auto (loopback only), on, off")
    ] = "auto",
) -> None:
    """Serve the HTTP API (yente-compatible /match, /decide, …) with uvicorn."""
    import uvicorn

    from clearance.api.config import Anonymous, ApiSettings
    from clearance.api.logs import log_config

    try:
        mode = Anonymous(anonymous)
    except ValueError:
        err_console.print(f"[red]error:[/] --anonymous must be auto, on or off, not {anonymous!r}")
        raise typer.Exit(2) from None
    settings = _settings(ctx)
    api_settings = ApiSettings.from_env(host=host, anonymous=mode)
    # Workers are separate processes: they read their configuration from the environment.
    os.environ["CLEARANCE_DB"] = settings.db_url
    os.environ.update(api_settings.to_env())
    uvicorn.run(
        "clearance.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(),
        access_log=False,
        http="clearance.api.protocol:NoDelayProtocol",
        # A worker loading or swapping its index is busy, not hung: uvicorn's default 5 s
        # health check killed such workers on a loaded machine, failing their requests.
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


@keys_app.command("create")
def keys_create(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help="screen, analyst, approver or admin")],
    label: Annotated[str, typer.Option(help="whose key this is")] = "",
) -> None:
    """Create an API key and print it once; only its hash is stored."""
    record, key = accounts_of(_store(ctx)).create(Role.parse(role), label)
    err_console.print(f"created key {record.key_id} ({record.role}); it is shown only now:")
    print(key)


@keys_app.command("list")
def keys_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines for programs")] = False,
) -> None:
    """Every key with its role and state, never the secret."""
    for key in accounts_of(_store(ctx)).list():
        if as_json:
            print(json.dumps(key.to_dict()))
        else:
            state = "active" if key.active else f"revoked {key.revoked_at:%Y-%m-%d %H:%M}"
            console.print(f"{key.key_id}  {key.role:<8}  {state:<24}  {key.label}", highlight=False)


@keys_app.command("revoke")
def keys_revoke(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="the key id (second part of clr_<id>_…)")],
) -> None:
    """Revoke a key; servers stop accepting it within CLEARANCE_API_AUTH_CACHE seconds."""
    record = accounts_of(_store(ctx)).revoke(key_id)
    console.print(f"revoked {record.key_id} ({record.role})")
