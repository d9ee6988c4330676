"""SQLite backend: one file, numbered migrations, FTS5 search; the embedded default.

The file is opened in WAL mode (many readers beside one writer). Migrations run under an
exclusive ``flock`` of the database file, so that several processes opening a new store at
once (parallel ingests) apply them once, in order; SQLite's own locks are POSIX record locks
and do not interfere. ``read_only=True`` opens the file with ``mode=ro`` and
``PRAGMA query_only`` (the web app's connections): SQLite itself refuses every write.
"""

from __future__ import annotations

import fcntl
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from pukara.errors import StoreError
from pukara.model import TLP
from pukara.model.ids import claim_id
from pukara.model.periods import day_hi, day_lo
from pukara.store.db import SQLiteDatabase
from pukara.store.sqlstore import SQLStore

__all__ = ["SQLiteStore", "migrations"]


def migrations(backend: str = "sqlite") -> list[tuple[int, str]]:
    """(version, SQL) for every file in store/migrations/<backend>, in order."""
    folder = resources.files("pukara.store").joinpath("migrations", backend)
    found = []
    for entry in folder.iterdir():
        m = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text("utf-8")))
    return sorted(found)


def _register_functions(conn: sqlite3.Connection) -> None:
    """Functions migration 0007 computes stable ids and day bounds with (Python twins of
    pukara.model.ids and pukara.model.periods, so both give the same values)."""
    conn.create_function("pukara_claim_id", -1, lambda kind, doc, *p: claim_id(kind, doc, *p),
                         deterministic=True)  # fmt: skip
    conn.create_function("pukara_day_lo", 1, day_lo, deterministic=True)
    conn.create_function("pukara_day_hi", 1, day_hi, deterministic=True)
    conn.create_function("pukara_tlp_rank", 1, lambda t: TLP(t or "clear").rank, deterministic=True)
    conn.create_function("pukara_rel", 1, _rel_column, deterministic=True)


def _rel_column(value: str | None) -> str:
    parts = [p.strip().upper() for p in (value or "").split(",") if p.strip()]
    return f",{','.join(parts)}," if parts else ""


class SQLiteStore(SQLStore):
    """Pukara's knowledge base in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.url = self.path
        self.read_only = read_only
        conn = self._connect()
        self.db = SQLiteDatabase(conn, self.path)
        if read_only:
            self._check_version()
        else:
            with self._migration_lock():
                self._migrate()

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.read_only:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                       check_same_thread=False)  # fmt: skip
                conn.execute("PRAGMA query_only = ON")
                return conn
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=60
            )
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA synchronous = NORMAL")
            return conn
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a Pukara database or damaged: {exc}") from exc
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if self.path == ":memory:":
            yield
            return
        with Path(self.path).open("ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _migrate(self) -> None:
        """Apply every migration not applied yet, each in its own transaction.

        Applied numbers are recorded in ``schema_migrations``, so a migration that arrives
        with a lower number than one already applied is still applied. Stores from before
        that table count as having applied 1..user_version.
        """
        conn = self.db.conn
        _register_functions(conn)
        try:
            if self.path != ":memory:":  # under the lock: a new file is switched once
                conn.execute("PRAGMA journal_mode = WAL")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
            if not done and version:
                done = set(range(1, version + 1))
                conn.executemany(
                    "INSERT INTO schema_migrations VALUES (?, datetime('now'))",
                    [(v,) for v in done],
                )
            # Rebuilding a table (0007) drops the old one while others still refer to it:
            # foreign keys are checked once all migrations ran, not during them.
            conn.execute("PRAGMA foreign_keys = OFF")
            for number, sql in migrations():
                if number not in done:
                    top = max(number, version)
                    conn.executescript(
                        f"BEGIN;\n{sql}\nINSERT INTO schema_migrations VALUES ({number}, "
                        f"datetime('now'));\nPRAGMA user_version = {top};\nCOMMIT;"
                    )
                    version = top
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.DatabaseError(f"{len(broken)} rows refer to missing rows")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
            raise StoreError(f"{self.path}: not a Pukara database or damaged: {exc}") from exc

    def _check_version(self) -> None:
        try:
            version = self.schema_version
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open read-only: {exc}") from exc
        latest = migrations()[-1][0]
        if version != latest:
            self.db.close()
            raise StoreError(
                f"{self.path}: store schema version {version}, this Pukara reads version "
                f"{latest}; open it once with a writing command (e.g. `pukara refresh-clusters "
                f"--db {self.path}`) to migrate it"
            )

    @property
    def schema_version(self) -> int:
        return int(self.db.conn.execute("PRAGMA user_version").fetchone()[0])

    def table_columns(self, table: str) -> list[str]:
        return [r[1] for r in self.db.conn.execute(f"PRAGMA table_info({table})")]
