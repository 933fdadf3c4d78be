"""The HTTP API: yente-compatible matching, clearance's decisions, API keys and the audit trail."""

from clearance.api.app import create_app

__all__ = ["create_app"]
