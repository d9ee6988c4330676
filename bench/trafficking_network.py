"""Time the trafficking graph and its chokepoints on a SYNTHETIC store of 1M facts + events.

    python bench/trafficking_network.py [--db TMPDIR/pukara-bench-trafficking.db] [--routes 200000]

Builds the store with bench/synthetic.py (500k facts, 500k events), adds SYNTHETIC route
statements (sub-paths of the curated routes, spread over the documents), then times
``trafficking_graph`` (one query for the statements, one for the places) plus the curated
routes, and ``chokepoints``. Baseline, measured in the same run: the same graph read the
naive way, one query per document.
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
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.routes import load_routes
from pukara.store import SQLiteStore


def add_statements(path: Path, n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    curated = load_routes()
    gaz = load_gazetteer()
    store = SQLiteStore(path)
    db = store._db  # bulk load: the benchmark measures reads
    docs = [r[0] for r in db.execute("SELECT id FROM documents")]
    nodes = {n for r in curated for n in r.nodes}
    places = [gaz.get(n) for n in nodes]
    db.execute("BEGIN")
    db.executemany(
        "INSERT OR IGNORE INTO places(id,name,kind,country,lat,lon) VALUES (?,?,?,?,?,?)",
        [(p.id, p.name, p.kind.value, p.country, p.point.lat if p.point else None,
          p.point.lon if p.point else None) for p in places if p is not None],
    )  # fmt: skip
    rows = []
    for _ in range(n):
        route = rng.choice(curated)
        i = rng.randrange(len(route.nodes) - 1)
        j = rng.randrange(i + 2, len(route.nodes) + 1)
        path = list(route.nodes[i:j])
        key = ">".join(path) + f"|{route.commodity}|{route.mode}"
        rows.append((rng.choice(docs), key, route.commodity, route.mode, json.dumps(path),
                     "[SYNTHETIC] route statement", 0, 10))  # fmt: skip
    db.executemany(
        "INSERT INTO routes(doc_id,route_key,commodity,mode,nodes,evidence,start,end)"
        " VALUES (?,?,?,?,?,?,?,?)",
        rows,
    )
    db.execute("COMMIT")
    store.close()


def naive_graph(store: SQLiteStore) -> nx.DiGraph[str]:
    graph: nx.DiGraph[str] = nx.DiGraph()
    for (doc,) in store.execute("SELECT DISTINCT doc_id FROM routes"):
        for (nodes,) in store.execute("SELECT nodes FROM routes WHERE doc_id = ?", (doc,)):
            path = json.loads(nodes)
            for a, b in itertools.pairwise(path):
                w = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
                graph.add_edge(a, b, weight=w)
    return graph


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_db = Path(tempfile.gettempdir()) / "pukara-bench-trafficking.db"
    ap.add_argument("--db", type=Path, default=default_db)
    ap.add_argument("--routes", type=int, default=200_000)
    args = ap.parse_args()
    info = build(args.db, 500_000, 500_000)
    add_statements(args.db, args.routes)
    print(f"SYNTHETIC store: {info['facts']:,} facts, {info['events']:,} events, "
          f"{args.routes:,} route statements")  # fmt: skip
    curated = load_routes()
    gaz = load_gazetteer()
    place_info = {n: p for r in curated for n in r.nodes if (p := gaz.get(n)) is not None}
    with SQLiteStore(args.db) as store:
        t0 = time.perf_counter()
        graph = trafficking_graph(store, curated, place_info=place_info)
        t1 = time.perf_counter()
        ranked = chokepoints(graph)
        t2 = time.perf_counter()
        naive = naive_graph(store)
        t3 = time.perf_counter()
    print(f"trafficking_graph: {t1 - t0:.3f} s ({graph.number_of_nodes()} places, "
          f"{graph.number_of_edges()} hops)")  # fmt: skip
    print(f"chokepoints:       {t2 - t1:.3f} s (top: {', '.join(c.name for c in ranked[:3])})")
    print(f"total:             {t2 - t0:.3f} s")
    print(f"baseline (one query per document): {t3 - t2:.3f} s for {naive.number_of_edges()} "
          f"hops; ratio baseline/graph = {(t3 - t2) / (t1 - t0):.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
