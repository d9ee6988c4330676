"""Ingest throughput: one process against Dask with 1 and 2 workers, on SQLite and PostgreSQL.

    python bench/ingest.py [--docs 20000] [--pg postgresql://...] [--configs single,dask1,dask2]

Writes a SYNTHETIC corpus of realistic reports (2-8 kB each, bench/corpus.py), then ingests
it with extraction into an empty store once per configuration, each in its own process:
``single`` (``ingest_paths`` in one process: the baseline), ``dask1`` and ``dask2``
(``ingest_parallel`` with 1 and 2 local workers). For each it prints documents per second
overall and per tenth of the corpus (constant when the cost of a document does not grow
with the store), the peak memory of the process and its workers, the ratio against the
single-process baseline, and the time 100,000 documents would take at the measured rate.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _child(config: str, corpus: Path, url: str) -> dict[str, Any]:
    """Run one configuration in this process; returns what the parent prints."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import fresh_store

    from pukara.analyse.clusters import refresh_event_clusters
    from pukara.pipeline import ingest_paths
    from pukara.scale.dask import ingest_parallel

    stamps: list[float] = []
    store = fresh_store(url)
    t0 = time.perf_counter()

    def tick(_: Path) -> None:
        stamps.append(time.perf_counter() - t0)

    if config == "single":
        report = ingest_paths(store, [corpus], on_file=tick)
        refresh_event_clusters(store)
    else:
        report = ingest_parallel(store, [corpus], workers=int(config[-1]), on_file=tick)
    seconds = time.perf_counter() - t0
    store.close()
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # fmt: skip
    return {"config": config, "seconds": seconds, "docs": report.new + report.near_duplicates,
            "problems": len(report.problems), "stamps": stamps, "peak_mb": peak / 1024}  # fmt: skip


def _slices(stamps: list[float], parts: int = 10) -> list[float]:
    """Documents per second in each tenth of the run."""
    n = len(stamps)
    out, last_t = [], 0.0
    for k in range(1, parts + 1):
        i = max(0, k * n // parts - 1)
        t = stamps[i] if stamps else 0.0
        out.append((n // parts) / (t - last_t) if t > last_t else 0.0)
        last_t = t
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--pg", default=os.environ.get("PUKARA_BENCH_PG_URL"))
    ap.add_argument("--configs", default="single,dask1,dask2")
    ap.add_argument("--corpus", type=Path, help="reuse a corpus folder written before")
    ap.add_argument("--child", nargs=3, metavar=("CONFIG", "CORPUS", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], Path(args.child[1]), args.child[2])))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="pukara-ingest-"))
    corpus = args.corpus or tmp / "corpus"
    if args.corpus is None:
        sys.path.insert(0, str(ROOT / "bench"))
        from corpus import generate

        generate(corpus, args.docs)
    n_files = sum(1 for _ in corpus.iterdir())
    print(f"SYNTHETIC corpus: {n_files:,} reports in {corpus}")
    backends = [("sqlite", str(tmp / "bench.db"))] + ([("postgres", args.pg)] if args.pg else [])
    for name, url in backends:
        base = None
        print(f"\n== {name}")
        print(f"{'config':8s} {'docs/s':>8s} {'x single':>8s} {'peak MB':>8s} "
              f"{'100k docs':>10s}  docs/s per tenth of the corpus")  # fmt: skip
        for config in args.configs.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", config, str(corpus), url],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            rate = r["docs"] / r["seconds"]
            base = base or rate
            tenths = " ".join(f"{x:.0f}" for x in _slices(r["stamps"]))
            print(f"{config:8s} {rate:8.1f} {rate / base:8.2f} {r['peak_mb']:8.0f} "
                  f"{100_000 / rate / 60:8.1f} min  {tenths}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
