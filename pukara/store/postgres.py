"""PostgreSQL 15 + PostGIS backend: the store for teams, behind the same ``Store`` protocol.

``PostgresStore("postgresql://user@host/db")`` connects with psycopg 3, applies the numbered
migrations of ``store/migrations/postgres`` under an advisory lock (parallel first use is
safe), and writes the same tables as SQLite. What differs lives here and in ``db.py``:
full-text search is a ``tsvector`` of the accent-folded title and text (GIN index) instead of
FTS5, places and observations carry PostGIS points with GiST indexes (the map's bounding-box
queries and point-in-polygon placement use them), and first-level divisions are polygons in
``regions``, loaded from the gazetteer's shapes on first use.
"""

from __future__ import annotations

import json
from typing import Any

from pukara.errors import StoreError
from pukara.model import Document
from pukara.model.textnorm import fold
from pukara.store.db import Database, PostgresDatabase
from pukara.store.sqlite import migrations
from pukara.store.sqlstore import SQLStore

__all__ = ["PostgresStore"]

_LOCK_KEY = 7_021_946_113  # pg_advisory_lock key of Pukara's migrations


class PostgresStore(SQLStore):
    """Pukara's knowledge base in a PostgreSQL database with PostGIS."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                "postgresql: the PostgreSQL backend needs psycopg; pip install 'pukara[postgres]'"
            ) from exc
        self.url = url
        self.path = _safe(url)
        try:
            conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect: {_first_line(exc)}") from exc
        self.db = PostgresDatabase(conn, self.path)
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
        else:
            self._migrate()
        self._check_version()

    def _migrate(self) -> None:
        conn = self.db.conn
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
            try:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
                for number, sql in migrations("postgres"):
                    if number in done:
                        continue
                    with conn.transaction():
                        conn.execute(sql.encode("utf-8"))  # package SQL, several statements
                        conn.execute(
                            "INSERT INTO schema_migrations VALUES (%s, now()::text)", (number,)
                        )
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
        except Exception as exc:
            import psycopg

            if not isinstance(exc, psycopg.Error):
                raise
            raise StoreError(f"{self.path}: migration failed: {_first_line(exc)}") from exc

    def _check_version(self) -> None:
        latest = migrations("postgres")[-1][0]
        try:
            version = self.db.scalar("SELECT max(version) FROM schema_migrations")
        except StoreError as exc:
            raise StoreError(f"{self.path}: not a Pukara database: {exc}") from exc
        if version != latest:
            raise StoreError(
                f"{self.path}: store schema version {version}, this Pukara reads {latest}; "
                "open it once with a writing command to migrate it"
            )

    @property
    def schema_version(self) -> int:
        return int(self.db.scalar("SELECT max(version) FROM schema_migrations") or 0)

    def _index_text(self, db: Database, doc: Document) -> None:
        db.run(
            "UPDATE documents SET search = to_tsvector('simple', ?) WHERE id = ?",
            (fold(f"{doc.title or ''} {doc.text}"), doc.id),
        )

    def table_columns(self, table: str) -> list[str]:
        rows = self.db.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
            " AND is_generated = 'NEVER' AND column_name != 'search' ORDER BY ordinal_position",
            (table,),
        )
        return [r[0] for r in rows]

    def _adapt(self, table: str, columns: Any, row: Any) -> Any:
        if table == "document_signatures":
            return tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
        return row

    def load_table(self, table: str, columns: Any, rows: Any) -> int:
        n = super().load_table(table, columns, rows)
        if table == "documents":
            self._reindex_text()
        if table == "sources":  # keep the serial ahead of the copied ids
            self.db.run(
                "SELECT setval('sources_id_seq', (SELECT coalesce(max(id), 1) FROM sources))"
            )
        return n

    def _reindex_text(self) -> None:
        todo = self.db.rows("SELECT id, title, text FROM documents WHERE search IS NULL")
        with self.db.transaction() as db:
            db.many(
                "UPDATE documents SET search = to_tsvector('simple', ?) WHERE id = ?",
                [(fold(f"{title or ''} {text}"), ident) for ident, title, text in todo],
            )

    def load_regions(self, shapes: dict[str, Any]) -> int:
        """First-level divisions (GeoJSON FeatureCollection with ``id``/``name``
        properties) into ``regions``, for point-in-polygon queries; returns how many."""
        rows = [
            (f["properties"]["id"], f["properties"]["name"], json.dumps(f["geometry"]))
            for f in shapes.get("features", [])
        ]
        with self.db.transaction() as db:
            db.many(
                "INSERT INTO regions(id, name, geom) VALUES (?, ?,"
                " ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) ON CONFLICT (id) DO NOTHING",
                rows,
            )
        return len(rows)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
