"""Parallel batch ingest on Dask: workers read and extract, this process writes.

``ingest_parallel(store, paths, workers=2)`` starts a local Dask cluster (processes, one
thread each; or connects to an existing scheduler by address), splits the input files into
chunks, and has the workers run ``pukara.pipeline.extract_records`` on them: reading,
cleaning and extraction, the costly part, in parallel. Results come back as they finish and
are written here through the store in bounded batches (``BatchWriter``: one transaction per
batch, a savepoint per document), with at most ``2 x workers`` chunks in flight, so memory
stays bounded whatever the number of inputs.

Idempotent: documents are named by their content hash and claims by stable ids, so a run
killed at any point (a worker, or the whole run with ``kill -9``) loses at most the batch it
was writing, and running again adds exactly what is missing, duplicating nothing. The event
clusters are brought up to date at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pukara.analyse.clusters import refresh_event_clusters
from pukara.extract.document import extract_document
from pukara.ingest import iter_files
from pukara.ingest.decode import DEFAULT_MAX_BYTES
from pukara.model import Marking, Source
from pukara.pipeline import (
    DEFAULT_BATCH,
    BatchWriter,
    IngestReport,
    Item,
    extract_records,
    load_source_grades,
)
from pukara.store import Store

__all__ = ["CHUNK", "ingest_parallel", "read_chunk"]

CHUNK = 32  # files per task: enough work to amortise scheduling, small enough to spread


def read_chunk(
    paths: list[str],
    extract: bool,
    marking: Marking | None,
    source: Source | None,
    grades: dict[str, Source],
    max_bytes: int,
) -> list[tuple[str, list[Item]]]:
    """A worker's task: every record of each file, extracted (runs in the worker)."""
    extractor = extract_document if extract else None
    return [
        (p, list(extract_records(Path(p), extractor=extractor, marking=marking, source=source,
                                 grades=grades, max_bytes=max_bytes)))
        for p in paths
    ]  # fmt: skip


def ingest_parallel(
    store: Store,
    paths: Iterable[str | Path],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    extract: bool = True,
    marking: Marking | None = None,
    source: Source | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``store`` with Dask workers (see the module docstring)."""
    from dask.distributed import Client, LocalCluster, as_completed

    roots = [Path(p) for p in paths]
    grades = {k: v for root in roots for k, v in
              load_source_grades(root if root.is_dir() else root.parent).items()}  # fmt: skip
    files = [str(f) for f in iter_files(roots)]
    report = IngestReport(files=len(files))
    writer = BatchWriter(store, report, batch_size)
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)  # fmt: skip
    client = Client(scheduler or cluster)
    try:
        chunks = _chunks(files)
        args = (extract, marking, source, grades, max_bytes)
        limit = 2 * max(1, workers)
        running = as_completed([client.submit(read_chunk, c, *args, pure=False)
                                for c in itertools.islice(chunks, limit)])  # fmt: skip
        for future in running:
            for path, items in future.result():
                if on_file is not None:
                    on_file(Path(path))
                writer.write(Path(path), items)
            future.release()
            for chunk in itertools.islice(chunks, 1):
                running.add(client.submit(read_chunk, chunk, *args, pure=False))
        writer.flush()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    refresh_event_clusters(store)
    return report


def _chunks(files: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(files), CHUNK):
        yield files[start : start + CHUNK]
