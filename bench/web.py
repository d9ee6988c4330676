"""Speed of the web app on a SYNTHETIC store of 100,000 events (and 100,000 figures).

    python bench/web.py [--db PATH] [--events 100000] [--facts 100000] [--clients 50]
                        [--requests 2000] [--runs 5] [--keep]

1. Builds the store with bench/synthetic.py (everything in it marked synthetic) and groups
   the events (``refresh_event_clusters``, the batch step ``pukara ingest`` runs).
2. Starts ``pukara serve``'s app (uvicorn, one process, 127.0.0.1, a free port) in a
   subprocess, so that the load generator does not share its interpreter.
3. Time to first render of the map (target < 1.5 s): headless Chromium (Debian's, driven by
   Playwright) loads /map in a fresh context (empty browser cache) and waits for
   ``window.pukaraMapReady``, the performance.now() the page's script sets once departments
   and marker clusters are drawn, i.e. milliseconds since navigation start. Baseline in the
   same run: the same page with ``?markers=0`` (base map and departments, no events). The
   first load is "cold" (the server's answer cache is empty); then the median of --runs.
4. p95 latency of the JSON endpoints under 50 concurrent clients on loopback: --requests
   requests (bounded) spread over the endpoints with varied filters, places and words,
   from 50 asyncio clients (httpx2, one connection each). Baseline in the same run: the
   same load on a static file (/static/css/pukara.css) served by the same server.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MAP_S = 1.5
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
DEPARTMENTS = ["pe:16", "pe:05", "pe:10", "pe:08", "pe:25", "pe:22", "pe:17", "pe:12", "pe:21"]
ACTIVITIES = ["", "coca", "trafficking", "gold_mining", "armed_conflict", "state_effort"]
SINCE = ["", "2010", "2018", "2022-06"]
WORDS = ["report", "synthetic", "coca", "VRAEM", "Loreto"]


def _serve(db: str, port: int) -> None:
    import uvicorn

    from pukara.web import create_app

    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("server did not start in time")


def _build(db: Path, n_events: int, n_facts: int) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import build

    from pukara.analyse.clusters import refresh_event_clusters

    t0 = time.perf_counter()
    build(db, n_facts, n_events)
    t1 = time.perf_counter()
    n = refresh_event_clusters(db)
    print(f"store: {n_events:,} events ({n:,} happenings), {n_facts:,} figures, SYNTHETIC; "
          f"built in {t1 - t0:.1f} s, events grouped in {time.perf_counter() - t1:.1f} s")  # fmt: skip


def _map_times(base: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"map": [], "baseline": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for i in range(runs + 1):
            for name, path in (("map", "/map"), ("baseline", "/map?markers=0")):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.goto(base + path)
                page.wait_for_function("window.pukaraMapReady > 0", timeout=60_000)
                out[name].append(float(page.evaluate("window.pukaraMapReady")) / 1000)
                if i == 0 and name == "map":
                    icons = page.locator(".leaflet-marker-icon").count()
                    print(f"map: {icons} marker elements in the DOM for the whole store")
                context.close()
        browser.close()
    return out


def _api_urls(n: int) -> list[tuple[str, str]]:
    """(endpoint name, url) pairs, cycling through endpoints and their parameters."""
    makers = [
        ("map/points", lambda i: f"/api/map/points?activity={ACTIVITIES[i % 6]}&since={SINCE[i % 4]}"),
        ("events", lambda i: f"/api/events?limit=50&activity={ACTIVITIES[i % 6]}&since={SINCE[i % 4]}"),
        ("places/{id}", lambda i: f"/api/places/{DEPARTMENTS[i % len(DEPARTMENTS)]}"),
        ("search", lambda i: f"/api/search?q={WORDS[i % len(WORDS)]}"),
        ("series", lambda i: f"/api/series/coca_cultivation_area?place={DEPARTMENTS[i % 9]}"),
        ("facts", lambda i: f"/api/facts?limit=50&activity={ACTIVITIES[i % 6]}"),
        ("events/{id}", lambda i: f"/api/events/{1 + (i * 7919) % 90_000}"),
        ("filters", lambda i: "/api/filters"),
    ]  # fmt: skip
    cycle = itertools.cycle(makers)
    return [(name, make(i)) for i, (name, make) in zip(range(n), cycle, strict=False)]


async def _load(base: str, urls: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    import httpx2

    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in urls:
        queue.put_nowait(item)
    times: dict[str, list[float]] = {}
    failures: list[str] = []

    async def client() -> None:
        async with httpx2.AsyncClient(base_url=base, timeout=60) as http:
            while not queue.empty():
                name, url = queue.get_nowait()
                t0 = time.perf_counter()
                r = await http.get(url)
                times.setdefault(name, []).append(time.perf_counter() - t0)
                if r.status_code not in (200, 404):
                    failures.append(f"{url}: {r.status_code}")

    await asyncio.gather(*(client() for _ in range(clients)))
    if failures:
        print(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "pukara-web-bench.db")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="reuse --db if it exists")
    ap.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        _serve(args.serve[0], int(args.serve[1]))
        return 0
    if not (args.keep and args.db.exists()):
        _build(args.db, args.events, args.facts)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(args.db), str(port)])
    try:
        _wait_up(port, proc)
        base = f"http://127.0.0.1:{port}"
        _report_map(_map_times(base, args.runs))
        _report_api(base, args.requests, args.clients)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
    return 0


def _report_map(t: dict[str, list[float]]) -> None:
    cold, warm = t["map"][0], statistics.median(t["map"][1:])
    base_cold, base_warm = t["baseline"][0], statistics.median(t["baseline"][1:])
    verdict = "meets" if max(cold, warm) < TARGET_MAP_S else "MISSES"
    print(f"map first render, {len(t['map']) - 1} runs: cold {cold:.3f} s, median {warm:.3f} s "
          f"(target < {TARGET_MAP_S} s: {verdict})")  # fmt: skip
    print(f"  baseline (same page, no markers): cold {base_cold:.3f} s, median {base_warm:.3f} s; "
          f"ratio map/baseline {warm / base_warm:.2f}")  # fmt: skip


def _report_api(base: str, requests: int, clients: int) -> None:
    times = asyncio.run(_load(base, _api_urls(requests), clients))
    static = asyncio.run(_load(base, [("static", "/static/css/pukara.css")] * requests, clients))
    every = [v for vs in times.values() for v in vs]
    base_p95 = _p95(static["static"])
    print(f"JSON endpoints, {len(every)} requests from {clients} concurrent clients on loopback:")
    for name, values in sorted(times.items()):
        print(f"  {name:<12} n={len(values):>4}  p50 {statistics.median(values) * 1000:7.1f} ms"
              f"  p95 {_p95(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms")  # fmt: skip
    print(f"  all          p95 {_p95(every) * 1000:.1f} ms; baseline (static file, same load) "
          f"p95 {base_p95 * 1000:.1f} ms; ratio {_p95(every) / base_p95:.1f}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
