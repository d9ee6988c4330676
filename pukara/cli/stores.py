"""Commands that fill and read the store: ingest, demo, documents, show, search, problems,
extract, copy."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pukara.analyse.clusters import refresh_event_clusters
from pukara.cli.common import (
    DbOption,
    app,
    console,
    err,
    fail,
    open_for_read,
    open_for_write,
    settings,
)
from pukara.errors import Problem, PukaraError
from pukara.extract.contract import to_contract
from pukara.extract.document import extract_document
from pukara.ingest import iter_files, read_path
from pukara.model import Document, Marking, Source
from pukara.pipeline import DEFAULT_BATCH, IngestReport, ingest_paths
from pukara.store import SQLStore, open_store

__all__ = ["demo_corpus"]


class Reliability(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class ExtractFormat(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    TABLE = "table"


def demo_corpus() -> Path:
    """Folder of the bundled demo corpus (invented reports and observations)."""
    return Path(str(resources.files("pukara.demo").joinpath("corpus")))


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
        disable=not err.is_terminal,
    )  # fmt: skip


def run_ingest(store: SQLStore, paths: list[Path], **kwargs: Any) -> IngestReport:
    """``ingest_paths`` with a progress bar, then the event clusters brought up to date."""
    total = sum(1 for _ in iter_files(paths))
    with _progress() as progress:
        task = progress.add_task("", total=total)

        def on_file(path: Path) -> None:
            progress.update(task, advance=1, description=path.name)

        report = ingest_paths(store, paths, on_file=on_file, **kwargs)
    refresh_event_clusters(store)
    return report


def print_report(report: IngestReport) -> None:
    for problem in report.problems:
        err.print(escape(str(problem)), soft_wrap=True)
    console.print(
        f"{report.files} files: {report.new} new documents, "
        f"{report.near_duplicates} near-duplicates linked, {report.duplicates} already stored, "
        f"{report.observations} observations, {len(report.problems)} problems",
        soft_wrap=True,
    )


def _summary_table(store: SQLStore, title: str) -> Table:
    table = Table("what", "count", title=title)
    for key, value in store.view().summary().items():
        table.add_row(key.replace("_", " "), str(value))
    return table


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively)")],
    db: DbOption = None,
    marking: Annotated[
        str | None,
        typer.Option(help='Handling marking for all inputs, e.g. "TLP:AMBER REL TO PE,CO"'),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for all inputs")] = None,
    reliability: Annotated[
        Reliability, typer.Option(help="Source reliability A (reliable) to F (cannot judge)")
    ] = Reliability.F,
    credibility: Annotated[
        int, typer.Option(min=1, max=6, help="Information credibility 1 (confirmed) to 6")
    ] = 6,
    extract: Annotated[
        bool,
        typer.Option("--extract/--no-extract", help="Extract places, actors, facts, events"),
    ] = True,
    workers: Annotated[
        int, typer.Option(min=0, max=256, help="Dask workers (0: this process only)")
    ] = 0,
    scheduler: Annotated[
        str | None, typer.Option(help="An existing Dask scheduler, e.g. tcp://host:8786")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, max=10_000, help="Documents per transaction")
    ] = DEFAULT_BATCH,
) -> None:
    """Read reports (text, HTML, PDF, RSS/Atom) and observations (CSV, GeoJSON) into the
    store, extracting places, actors, figures and events, then group reports of the same
    happening. Exit code: 0 all fine, 1 some inputs failed, 2 nothing ingested."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"{', '.join(missing)}: no such file or folder")
    try:
        mark = Marking.parse(marking) if marking else None
    except ValueError as exc:
        fail(f"--marking: {exc}; e.g. \"TLP:AMBER REL TO PE,CO\" (levels: clear, green, "
             "amber, amber+strict, red)")  # fmt: skip
    src = Source(source, reliability=reliability.value, credibility=credibility) if source else None
    options: dict[str, Any] = {"marking": mark, "source": src, "extract": extract,
                               "max_bytes": settings().max_bytes}  # fmt: skip
    with open_for_write(db) as store:
        if workers or scheduler:
            from pukara.scale.dask import ingest_parallel

            report = ingest_parallel(store, paths, workers=workers or 2, scheduler=scheduler,
                                     batch_size=batch_size, **options)  # fmt: skip
        else:
            report = run_ingest(store, paths, batch_size=batch_size, **options)
        console.print(f"store: {store.url}", soft_wrap=True)
    print_report(report)
    raise typer.Exit(report.exit_code)


@app.command("demo")
def demo_cmd(db: DbOption = None) -> None:
    """Build a fresh store from the bundled demo corpus (with extraction) and print a
    summary; later commands without --db use it until you build your own store."""
    target = Path(db or settings().demo_db).expanduser()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    try:
        store = open_store(str(target))
    except PukaraError as exc:
        fail(exc)
    with store:
        report = run_ingest(store, [demo_corpus()], max_bytes=settings().max_bytes)
        print_report(report)
        console.print(_summary_table(store, f"Demo knowledge base: {target}"))
    raise typer.Exit(report.exit_code)


@app.command("documents")
def documents_cmd(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="How many to list")] = 50,
) -> None:
    """List stored documents, newest first, with source grade and near-duplicate links."""
    with open_for_read(db) as store:
        rows = store.view().documents(limit=limit)
    table = Table("id", "published", "lang", "source", "title", "copy of")
    for r in rows:
        src = f"{r.source} ({r.grade})" if r.source else ""
        table.add_row(r.id, r.published or "", r.language or "", src, r.title or "",
                      r.duplicate_of or "")  # fmt: skip
    console.print(table)


@app.command("show")
def show_cmd(
    doc: Annotated[str, typer.Argument(help="Document id or unique id prefix")],
    db: DbOption = None,
) -> None:
    """Show one document: metadata, provenance, copies and clean text."""
    with open_for_read(db) as store:
        stored = store.view().document(doc)
    if stored is None:
        fail(f"{doc}: no single document with that id or prefix (`pukara documents` lists them)", 1)
    r = stored.row
    console.print(f"[bold]{escape(r.title or '(untitled)')}[/bold]")
    console.print(escape(
        f"id {r.id} · published {r.published or 'unknown'} · language {r.language or '?'} · "
        f"source {r.source or 'unknown'} ({r.grade or '?'}) · {r.marking.label()}"
        + (f" · by {r.author}" if r.author else "")))  # fmt: skip
    console.print(escape(f"path {r.path}" + (f" · url {stored.url}" if stored.url else "")))
    if r.duplicate_of:
        console.print(f"near-duplicate of {r.duplicate_of}")
    if stored.copies:
        console.print(f"copies: {', '.join(stored.copies)}")
    console.print(", ".join(f"{v} {k}" for k, v in stored.counts.items()))
    console.print()
    console.print(stored.text, markup=False)


@app.command("search")
def search_cmd(
    query: Annotated[
        str, typer.Argument(help="Words to find (accents optional; word* for prefix)")
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many hits")] = 20,
) -> None:
    """Full-text search over documents; the matched words stand between [ and ]."""
    with open_for_read(db) as store:
        hits = store.view().search(query, limit=limit)
    table = Table("id", "published", "title", "snippet")
    for h in hits:  # escaped: "[word]" in a snippet is text, not console markup
        table.add_row(h.doc_id, h.published or "", escape(h.title or ""), escape(h.snippet))
    console.print(table)
    if not hits:
        raise typer.Exit(1)


@app.command("problems")
def problems_cmd(
    db: DbOption = None, limit: Annotated[int, typer.Option(min=1, max=10**6)] = 200
) -> None:
    """List inputs that could not be read, one line each: path: where: reason."""
    with open_for_read(db) as store:
        rows = store.view().problems(limit=limit)
    for row in rows:
        console.print(str(row), markup=False, soft_wrap=True)
    if not rows:
        console.print("no problems")


@app.command("extract")
def extract_cmd(
    files: Annotated[list[Path], typer.Argument(help="Report files or folders")],
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", help="jsonl (one object per document), json or table"),
    ] = ExtractFormat.JSONL,
) -> None:
    """Print places, actors, facts and events found in reports, without storing them. The
    jsonl output is the extraction contract read by scorers and partners."""
    results, failed = [], 0
    for path in iter_files(files):
        for record in read_path(path):
            if isinstance(record, Problem):
                err.print(escape(str(record)), soft_wrap=True)
                failed += 1
            elif isinstance(record, Document):
                results.append(to_contract(extract_document(record)))
    if fmt is ExtractFormat.JSONL:
        for item in results:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif fmt is ExtractFormat.JSON:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_extraction_tables(results)
    raise typer.Exit(0 if not failed else (1 if results else 2))


def _print_extraction_tables(results: list[dict[str, Any]]) -> None:
    for item in results:
        doc = item["document"]
        console.print(
            f"[bold]{escape(doc['title'] or doc['path'])}[/bold] ({doc['published'] or '?'})"
        )
        table = Table("kind", "name / value", "detail")
        for p in item["places"]:
            table.add_row("place", p["name"], f"{p['kind']} {p['gazetteer_id']} ×{p['mentions']}")
        for a in item["actors"]:
            table.add_row("actor", a["name"], f"{a['kind']} {a['actor_id']} ×{a['mentions']}")
        for f in item["facts"]:
            table.add_row("fact", f"{f['value']:g} {f['unit']}", f"{f['indicator']} {f['period']}")
        for e in item["events"]:
            table.add_row("event", e["type"], f"{e['date']} {e['place']}")
        console.print(table)


@app.command("copy")
def copy_cmd(
    source: Annotated[str, typer.Option("--from", help="Store to copy from (path or URL)")],
    target: Annotated[str, typer.Option("--to", help="Store to copy into (path or URL)")],
) -> None:
    """Copy a store into another, on any backends (sqlite:///a.db to postgresql://...):
    every document, claim, observation and problem; then the event clusters are rebuilt."""
    from pukara.store.copy import copy_store

    try:
        with open_store(source, read_only=True) as src, open_store(target) as dst:
            counts = copy_store(src, dst, on_table=lambda t: err.print(f"copying {t}"))
            refresh_event_clusters(dst, full=True)
    except PukaraError as exc:
        fail(exc)
    console.print(", ".join(f"{n} {t}" for t, n in counts.items() if n))
