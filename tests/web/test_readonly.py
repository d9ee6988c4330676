"""The web app reads the store and never writes to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pukara.errors import StoreError
from pukara.store import open_store
from pukara.web import create_app
from pukara.web.pool import ResultCache, StorePool


def test_writes_are_refused(demo_db: str) -> None:
    with open_store(demo_db, read_only=True) as store, pytest.raises(StoreError, match="read"):
        store.db.run("DELETE FROM documents")


def test_missing_or_foreign_files_fail_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store there"):
        create_app(tmp_path / "missing.db")
    with pytest.raises(StoreError, match=":memory:"):
        create_app(":memory:")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="schema version 0"):
        create_app(other)


def test_pool_lends_each_store_to_one_borrower(demo_db: str) -> None:
    pool = StorePool(demo_db)
    with pool.borrow() as a, pool.borrow() as b:
        assert a is not b
    with pool.borrow() as c:
        assert c in (a, b)
        assert c.view().version() == c.view().version()
    pool.close()


def test_cache_is_bounded_and_computes_once() -> None:
    cache = ResultCache(size=2)
    calls: list[int] = []
    for key in (1, 1, 2, 3, 1):
        cache.get(key, lambda k=key: calls.append(k) or k)
    assert calls == [1, 2, 3, 1]
