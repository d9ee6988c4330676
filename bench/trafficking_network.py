"""Time the trafficking graph and its chokepoints on a SYNTHETIC store of 1M facts + events.

    python bench/trafficking_network.py [--db TMPDIR/pukara-bench-trafficking.db] [--routes 200000]

Builds the store with bench/synthetic.py (500k facts, 500k events), adds SYNTHETIC route
statements (sub-paths of the curated routes, spread over the documents), then times
``trafficking_graph`` (one query for the statements, one for the places) plus the curated
routes, and ``chokepoints``. Baseline, measured in the same run: the same graph read the
naive way, every statement read into Python and added hop by hop.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from synthetic import build  # bench/ is the script's folder

from pukara.analyse.trafficking import chokepoints, trafficking_graph
from pukara.model.ids import claim_id
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.routes import load_routes
from pukara.store import View, open_store


def add_statements(url: str | Path, n: int, seed: int = 5) -> None:
    """SYNTHETIC route statements (sub-paths of the curated routes) over the documents."""
    rng = random.Random(seed)
    curated = load_routes()
    gaz = load_gazetteer()
    with open_store(str(url)) as store:
        docs = [d.id for d in store.view().documents(limit=10**6)]
        nodes = {n for r in curated for n in r.nodes}
        places = [p for n in nodes if (p := gaz.get(n)) is not None]
        store.load_table("places", ["id", "name", "kind", "country", "lat", "lon"], [
            (p.id, p.name, p.kind.value, p.country, p.point.lat if p.point else None,
             p.point.lon if p.point else None) for p in places])  # fmt: skip
        rows = []
        for i in range(n):
            route = rng.choice(curated)
            a = rng.randrange(len(route.nodes) - 1)
            b = rng.randrange(a + 2, len(route.nodes) + 1)
            path = list(route.nodes[a:b])
            key = ">".join(path) + f"|{route.commodity}|{route.mode}"
            doc = rng.choice(docs)
            rows.append((claim_id("route", doc, i), doc, key, route.commodity, route.mode,
                         json.dumps(path), "[SYNTHETIC] route statement", 0, 10))  # fmt: skip
        store.load_table("routes", ["id", "doc_id", "route_key", "commodity", "mode", "nodes",
                                    "evidence", "span_start", "span_end"], rows)  # fmt: skip


def naive_graph(view: View) -> nx.DiGraph[str]:
    """The baseline: every statement fetched per route key, one query each (the per-row
    way a script would read them), then the same hops added."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for row in view.route_statements(per_route=10**9):
        for a, b in itertools.pairwise(json.loads(row.nodes)):
            w = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=w)
    return graph


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_db = Path(tempfile.gettempdir()) / "pukara-bench-trafficking.db"
    ap.add_argument("--db", default=str(default_db), help="SQLite path or postgresql:// URL")
    ap.add_argument("--routes", type=int, default=200_000)
    args = ap.parse_args()
    info = build(args.db, 500_000, 500_000)
    add_statements(args.db, args.routes)
    print(f"SYNTHETIC store: {info['facts']:,} facts, {info['events']:,} events, "
          f"{args.routes:,} route statements")  # fmt: skip
    curated = load_routes()
    gaz = load_gazetteer()
    place_info = {n: p for r in curated for n in r.nodes if (p := gaz.get(n)) is not None}
    with open_store(args.db) as store:
        view = store.view()
        t0 = time.perf_counter()
        graph = trafficking_graph(view, curated, place_info=place_info)
        t1 = time.perf_counter()
        ranked = chokepoints(graph)
        t2 = time.perf_counter()
        naive = naive_graph(view)
        t3 = time.perf_counter()
    print(f"trafficking_graph: {t1 - t0:.3f} s ({graph.number_of_nodes()} places, "
          f"{graph.number_of_edges()} hops)")  # fmt: skip
    print(f"chokepoints:       {t2 - t1:.3f} s (top: {', '.join(c.name for c in ranked[:3])})")
    print(f"total:             {t2 - t0:.3f} s")
    print(f"baseline (every statement read and added): {t3 - t2:.3f} s for {naive.number_of_edges()} "
          f"hops; ratio baseline/graph = {(t3 - t2) / (t1 - t0):.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
