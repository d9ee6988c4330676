"""Store: the knowledge base behind the ``Store`` protocol; SQLite is the default backend,
PostgreSQL/PostGIS the one for teams. All SQL of Pukara lives in this package."""

from __future__ import annotations

from pathlib import Path

from pukara.errors import StoreError
from pukara.store.base import AddResult, AddStatus, Store
from pukara.store.reads.base import marking_from
from pukara.store.reads.events import DocumentInfo, EventRow
from pukara.store.reads.routes import RouteStatement
from pukara.store.sqlite import SQLiteStore
from pukara.store.sqlstore import SQLStore
from pukara.store.view import View

__all__ = [
    "AddResult",
    "AddStatus",
    "DocumentInfo",
    "EventRow",
    "Reader",
    "RouteStatement",
    "SQLStore",
    "SQLiteStore",
    "Store",
    "StoreError",
    "View",
    "as_view",
    "marking_from",
    "open_store",
    "store_location",
]


Reader = View | SQLStore  # what analyses accept: a reader's view, or a store (local user)


def as_view(source: Reader) -> View:
    """A view for ``source``: a view as it is, a store's view for the local user (what a
    notebook passes); faces always pass the view of their reader's audience."""
    return source if isinstance(source, View) else source.view()


def store_location(url: str | Path) -> tuple[str, str]:
    """(backend, location) of a store URL: ("sqlite", path) for a path, ``sqlite:///path``
    or ``:memory:``; ("postgres", url) for ``postgresql://`` or ``postgres://``."""
    text = str(url).strip()
    if text.startswith(("postgresql://", "postgres://")):
        return "postgres", text
    if text.startswith("sqlite:///"):
        return "sqlite", text[len("sqlite:///") :]
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(
            f"{scheme}: no such store backend; use a SQLite path, sqlite:///path or "
            "postgresql://user@host/db"
        )
    return "sqlite", str(Path(text).expanduser()) if text != ":memory:" else text


def open_store(url: str | Path, *, read_only: bool = False) -> SQLStore:
    """Open (and migrate, unless ``read_only``) the store at ``url``."""
    backend, location = store_location(url)
    if backend == "postgres":
        from pukara.store.postgres import PostgresStore

        return PostgresStore(location, read_only=read_only)
    if read_only and location != ":memory:" and not Path(location).is_file():
        raise StoreError(f"{location}: no store there")
    return SQLiteStore(location, read_only=read_only)
