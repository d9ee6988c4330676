"""The materialised event clusters (one per happening): reading them and writing them.

``pukara.analyse.clusters`` decides which reports describe one happening; the store keeps
the result in ``clusters``, ``event_clusters`` and ``cluster_actors`` and answers the
queries the timeline, the map, the place pages and the hotspots ask of it. The tables are
computed from every event, so they serve only readers who see every event
(``clusters_usable``); for anyone else the analyses group the events the reader can see.

Writing: ``replace_clusters`` removes the clusters a new report can touch and writes their
replacement (incremental grouping), ``rewrite_clusters`` replaces them all; both record the
events version they were computed from, so ``clusters_fresh`` knows whether events arrived
since.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pukara.errors import StoreError
from pukara.model import EventCluster, Filters
from pukara.model.periods import day_hi, day_lo
from pukara.store.reads.base import Params, Reads
from pukara.store.reads.facts import window_sql
from pukara.store.writes import now

__all__ = ["ClusterReads"]

_COLUMNS = """c.cluster_id, c.type, c.activity, c.announced, c.date, c.date_precision,
    c.place_id, c.admin1_id, c.actor_ids, c.event_ids, c.doc_ids, c.sources, c.n_documents,
    c.n_sources, c.doc_id, c.evidence"""


def _split(text: str | None, sep: str = "\n") -> tuple[str, ...]:
    return tuple(text.split(sep)) if text else ()


def _cluster(r: Any) -> EventCluster:
    return EventCluster(
        r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], _split(r[8]), _split(r[9], " "),
        _split(r[10]), _split(r[11]), int(r[12]), int(r[13]), r[14], r[15],
    )  # fmt: skip


class ClusterReads(Reads):
    # -- state --------------------------------------------------------------------------
    def clusters_fresh(self, max_km: float, day_window: int) -> bool:
        """Whether the materialised clusters were computed from the current events with
        these settings."""
        state = self.db.one("SELECT events_version, max_km, day_window FROM cluster_state")
        if state is None:
            return False
        current = self.db.scalar("SELECT events_version FROM store_state")
        return (int(state[0]), float(state[1]), int(state[2])) == (
            int(current), float(max_km), int(day_window))  # fmt: skip

    def cluster_settings(self) -> tuple[float, int] | None:
        row = self.db.one("SELECT max_km, day_window FROM cluster_state")
        return (float(row[0]), int(row[1])) if row else None

    def clusters_usable(self, max_km: float, day_window: int) -> bool:
        """Fresh, and computed from nothing this reader may not see."""
        return self.clusters_fresh(max_km, day_window) and not self.hides_events()

    def hides_events(self) -> bool:
        """Whether some stored event or document is invisible to this reader."""
        if self.audience.sees_everything:
            return False
        cond, params = self.vis("x")
        hidden = self.db.scalar(f"SELECT count(*) FROM markings_seen x WHERE NOT (1 = 1{cond})",
                                params)  # fmt: skip
        return bool(hidden)

    # -- reading ------------------------------------------------------------------------
    def cluster_filter(self, filters: Filters, scope: Sequence[str] | None) -> tuple[str, Params]:
        where, params = "", []
        if filters.activity:
            where += " AND c.activity = ?"
            params.append(filters.activity)
        types = filters.event_types()
        if types is not None:
            cond, more = self.db.in_list("c.type", list(types))
            where, params = where + f" AND {cond}", params + more
        if filters.actor:
            where += (
                " AND c.cluster_id IN (SELECT cluster_id FROM cluster_actors WHERE actor_id = ?)"
            )
            params.append(filters.actor)
        if filters.since or filters.until:
            window, more = window_sql("c.date_lo", "c.date_hi", filters.since, filters.until)
            where += f" AND c.date_lo IS NOT NULL{window}"
            params += more
        if scope is not None:
            cond, more = self.db.in_list("c.place_id", list(scope))
            where, params = where + f" AND {cond}", params + more
        return where, params

    def stored_clusters(
        self,
        filters: Filters | None = None,
        scope: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        counts: bool = True,
    ) -> tuple[list[EventCluster], int, list[tuple[str, int]]]:
        """Clusters passing the filters, newest first (undated last); the total; and the
        count per month (YYYY-MM) of the dated ones, for a timeline (``counts=False``: the
        page only, with the total -1 and no months)."""
        where, params = self.cluster_filter(filters or Filters(), scope)
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        rows = self.db.rows(
            f"SELECT {_COLUMNS} FROM clusters c WHERE 1 = 1{where}"
            f" ORDER BY c.date_lo DESC NULLS LAST, c.cluster_id DESC{page}",
            [*params, *((limit, offset) if limit is not None else ())],
        )
        if not counts:
            return [_cluster(r) for r in rows], -1, []
        total = self.db.scalar(f"SELECT count(*) FROM clusters c WHERE 1 = 1{where}", params)
        months = self.db.rows(
            f"SELECT substr(c.date, 1, 7), count(*) FROM clusters c WHERE c.date IS NOT NULL"
            f"{where} GROUP BY substr(c.date, 1, 7)",
            params,
        )
        return [_cluster(r) for r in rows], int(total), [(m, int(n)) for m, n in months]

    def stored_cluster(self, ident: str) -> EventCluster | None:
        """The cluster with this id, or the one holding the event with this id."""
        row = self.db.one(
            f"SELECT {_COLUMNS} FROM clusters c WHERE c.cluster_id = coalesce("
            "(SELECT cluster_id FROM event_clusters WHERE event_id = ?), ?)",
            (ident, ident),
        )
        return _cluster(row) if row else None

    def stored_clusters_by_ids(self, ids: Sequence[str]) -> list[EventCluster]:
        found: list[EventCluster] = []
        for chunk in self.db.chunks(list(ids)):
            cond, params = self.db.in_list("c.cluster_id", chunk)
            found += [_cluster(r) for r in self.db.rows(
                f"SELECT {_COLUMNS} FROM clusters c WHERE {cond}", params)]  # fmt: skip
        return found

    def cluster_counts(
        self, activities: Sequence[str], since: str | None, until: str | None
    ) -> list[tuple[str, str, int, str, str]]:
        """(place, activity, done clusters, first id, last id) in the window."""
        acts, params = self.db.in_list("c.activity", list(activities))
        window, more = window_sql("c.date_lo", "c.date_hi", since, until)
        rows = self.db.rows(
            "SELECT c.place_id, c.activity, count(*), min(c.cluster_id), max(c.cluster_id)"
            f" FROM clusters c WHERE {acts} AND c.place_id IS NOT NULL AND c.announced = 0"
            f"{window} GROUP BY c.place_id, c.activity",
            [*params, *more],
        )
        return [(r[0], r[1], int(r[2]), r[3], r[4]) for r in rows]

    def cluster_actor_counts(
        self, kinds: Sequence[str], since: str | None, until: str | None
    ) -> list[tuple[str, str, int]]:
        """(place, actor, done clusters naming it there) for actors of ``kinds``."""
        cond, params = self.db.in_list("a.kind", list(kinds))
        window, more = window_sql("ca.date_lo", "ca.date_hi", since, until)
        rows = self.db.rows(
            "SELECT ca.place_id, ca.actor_id, count(*) FROM actors a"
            f" JOIN cluster_actors ca ON ca.actor_id = a.id WHERE {cond}"
            f" AND ca.place_id IS NOT NULL AND ca.announced = 0{window}"
            " GROUP BY ca.actor_id, ca.place_id",
            [*params, *more],
        )
        return [(r[0], r[1], int(r[2])) for r in rows]

    def cluster_places(self, filters: Filters) -> list[tuple[str | None, int]]:
        where, params = self.cluster_filter(filters, None)
        rows = self.db.rows(
            f"SELECT c.place_id, count(*) FROM clusters c WHERE c.announced = 0{where}"
            " GROUP BY c.place_id",
            params,
        )
        return [(r[0], int(r[1])) for r in rows]

    def cluster_ids_of(self, event_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in self.db.chunks(list(event_ids)):
            cond, params = self.db.in_list("event_id", chunk)
            found.update(r[0] for r in self.db.rows(
                f"SELECT cluster_id FROM event_clusters WHERE {cond}", params))  # fmt: skip
        return found

    # -- writing (derived data: the full store's clusters) ------------------------------
    def rewrite_clusters(
        self, found: Sequence[EventCluster], max_km: float, day_window: int
    ) -> None:
        """Replace every materialised cluster with ``found`` (one transaction: a failure
        leaves the previous clusters in place)."""
        self._derived_writer()
        try:
            with self.db.transaction() as db:
                for table in ("event_clusters", "cluster_actors", "clusters"):
                    db.run(f"DELETE FROM {table}")
                _insert(db, found)
                self._record_state(db, max_km, day_window)
        except StoreError as exc:
            raise StoreError(f"{self.db.name}: could not write the event clusters: {exc}") from exc

    def _derived_writer(self) -> None:
        if not self.audience.sees_everything:
            raise StoreError("event clusters are written from every event: use store.view()")

    def replace_clusters(
        self, removed: Sequence[str], found: Sequence[EventCluster], max_km: float, day_window: int
    ) -> None:
        """Remove the clusters ``removed`` (ids) and write ``found`` in their place."""
        self._derived_writer()
        try:
            with self.db.transaction() as db:
                for chunk in db.chunks(list(removed)):
                    for table in ("event_clusters", "cluster_actors", "clusters"):
                        cond, params = db.in_list("cluster_id", chunk)
                        db.run(f"DELETE FROM {table} WHERE {cond}", params)
                _insert(db, found)
                self._record_state(db, max_km, day_window)
        except StoreError as exc:
            raise StoreError(f"{self.db.name}: could not write the event clusters: {exc}") from exc

    def _record_state(self, db: Any, max_km: float, day_window: int) -> None:
        version = db.scalar("SELECT events_version FROM store_state")
        n = db.scalar("SELECT count(*) FROM clusters")
        db.run("DELETE FROM cluster_state")
        db.run(
            "INSERT INTO cluster_state(id, n_events, max_km, day_window, refreshed_at,"
            " events_version) VALUES (1, ?, ?, ?, ?, ?)",
            (n, float(max_km), int(day_window), now(), version),
        )
        db.run("UPDATE store_state SET content_version = content_version + 1")


def _insert(db: Any, found: Sequence[EventCluster]) -> None:
    db.many(
        f"INSERT INTO clusters({_COLUMNS.replace('c.', '')}, date_lo, date_hi, n_events)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        sorted(_row(c) for c in found),
    )
    db.many(
        "INSERT INTO event_clusters(event_id, cluster_id) VALUES (?, ?)",
        sorted((e, c.id) for c in found for e in c.event_ids),
    )
    db.many(
        "INSERT INTO cluster_actors(actor_id, cluster_id, place_id, date_lo, date_hi, announced)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        sorted((a, c.id, c.place_id, day_lo(c.date), day_hi(c.date), int(c.announced))
               for c in found for a in c.actor_ids),
    )  # fmt: skip


def _row(c: EventCluster) -> tuple[Any, ...]:
    return (
        c.id, c.type, c.activity, int(c.announced), c.date, c.date_precision, c.place_id,
        c.admin1_id, "\n".join(c.actor_ids), " ".join(c.event_ids), "\n".join(c.doc_ids),
        "\n".join(c.sources), c.n_documents, c.n_sources, c.doc_id, c.evidence,
        day_lo(c.date), day_hi(c.date), c.n_events,
    )  # fmt: skip
