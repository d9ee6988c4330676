"""Read-only stores for the web app: a pool of connections, and a cache of answers.

In: a store URL (a SQLite path, ``sqlite:///path`` or ``postgresql://...``). Out:
``StorePool``, which lends each request its own read-only store (SQLite opened with
``mode=ro`` and query-only; PostgreSQL with read-only transactions, so the engine
itself refuses any write), and ``ResultCache``, which keeps answers while the store's content
stays the same. The web app never migrates or writes: a store that needs a migration is an
error that says which command to run.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pukara.errors import StoreError
from pukara.store import SQLStore, open_store, store_location

__all__ = ["ResultCache", "StorePool", "check_store"]

T = TypeVar("T")


def check_store(db_url: str | Path) -> str:
    """The store URL if a store is there; ``StoreError`` saying how to make one otherwise."""
    backend, location = store_location(db_url)
    if backend == "sqlite":
        if location == ":memory:":
            raise StoreError("the web app needs a store file, not :memory:")
        if not Path(location).is_file():
            raise StoreError(
                f"{location}: no store there; build one with `pukara demo` or `pukara ingest`"
            )
    return str(db_url)


class StorePool:
    """Read-only stores lent to one request at a time. FastAPI may run a request's
    dependencies and its endpoint on different worker threads, so a connection is tied to
    the request that borrowed it, never to a thread, and no two requests share one."""

    def __init__(self, db_url: str | Path) -> None:
        self.url = check_store(db_url)
        self._free: list[SQLStore] = []
        self._opened: list[SQLStore] = []
        self._lock = threading.Lock()
        self.cache = ResultCache()
        probe = self.acquire()  # fail at start-up rather than on the first request
        try:
            probe.view().count_documents()
        finally:
            self.release(probe)

    def acquire(self) -> SQLStore:
        with self._lock:
            if self._free:
                return self._free.pop()
        store = open_store(self.url, read_only=True)
        with self._lock:
            self._opened.append(store)
        return store

    def release(self, store: SQLStore) -> None:
        with self._lock:
            self._free.append(store)

    @contextmanager
    def borrow(self) -> Iterator[SQLStore]:
        store = self.acquire()
        try:
            yield store
        finally:
            self.release(store)

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
