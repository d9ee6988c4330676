"""Copy a knowledge base from one store to another, on any backends.

``copy_store(src, dst)`` moves every table of records (sources, documents with their
signatures, problems, observations, places, actors and aliases, mentions, facts, events,
relations, routes and the derived pair tables) in batches, keeping ids, so links and
citations stay valid; rows the target already has are kept. Event clusters are derived:
rebuild them on the target afterwards (``refresh_event_clusters(dst, full=True)``).
"""

from __future__ import annotations

from collections.abc import Callable

from pukara.store.sqlstore import SQLStore

__all__ = ["copy_store"]


def copy_store(
    src: SQLStore, dst: SQLStore, on_table: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Copy every table of ``src`` into ``dst``; returns rows offered per table."""
    counts = {}
    for table in SQLStore.TABLES:
        if on_table is not None:
            on_table(table)
        wanted = dst.table_columns(table)
        columns = [c for c in src.table_columns(table) if c in wanted]
        rows = src.db.iterate(f"SELECT {', '.join(columns)} FROM {table}")
        counts[table] = dst.load_table(table, columns, rows)
    return counts
