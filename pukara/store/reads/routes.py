"""Reading trafficking route statements: per route, how many independent visible documents
state it and the first few statements with their sentence."""

from __future__ import annotations

from typing import NamedTuple

from pukara.store.reads.actors import ActorReads

__all__ = ["RouteReads", "RouteStatement"]


class RouteStatement(NamedTuple):
    route_key: str
    n: int  # statements of this route in all (independent visible documents)
    nodes: str  # JSON list of place ids, origin first
    commodity: str | None
    mode: str | None
    doc_id: str
    evidence: str
    published: str | None


class RouteReads(ActorReads):
    def route_statements(
        self, since: str | None = None, until: str | None = None, per_route: int = 10
    ) -> list[RouteStatement]:
        """Per route key its size and its first ``per_route`` statements (by document)."""
        docs, params = self._docs_in("r.doc_id", since, until)
        vis, more = self.vis("r")
        rows = self.db.rows(
            "SELECT route_key, n, nodes, commodity, mode, doc_id, evidence, published FROM ("
            " SELECT r.route_key, count(*) OVER (PARTITION BY r.route_key) AS n,"
            " row_number() OVER (PARTITION BY r.route_key ORDER BY r.doc_id, r.id) AS k,"
            " r.nodes, r.commodity, r.mode, r.doc_id, r.evidence, d.published"
            f" FROM routes r JOIN documents d ON d.id = r.doc_id WHERE {docs}{vis}"
            ") q WHERE k <= ? ORDER BY route_key, doc_id",
            [*params, *more, per_route],
        )
        return [RouteStatement(r[0], int(r[1]), *r[2:]) for r in rows]
