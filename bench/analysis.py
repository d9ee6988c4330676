"""Time every analysis on a SYNTHETIC store of one million facts and events.

    python bench/analysis.py [--db PATH] [--pg postgresql://...] [--facts 500000]
                             [--events 500000] [--routes 100000]

Builds the store with bench/synthetic.py (500,000 facts + 500,000 events = 1,000,000 rows,
all marked synthetic) plus synthetic route statements, on SQLite and, with ``--pg`` (or
PUKARA_BENCH_PG_URL), on PostgreSQL too; groups the events once (``refresh_event_clusters``,
a batch step timed separately), then times each analysis as the CLI calls it (median of 3).
Targets: every analysis under 2 s on SQLite here, and PostgreSQL within 2x of SQLite.

Baseline, measured in the same run: reading every fact and event row into Python — the
naive way to answer any of these questions — so each line also prints analysis/baseline,
and with both backends the PostgreSQL/SQLite ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
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
from pukara.store import View, open_store

TARGET_S = 2.0


def _time(fn: Callable[[], Any], repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def _trafficking(store: View) -> None:
    routes = load_routes()
    gaz = load_gazetteer()
    info = {n: p for r in routes for n in r.nodes if (p := gaz.get(n)) is not None}
    chokepoints(trafficking_graph(store, routes, place_info=info))


def _cases(store: View) -> list[tuple[str, Callable[[], Any]]]:
    return [
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


def _run(url: str, args: argparse.Namespace) -> dict[str, float]:
    t0 = time.perf_counter()
    build(url, args.facts, args.events)
    add_statements(url, args.routes)
    print(f"\n== {url.split('?')[0]}: {args.facts:,} facts + {args.events:,} events "
          f"(SYNTHETIC) built in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    with open_store(url) as db:
        t0 = time.perf_counter()
        n = refresh_event_clusters(db)
        print(f"batch: refresh_event_clusters -> {n:,} events in {time.perf_counter() - t0:.1f} s")
        store = db.view()
        baseline = _time(lambda: (store.facts(limit=None), store.event_rows()), repeat=1)
        print(f"baseline: read all facts and events into Python: {baseline:.2f} s")
        print(f"{'analysis':40s} {'seconds':>8s} {'x baseline':>10s}  target {TARGET_S:.0f} s")
        found = {}
        for name, fn in _cases(store):
            seconds = found[name] = _time(fn)
            flag = "ok" if seconds < TARGET_S else "SLOW"
            print(f"{name:40s} {seconds:8.2f} {seconds / baseline:10.2f}  {flag}")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "pukara-bench.db"))
    ap.add_argument("--pg", default=os.environ.get("PUKARA_BENCH_PG_URL"),
                    help="also run on this PostgreSQL database (emptied first)")  # fmt: skip
    ap.add_argument("--facts", type=int, default=500_000)
    ap.add_argument("--events", type=int, default=500_000)
    ap.add_argument("--routes", type=int, default=100_000)
    args = ap.parse_args()
    sqlite = _run(args.db, args)
    slow = sum(s >= TARGET_S for s in sqlite.values())
    if args.pg:
        pg = _run(args.pg, args)
        print(f"\n{'analysis':40s} {'sqlite':>8s} {'postgres':>9s} {'pg/sqlite':>9s}  target 2x")
        for name, s in sqlite.items():
            ratio = pg[name] / s if s else float("inf")
            slow += ratio > 2.0
            print(f"{name:40s} {s:8.2f} {pg[name]:9.2f} {ratio:9.2f}  "
                  f"{'ok' if ratio <= 2.0 else 'SLOW'}")  # fmt: skip
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
