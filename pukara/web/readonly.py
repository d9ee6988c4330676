"""Read-only access to the store for the web app: a pool of SQLite connections.

In: a store URL (a SQLite path or ``sqlite:///path``). Out: ``StorePool``, which lends each
request its own ``ReadOnlyStore`` (an ``SQLiteStore`` opened with ``mode=ro`` and
``PRAGMA query_only``, so SQLite itself refuses any write), and ``ResultCache``, which keeps
answers while the store's content stays the same (``StorePool.version``).

The web app never migrates or writes: a store that needs a migration is an error that says
which command to run. SQLite in WAL mode lets many readers work beside one writer (an
ingest running while the app serves).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pukara.errors import StoreError
from pukara.store import SQLiteStore
from pukara.store.sqlite import migrations

__all__ = ["ReadOnlyStore", "ResultCache", "StorePool", "store_path"]

T = TypeVar("T")


def store_path(db_url: str | Path) -> Path:
    """The SQLite file of ``db_url``; the web app needs an existing file."""
    text = str(db_url)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise StoreError(f"{text.split('://', 1)[0]}: backend not available to the web app")
    if text == ":memory:":
        raise StoreError("the web app needs a store file, not :memory:")
    path = Path(text).expanduser()
    if not path.is_file():
        raise StoreError(f"{path}: no store there; build one with `pukara demo` or `pukara ingest`")
    return path


class ReadOnlyStore(SQLiteStore):
    """An ``SQLiteStore`` on a read-only connection. Every reading method of the store
    works; writing methods fail with SQLite's "attempt to write a readonly database"."""

    def __init__(self, path: str | Path) -> None:  # no super().__init__: it would migrate
        self.path = str(path)
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        try:
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA query_only = ON")
            version = self.schema_version
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open read-only: {exc}") from exc
        latest = migrations()[-1][0]
        if version != latest:
            self._db.close()
            raise StoreError(
                f"{path}: store schema version {version}, this Pukara reads version {latest}; "
                f"run `pukara refresh-clusters --db {path}` once to migrate it"
            )


class StorePool:
    """Read-only stores lent to one request at a time. FastAPI may run a request's
    dependencies and its endpoint on different worker threads, so a connection is tied to
    the request that borrowed it, never to a thread, and no two requests share one."""

    def __init__(self, db_url: str | Path) -> None:
        self.path = store_path(db_url)
        self._free: list[ReadOnlyStore] = []
        self._opened: list[ReadOnlyStore] = []
        self._lock = threading.Lock()
        self.cache = ResultCache()
        probe = self.acquire()  # fail at start-up rather than on the first request
        try:
            probe.execute("SELECT count(*) FROM documents")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: not a Pukara store: {exc}") from exc
        finally:
            self.release(probe)

    def acquire(self) -> ReadOnlyStore:
        with self._lock:
            if self._free:
                return self._free.pop()
        store = ReadOnlyStore(self.path)
        with self._lock:
            self._opened.append(store)
        return store

    def release(self, store: ReadOnlyStore) -> None:
        with self._lock:
            self._free.append(store)

    @contextmanager
    def borrow(self) -> Iterator[ReadOnlyStore]:
        store = self.acquire()
        try:
            yield store
        finally:
            self.release(store)

    def version(self, store: SQLiteStore) -> tuple[object, ...]:
        """Changes whenever documents, facts, events, clusters, places or actors are
        added (highest ids, the clusters' refresh time, row counts of the small tables)."""
        row = store.execute(
            "SELECT (SELECT max(rowid) FROM documents), (SELECT max(id) FROM facts),"
            " (SELECT max(id) FROM events), (SELECT max(refreshed_at) FROM cluster_state),"
            " (SELECT count(*) FROM places), (SELECT count(*) FROM actors)"
        )[0]
        return tuple(row)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
            self._free.clear()


class ResultCache:
    """A small thread-safe LRU of computed answers, keyed by the caller (include the store
    version in the key so that new data is never hidden). Single flight: when many
    requests want the same missing answer at once, one computes it and the others wait
    for it, instead of all of them computing it side by side."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
            flight = self._pending.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                if key in self._items:  # computed by the request we waited for
                    self._items.move_to_end(key)
                    return self._items[key]  # type: ignore[return-value]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value
