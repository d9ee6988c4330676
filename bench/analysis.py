"""Time every analysis on a SYNTHETIC store of one million facts and events.

    python bench/analysis.py [--db PATH] [--facts 500000] [--events 500000] [--routes 100000]

Builds the store with bench/synthetic.py (500,000 facts + 500,000 events = 1,000,000 rows,
all marked synthetic) plus synthetic route statements and actor pairs, groups the events
once (``refresh_event_clusters``, a batch step timed separately), then times each analysis
as the CLI calls it. Target: every analysis under 2 s on SQLite here.

Baseline, measured in the same run: reading every fact and event row into Python — the
naive way to answer any of these questions — so each line also prints analysis/baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synthetic import build  # bench/ is the script's folder
from trafficking_network import add_statements

from pukara.analyse.actors import actor_profile
from pukara.analyse.clusters import cluster_events, refresh_event_clusters
from pukara.analyse.hotspots import convergence_hotspots, hotspots_geojson
from pukara.analyse.networks import actor_graph
from pukara.analyse.series import indicator_series
from pukara.analyse.shifts import detect_shifts, rolling_shifts
from pukara.analyse.trafficking import chokepoints, trafficking_graph
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.routes import load_routes
from pukara.store import SQLiteStore

TARGET_S = 2.0


def _time(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _trafficking(store: SQLiteStore) -> None:
    routes = load_routes()
    gaz = load_gazetteer()
    info = {n: p for r in routes for n in r.nodes if (p := gaz.get(n)) is not None}
    chokepoints(trafficking_graph(store, routes, place_info=info))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "pukara-bench.db")
    ap.add_argument("--facts", type=int, default=500_000)
    ap.add_argument("--events", type=int, default=500_000)
    ap.add_argument("--routes", type=int, default=100_000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    build(args.db, args.facts, args.events)
    add_statements(args.db, args.routes)
    print(f"built {args.db}: {args.facts:,} facts + {args.events:,} events (SYNTHETIC) "
          f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    store = SQLiteStore(args.db)
    t0 = time.perf_counter()
    n = refresh_event_clusters(store)
    print(f"batch: refresh_event_clusters -> {n:,} events in {time.perf_counter() - t0:.1f} s")

    baseline = _time(lambda: (store.execute("SELECT * FROM facts"),
                              store.execute("SELECT * FROM events")), repeat=1)  # fmt: skip
    print(f"baseline: read all facts and events into Python: {baseline:.2f} s\n")
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("series coca_cultivation_area, Peru", lambda: indicator_series(
            store, "coca_cultivation_area", "country:PE")),
        ("series coca_cultivation_area, Loreto", lambda: indicator_series(
            store, "coca_cultivation_area", "Loreto")),
        ("events since 2024 (clustered)", lambda: cluster_events(store, since="2024")),
        ("events, latest 50", lambda: cluster_events(store, limit=50)),
        ("hotspots by department", lambda: convergence_hotspots(store, "admin1")),
        ("hotspots by province", lambda: convergence_hotspots(store, "province")),
        ("hotspots by H3 cell + GeoJSON", lambda: hotspots_geojson(
            convergence_hotspots(store, "h3"))),
        ("shifts 2010-14 vs 2020-24", lambda: detect_shifts(
            store, ("2010", "2014"), ("2020", "2024"))),
        ("shifts, rolling 3-year windows", lambda: rolling_shifts(store, 3)),
        ("trafficking graph + chokepoints", lambda: _trafficking(store)),
        ("actor graph", lambda: actor_graph(store)),
        ("actor profile (Shining Path)", lambda: actor_profile(store, "shining-path")),
    ]  # fmt: skip
    slow = 0
    print(f"{'analysis':40s} {'seconds':>8s} {'x baseline':>10s}  target {TARGET_S:.0f} s")
    for name, fn in cases:
        seconds = _time(fn)
        ok = seconds < TARGET_S
        slow += not ok
        print(f"{name:40s} {seconds:8.2f} {seconds / baseline:10.2f}  {'ok' if ok else 'SLOW'}")
    store.close()
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
