"""The `clearance` command line: a thin Typer shell over the core services.

Exit codes: 0 clean, 1 something was found (with --fail-on-match), 2 usage or input error,
3 data error, 4 not found, 5 download error.
"""

from __future__ import annotations

from clearance.cli import api_commands as _api_commands  # noqa: F401

# Each command module registers its commands on `app` when imported.
from clearance.cli import data_commands as _data_commands  # noqa: F401
from clearance.cli import match_commands as _match_commands  # noqa: F401
from clearance.cli import media_commands as _media_commands  # noqa: F401
from clearance.cli import policy_commands as _policy_commands  # noqa: F401
from clearance.cli.app import app, main

__all__ = ["app", "main"]
