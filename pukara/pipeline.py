"""Ingest pipeline: files -> readers -> (extraction) -> store, one document per transaction.

A face (CLI, web, notebook) calls ``ingest_paths``; bad files become ``Problem`` records
that are stored and returned, and the batch goes on. ``exit_code`` turns the report into
0 (all fine), 1 (some inputs failed) or 2 (nothing ingested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from pukara.errors import Problem, PukaraError
from pukara.ingest import iter_files, read_path
from pukara.ingest.decode import DEFAULT_MAX_BYTES
from pukara.model import Document, Extraction, Marking, Observation, Source
from pukara.refdata.gazetteer import department_at
from pukara.store import AddStatus, Store

__all__ = ["IngestReport", "ingest_paths", "load_source_grades"]

Extractor = Callable[[Document], Extraction]


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


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    extractor: Extractor | None = None,
    marking: Marking | None = None,
    source: Source | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read every file under ``paths`` into ``store``; returns counts and problems."""
    report = IngestReport()
    roots = [Path(p) for p in paths]
    grades: dict[str, Source] = {}
    for root in roots:
        grades.update(load_source_grades(root if root.is_dir() else root.parent))
    for path in iter_files(roots):
        report.files += 1
        if on_file is not None:
            on_file(path)
        observations: list[Observation] = []
        for record in read_path(path, max_bytes):
            if isinstance(record, Problem):
                _problem(store, report, record)
            elif isinstance(record, Observation):
                record = _with_department(record)
                observations.append(replace(record, marking=marking) if marking else record)
            else:
                _document(store, report, record, extractor, marking, source, grades)
        if observations:
            try:
                report.observations += store.add_observations(observations)
            except PukaraError as exc:
                _problem(store, report, Problem(str(path), "observations", str(exc)))
    return report


def _document(
    store: Store,
    report: IngestReport,
    doc: Document,
    extractor: Extractor | None,
    marking: Marking | None,
    source: Source | None,
    grades: dict[str, Source],
) -> None:
    if marking is not None:
        doc = replace(doc, marking=marking)
    graded = source or (grades.get(doc.source.name.lower()) if doc.source else None)
    try:
        extraction = extractor(doc) if extractor is not None else None
        result = store.add_document(doc, extraction, graded or doc.source)
    except PukaraError as exc:
        _problem(store, report, Problem(doc.path, "document", str(exc)))
        return
    except (ValueError, RuntimeError) as exc:  # an extractor bug must not stop the batch
        _problem(store, report, Problem(doc.path, "extraction", f"{type(exc).__name__}: {exc}"))
        return
    if result.status is AddStatus.NEW:
        report.new += 1
    elif result.status is AddStatus.DUPLICATE:
        report.duplicates += 1
    else:
        report.near_duplicates += 1


def _with_department(obs: Observation) -> Observation:
    """An observation with coordinates but no place name gets its department (point in
    polygon), so that sensor records group with reports by region."""
    if obs.place or obs.point is None:
        return obs
    department = department_at(obs.point)
    return replace(obs, place=department.name) if department else obs


def _problem(store: Store, report: IngestReport, problem: Problem) -> None:
    report.problems.append(problem)
    store.add_problem(problem)
