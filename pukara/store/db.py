"""One connection to a knowledge base, whatever the engine: SQL in, tuples out.

``Database`` wraps a DB-API connection (``sqlite3`` or ``psycopg``) behind a handful of
methods (``rows``, ``one``, ``scalar``, ``run``, ``many``, ``transaction``) so that the
queries of ``pukara.store`` are written once. Queries use ``?`` placeholders; the
PostgreSQL subclass rewrites them to ``%s``. Lists are bound with ``in_list``, which gives
``col IN (?, ?, ...)`` on SQLite and ``col = ANY(?)`` (one array parameter) on PostgreSQL.
Engine errors surface as ``StoreError`` with the store's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pukara.errors import StoreError

__all__ = ["Database", "Row"]

Row = tuple[Any, ...]

# SQLite's default limit on bound variables is 32,766; stay well below it per statement.
_CHUNK = 5000


class Database:
    """Engine-neutral access to one connection. Subclasses set ``dialect``, ``errors`` and
    how a transaction starts."""

    dialect = "sqlite"
    errors: tuple[type[BaseException], ...] = ()

    def __init__(self, conn: Any, name: str) -> None:
        self.conn = conn
        self.name = name
        self._depth = 0

    # -- SQL in, rows out ---------------------------------------------------------------
    def sql(self, text: str) -> str:
        """The query as the engine wants it (placeholders)."""
        return text

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            cur = self.conn.execute(self.sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()]
        except self.errors as exc:
            raise StoreError(f"{self.name}: query failed: {exc}") from exc

    def iterate(self, sql: str, params: Sequence[Any] = (), size: int = 2000) -> Iterator[Row]:
        """Rows one batch at a time, for tables too large to hold at once."""
        try:
            cur = self.conn.execute(self.sql(sql), tuple(params))
            while batch := cur.fetchmany(size):
                yield from (tuple(r) for r in batch)
        except self.errors as exc:
            raise StoreError(f"{self.name}: query failed: {exc}") from exc

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Execute a statement; returns the number of rows it changed."""
        try:
            cur = self.conn.execute(self.sql(sql), tuple(params))
            return int(cur.rowcount or 0)
        except self.errors as exc:
            raise StoreError(f"{self.name}: statement failed: {exc}") from exc

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        try:
            self._executemany(self.sql(sql), batch)
        except self.errors as exc:
            raise StoreError(f"{self.name}: statement failed: {exc}") from exc

    def _executemany(self, sql: str, batch: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, batch)

    # -- lists ----------------------------------------------------------------------------
    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column IN (...)`` for ``values`` (false when empty)."""
        if not values:
            return "1 = 0", []
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def chunks(self, values: Sequence[Any]) -> Iterator[Sequence[Any]]:
        """``values`` in slices small enough to bind in one statement."""
        for start in range(0, len(values), _CHUNK):
            yield values[start : start + _CHUNK]

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A transaction; nested calls join the outer one. Rolls back on any exception."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            self._begin()
        except self.errors as exc:
            raise StoreError(f"{self.name}: cannot write: {exc}") from exc
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._commit()
        except self.errors as exc:
            self._rollback()
            raise StoreError(f"{self.name}: could not commit: {exc}") from exc

    def _begin(self) -> None:
        self.conn.execute("BEGIN")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except self.errors:  # nothing to roll back (the transaction never began)
            return

    def close(self) -> None:
        self.conn.close()


class SQLiteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, conn: Any, name: str) -> None:
        import sqlite3

        super().__init__(conn, name)
        self.errors = (sqlite3.Error,)

    def _begin(self) -> None:
        # IMMEDIATE takes the write lock at once, so two writers queue instead of failing
        # half-way with "database is locked".
        self.conn.execute("BEGIN IMMEDIATE")


_QMARK = re.compile(r"\?")


class PostgresDatabase(Database):
    dialect = "postgres"

    def __init__(self, conn: Any, name: str) -> None:
        import psycopg

        super().__init__(conn, name)
        self.errors = (psycopg.Error,)

    def sql(self, text: str) -> str:
        return _QMARK.sub("%s", text.replace("%", "%%"))

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        if not values:
            return "1 = 0", []
        return f"{column} = ANY(?)", [list(values)]

    def chunks(self, values: Sequence[Any]) -> Iterator[Sequence[Any]]:
        yield values  # one array parameter holds any number of values

    def _executemany(self, sql: str, batch: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql, batch)
