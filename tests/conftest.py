"""Shared fixtures. Tests are offline: any Python socket connection fails (libpq, which
reaches the test PostgreSQL server, opens its own sockets).

Store backends: every test that takes ``store`` or ``new_store`` runs on SQLite and, when
``PUKARA_TEST_PG_URL`` names a PostgreSQL server with PostGIS (a maintenance database the
tests may create databases from), on PostgreSQL too; ``pytest_report_header`` prints which
ran. ``PUKARA_REQUIRE_PG=1`` (set by CI) makes a missing server an error instead of a skip.
Tests that need ``../shared`` (the real corpus and the scorer) skip with the reason when it
is absent; CI fails before the tests if it is missing.
"""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pukara.store import SQLiteStore, SQLStore, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
PG_URL = os.environ.get("PUKARA_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("PUKARA_REQUIRE_PG") == "1"
BACKENDS = ["sqlite", "postgres"] if PG_URL else ["sqlite"]
_counter = itertools.count()


def pytest_report_header(config: pytest.Config) -> str:
    pg = "postgres (PUKARA_TEST_PG_URL)" if PG_URL else "postgres NOT run (set PUKARA_TEST_PG_URL)"
    shared = "present" if SHARED.is_dir() else "absent: tests that need it are skipped"
    return f"store backends: sqlite, {pg}; ../shared {shared}"


def pytest_sessionstart(session: pytest.Session) -> None:
    if REQUIRE_PG and not PG_URL:
        raise pytest.UsageError("PUKARA_REQUIRE_PG=1 but PUKARA_TEST_PG_URL is not set")


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not SHARED.is_dir(), reason=f"needs the shared corpus at {SHARED} (not in this clone)"
    )


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def refuse(self: socket.socket, address: object) -> None:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)  # type: ignore[arg-type]  # local database socket
        raise OSError("network access is disabled in tests")

    def refuse_any(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse_any)


_template: list[str] = []


def _pg_url(name: str) -> str:
    base, _, query = PG_URL.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def _pg_database(name: str) -> str:
    """A fresh store database on the test server, copied from a template that the
    migrations were applied to once per session; returns its URL."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        if not _template:
            template = f"pukara_tmpl_{os.getpid()}"
            conn.execute(f'DROP DATABASE IF EXISTS "{template}"')
            conn.execute(f'CREATE DATABASE "{template}"')
            open_store(_pg_url(template)).close()
            _template.append(template)
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_template[0]}"')
    return _pg_url(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_store(backend: str, tmp_path: Path) -> Iterator[Callable[[], SQLStore]]:
    """A factory of fresh, empty stores on the test's backend (closed afterwards)."""
    opened: list[SQLStore] = []

    def make() -> SQLStore:
        n = next(_counter)
        if backend == "sqlite":
            store: SQLStore = SQLiteStore(tmp_path / f"kb{n}.db")
        else:
            store = open_store(_pg_database(f"pukara_t{os.getpid()}_{n}"))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(new_store: Callable[[], SQLStore]) -> SQLStore:
    return new_store()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus absent at {SEEDS} (a clone without ../shared)")
    return SEEDS
