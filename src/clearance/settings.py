"""Every tunable of clearance, declared once: type, default, description, environment variable.

`Settings.from_env()` reads the environment; `Settings.describe()` is what `clearance config`
prints and what is recorded with each decision.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir


def _default_db_url() -> str:
    path = Path(user_data_dir("clearance", appauthor=False)) / "clearance.sqlite"
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    description: str


SETTINGS_DOC: tuple[Setting, ...] = (
    Setting("db_url", "CLEARANCE_DB", "SQLAlchemy URL or SQLite file path of the store"),
    Setting("cache_dir", "CLEARANCE_CACHE", "where the compiled match index is cached"),
    Setting(
        "match_threshold",
        "CLEARANCE_MATCH_THRESHOLD",
        "score at or above which a result is a match",
    ),
    Setting(
        "review_threshold",
        "CLEARANCE_REVIEW_THRESHOLD",
        "score at or above which a result needs review",
    ),
    Setting(
        "download_timeout", "CLEARANCE_DOWNLOAD_TIMEOUT", "seconds before a stalled download fails"
    ),
    Setting(
        "media_dir", "CLEARANCE_MEDIA_DIR", "news readings, drafts, approved/ records for decide"
    ),
)


@dataclass(frozen=True)
class Settings:
    db_url: str
    cache_dir: Path
    match_threshold: float = 0.7
    review_threshold: float = 0.5
    download_timeout: float = 60.0
    media_dir: Path | None = None

    @property
    def media_path(self) -> Path:
        """Readings, drafts and (in `approved/`) the approved policy records of the news."""
        return self.media_dir or self.cache_dir / "media"

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        env = os.environ
        raw_db = db or env.get("CLEARANCE_DB") or _default_db_url()
        cache = env.get("CLEARANCE_CACHE") or user_data_dir("clearance", appauthor=False)
        return cls(
            db_url=normalise_db_url(raw_db),
            cache_dir=Path(cache),
            match_threshold=float(env.get("CLEARANCE_MATCH_THRESHOLD", 0.7)),
            review_threshold=float(env.get("CLEARANCE_REVIEW_THRESHOLD", 0.5)),
            download_timeout=float(env.get("CLEARANCE_DOWNLOAD_TIMEOUT", 60.0)),
            media_dir=Path(env.get("CLEARANCE_MEDIA_DIR") or Path(cache) / "media"),
        )

    def describe(self) -> dict[str, Any]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}


def normalise_db_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (taken as SQLite)."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
