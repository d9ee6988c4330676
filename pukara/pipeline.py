"""Ingest pipeline: files -> readers -> extraction -> store, written in bounded batches.

A face (CLI, web, notebook, the Dask runner) calls ``ingest_paths``: every file under the
paths is read, each document is extracted (places, actors, facts, events, relations) unless
``extract=False``, and documents are written ``batch_size`` at a time, one transaction per
batch and one savepoint per document, so a large ingest commits per batch and a failure loses
one document only. Bad files become ``Problem`` records that are stored (once per input) and
returned, and the batch goes on. ``exit_code`` turns the report into 0 (all fine), 1 (some
inputs failed) or 2 (nothing ingested). After an ingest, call
``pukara.analyse.clusters.refresh_event_clusters`` to keep "one event per happening" current.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from pukara.errors import Problem, PukaraError, StoreError
from pukara.extract.document import extract_document
from pukara.ingest import iter_files, read_path
from pukara.ingest.decode import DEFAULT_MAX_BYTES
from pukara.model import Document, Extraction, Marking, Observation, Source
from pukara.refdata.gazetteer import department_at
from pukara.store import AddResult, AddStatus, Store

__all__ = [
    "DEFAULT_BATCH",
    "BatchWriter",
    "IngestReport",
    "Item",
    "extract_records",
    "ingest_paths",
    "load_source_grades",
    "prepare_document",
]

Extractor = Callable[[Document], Extraction]
DEFAULT_BATCH = 64  # documents per transaction: large enough to amortise commits, small enough
# that a crash loses little and memory stays flat


@dataclass
class IngestReport:
    files: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    observations: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        """Records read successfully, whether new or already known."""
        return self.new + self.duplicates + self.near_duplicates + self.observations

    @property
    def exit_code(self) -> int:
        if not self.problems:
            return 0
        return 1 if self.ingested else 2

    def count(self, result: AddResult) -> None:
        if result.status is AddStatus.NEW:
            self.new += 1
        elif result.status is AddStatus.DUPLICATE:
            self.duplicates += 1
        else:
            self.near_duplicates += 1

    def merge(self, other: IngestReport) -> None:
        for name in ("files", "new", "duplicates", "near_duplicates", "observations"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)


def load_source_grades(folder: Path) -> dict[str, Source]:
    """Source grades from a ``sources.yaml`` in the folder (name -> reliability, credibility)."""
    path = folder / "sources.yaml"
    if not path.is_file():
        return {}
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    entries = raw.get("sources", raw) if isinstance(raw, dict) else raw
    grades: dict[str, Source] = {}
    for entry in entries or []:
        if isinstance(entry, dict) and entry.get("name"):
            src = Source(
                name=str(entry["name"]),
                url=entry.get("url"),
                reliability=str(entry.get("reliability", "F")),
                credibility=int(entry.get("credibility", 6)),
            )
            grades[src.name.lower()] = src
    return grades


def prepare_document(
    doc: Document, marking: Marking | None, source: Source | None, grades: dict[str, Source]
) -> tuple[Document, Source | None]:
    """The document with the batch's marking, and the source to store it under (the
    batch's, else its graded entry in sources.yaml, else its own)."""
    if marking is not None:
        doc = replace(doc, marking=marking)
    graded = source or (grades.get(doc.source.name.lower()) if doc.source else None)
    return doc, graded or doc.source


Item = tuple[Document, Extraction | None, Source | None] | Observation | Problem


def extract_records(
    path: Path,
    *,
    extractor: Extractor | None,
    marking: Marking | None,
    source: Source | None,
    grades: dict[str, Source],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Everything one file gives, ready to store: documents with their extraction,
    observations (placed in their department) and problems. Runs anywhere (the Dask
    workers call it too): no store needed."""
    for record in read_path(path, max_bytes):
        if isinstance(record, Problem):
            yield record
        elif isinstance(record, Observation):
            record = _with_department(record)
            yield replace(record, marking=marking) if marking else record
        else:
            doc, src = prepare_document(record, marking, source, grades)
            try:
                yield doc, extractor(doc) if extractor is not None else None, src
            except (ValueError, RuntimeError, KeyError, IndexError) as exc:
                # an extractor bug must not stop the batch: the document is still kept
                yield Problem(doc.path, "extraction", f"{type(exc).__name__}: {exc}")
                yield doc, None, src


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    extract: bool = True,
    extractor: Extractor | None = None,
    marking: Marking | None = None,
    source: Source | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = DEFAULT_BATCH,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read every file under ``paths`` into ``store``; returns counts and problems.

    Extraction uses ``extractor`` when given, else ``extract_document`` unless
    ``extract=False`` (documents are then stored with their text and metadata only)."""
    report = IngestReport()
    roots = [Path(p) for p in paths]
    grades = {k: v for root in roots for k, v in
              load_source_grades(root if root.is_dir() else root.parent).items()}  # fmt: skip
    chosen = extractor if extractor is not None else (extract_document if extract else None)
    writer = BatchWriter(store, report, batch_size)
    for path in iter_files(roots):
        report.files += 1
        if on_file is not None:
            on_file(path)
        items = extract_records(path, extractor=chosen, marking=marking, source=source,
                                grades=grades, max_bytes=max_bytes)  # fmt: skip
        writer.write(path, items)
    writer.flush()
    return report


class BatchWriter:
    """Collects documents into batches and writes them; observations and problems as they
    come (per file)."""

    def __init__(self, store: Store, report: IngestReport, batch_size: int) -> None:
        self.store = store
        self.report = report
        self.batch_size = max(1, batch_size)
        self.pending: list[tuple[Document, Extraction | None, Source | None]] = []

    def write(self, path: Path, items: Iterable[Item]) -> None:
        observations: list[Observation] = []
        for item in items:
            if isinstance(item, Problem):
                self.problem(item)
            elif isinstance(item, Observation):
                observations.append(item)
            else:
                self.pending.append(item)
                if len(self.pending) >= self.batch_size:
                    self.flush()
        if observations:
            try:
                self.report.observations += self.store.add_observations(observations)
            except PukaraError as exc:
                self.problem(Problem(str(path), "observations", str(exc)))

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        try:
            results = self.store.add_documents(batch)
        except PukaraError as exc:  # the whole batch failed to commit: say so per document
            results = [StoreError(str(exc)) for _ in batch]
        for (doc, _, _), result in zip(batch, results, strict=True):
            if isinstance(result, StoreError):
                self.problem(Problem(doc.path, "document", str(result)))
            else:
                self.report.count(result)

    def problem(self, problem: Problem) -> None:
        self.report.problems.append(problem)
        with contextlib.suppress(PukaraError):  # the problem is still reported to the caller
            self.store.add_problem(problem)


def _with_department(obs: Observation) -> Observation:
    """An observation with coordinates but no place name gets its department (point in
    polygon), so that sensor records group with reports by region."""
    if obs.place or obs.point is None:
        return obs
    department = department_at(obs.point)
    return replace(obs, place=department.name) if department else obs
