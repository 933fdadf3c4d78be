"""Store fixtures: a fresh store on SQLite and on the real PostgreSQL, and a tiny test source.

Each test module here imports them (a conftest.py in this folder would shadow the root
`conftest` module that test modules import helpers from).

The PostgreSQL database is created per test session (unique name, so parallel runs do not
collide) through the `test` database and dropped at the end.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

# Importing the module registers the test source for every test in this folder.
import people_source  # type: ignore[import-not-found]  # noqa: F401
import pytest
from sqlalchemy import create_engine, text

from clearance.store import Store

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(name="fixture_dir")
def fixture_dir_fixture() -> Path:
    return Path(__file__).resolve().parents[1] / "fixtures" / "store"


class _SessionDatabase:
    """One PostgreSQL database per test session, however many modules import the fixture.

    Each importing module gets its own session-scoped fixture definition, so the database is
    reference-counted: created by the first, dropped by the last teardown.
    """

    url: str | None = None
    users = 0

    @classmethod
    def acquire(cls) -> str:
        if cls.url is None:
            admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
            try:
                with admin.connect() as conn:
                    name = f"clearance_test_{secrets.token_hex(6)}"
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
            except Exception as exc:  # any connection failure means: no server to test against
                pytest.skip(f"PostgreSQL at 127.0.0.1:5432 (database 'test') not reachable: {exc}")
            finally:
                admin.dispose()
            cls.url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        cls.users += 1
        return cls.url

    @classmethod
    def release(cls) -> None:
        cls.users -= 1
        if cls.users or cls.url is None:
            return
        name = cls.url.rsplit("/", 1)[1]
        cls.url = None
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(name="postgres_url", scope="session")
def postgres_url_fixture() -> Iterator[str]:
    url = _SessionDatabase.acquire()
    yield url
    _SessionDatabase.release()


@pytest.fixture(
    name="store_url",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def store_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        # A fresh schema for each test in the session database: the audit log refuses
        # TRUNCATE (it is append-only), so the tables are dropped and migrated again.
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture(name="store")
def store_fixture(store_url: str) -> Iterator[Store]:
    instance = Store(store_url)
    yield instance
    instance.close()
