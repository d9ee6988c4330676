"""Store: the knowledge base behind a ``Store`` protocol; SQLite is the default backend."""

from __future__ import annotations

from pathlib import Path

from pukara.errors import StoreError
from pukara.store.base import (
    AddResult,
    AddStatus,
    DocumentRow,
    ProblemRow,
    SearchHit,
    Store,
    StoredDocument,
)
from pukara.store.sqlite import SQLiteStore

__all__ = [
    "AddResult",
    "AddStatus",
    "DocumentRow",
    "ProblemRow",
    "SQLiteStore",
    "SearchHit",
    "Store",
    "StoredDocument",
    "open_store",
]


def open_store(url: str | Path) -> SQLiteStore:
    """Open (and migrate) the store at ``url``: a file path, ``sqlite:///path`` or ``:memory:``."""
    text = str(url)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"{scheme}: backend not available in this installation; use SQLite")
    return SQLiteStore(text)
