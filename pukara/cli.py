"""The ``pukara`` command: a thin Typer face over the library.

Each command opens the store, calls one library function and reports. A PukaraError
prints one line and exits non-zero (traceback only with --debug).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pukara.config import Settings, load_settings
from pukara.errors import Problem, PukaraError
from pukara.extract.contract import to_contract
from pukara.extract.document import extract_document
from pukara.ingest import iter_files, read_path
from pukara.model import Document, Marking, Source
from pukara.pipeline import IngestReport, ingest_paths
from pukara.store import SQLiteStore, open_store

app = typer.Typer(
    help="Pukara: intelligence on the illicit economies of Peru and its frontiers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

_state: dict[str, object] = {"debug": False, "db": None}

DbOption = Annotated[
    str | None, typer.Option("--db", help="Store to use (SQLite path); default PUKARA_DB_URL")
]


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors")] = False,
) -> None:
    """Ingest reports, search them and build the demo knowledge base."""
    _state["debug"] = debug


def _settings(db: str | None) -> Settings:
    return load_settings(db_url=db)


@contextmanager
def _store(url: str) -> Iterator[SQLiteStore]:
    try:
        store = open_store(url)
    except PukaraError as exc:
        _fail(exc)
    try:
        yield store
    finally:
        store.close()


def _fail(exc: Exception, code: int = 2) -> typer.Exit:
    if _state["debug"]:
        raise exc
    err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _run_ingest(store: SQLiteStore, paths: list[Path], **kwargs: object) -> IngestReport:
    total = sum(1 for _ in iter_files(paths))
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=total)

        def on_file(path: Path) -> None:
            progress.update(task, advance=1, description=path.name)

        return ingest_paths(store, paths, on_file=on_file, **kwargs)  # type: ignore[arg-type]


def _print_report(report: IngestReport) -> None:
    for problem in report.problems:
        err.print(str(problem), highlight=False, markup=False, soft_wrap=True)
    console.print(
        f"{report.files} files: {report.new} new documents, "
        f"{report.near_duplicates} near-duplicates linked, {report.duplicates} already stored, "
        f"{report.observations} observations, {len(report.problems)} problems",
        soft_wrap=True,
    )


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively)")],
    db: DbOption = None,
    marking: Annotated[
        str | None,
        typer.Option(help='Handling marking for all inputs, e.g. "TLP:AMBER REL TO PE,CO"'),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for all inputs")] = None,
    reliability: Annotated[str, typer.Option(help="Source reliability A-F")] = "F",
    credibility: Annotated[int, typer.Option(help="Information credibility 1-6")] = 6,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract places, actors, facts, events")
    ] = True,
) -> None:
    """Read reports (text, HTML, PDF, RSS/Atom) and observations (CSV, GeoJSON) into the store.

    Exit code: 0 all fine, 1 some inputs failed, 2 nothing ingested.
    """
    settings = _settings(db)
    try:
        mark = Marking.parse(marking) if marking else None
        src = Source(source, reliability=reliability, credibility=credibility) if source else None
    except ValueError as exc:
        raise _fail(exc) from exc
    with _store(settings.db_url) as store:
        report = _run_ingest(store, paths, marking=mark, source=src, max_bytes=settings.max_bytes)
    _print_report(report)
    raise typer.Exit(report.exit_code)


@app.command("documents")
def documents_cmd(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many to list")] = 50,
) -> None:
    """List stored documents, newest first."""
    with _store(_settings(db).db_url) as store:
        rows = store.documents(limit=limit)
    table = Table("id", "published", "lang", "source", "title", "copy of")
    for r in rows:
        src = f"{r.source} ({r.reliability})" if r.source else ""
        table.add_row(
            r.id, r.published or "", r.language or "", src, r.title or "", r.duplicate_of or ""
        )
    console.print(table)


@app.command("show")
def show_cmd(
    doc: Annotated[str, typer.Argument(help="Document id or unique id prefix")],
    db: DbOption = None,
) -> None:
    """Show one document: metadata, provenance and clean text."""
    with _store(_settings(db).db_url) as store:
        stored = store.get_document(doc)
    if stored is None:
        err.print(f"{doc}: no single document with that id or prefix")
        raise typer.Exit(1)
    r = stored.row
    console.print(f"[bold]{r.title or '(untitled)'}[/bold]")
    console.print(
        f"id {r.id} · published {r.published or 'unknown'} · language {r.language or '?'} · "
        f"source {r.source or 'unknown'} ({r.reliability or '?'}) · TLP:{r.tlp.upper()}",
        highlight=False,
    )
    console.print(
        f"path {r.path}" + (f" · url {stored.url}" if stored.url else ""), highlight=False
    )
    if r.duplicate_of:
        console.print(f"near-duplicate of {r.duplicate_of}")
    if stored.copies:
        console.print(f"copies: {', '.join(stored.copies)}")
    console.print(", ".join(f"{v} {k}" for k, v in stored.counts.items()))
    console.print()
    console.print(stored.text, markup=False, highlight=False)


@app.command("search")
def search_cmd(
    query: Annotated[
        str, typer.Argument(help="Words to find (accents optional; word* for prefix)")
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many hits")] = 20,
) -> None:
    """Full-text search over documents."""
    with _store(_settings(db).db_url) as store:
        hits = store.search(query, limit=limit)
    table = Table("id", "published", "title", "snippet")
    for h in hits:
        table.add_row(h.doc_id, h.published or "", h.title or "", h.snippet)
    console.print(table)
    if not hits:
        raise typer.Exit(1)


@app.command("problems")
def problems_cmd(db: DbOption = None, limit: Annotated[int, typer.Option()] = 200) -> None:
    """List inputs that could not be read, one line each: path: where: reason."""
    with _store(_settings(db).db_url) as store:
        rows = store.problems(limit=limit)
    for row in rows:
        console.print(str(row), markup=False, highlight=False, soft_wrap=True)
    if not rows:
        console.print("no problems")


@app.command("extract")
def extract_cmd(
    files: Annotated[list[Path], typer.Argument(help="Report files or folders")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (one object per document), json or table")
    ] = "jsonl",
) -> None:
    """Print places, actors, facts and events found in reports, without storing them.

    The jsonl output is the extraction contract read by scorers and partners.
    """
    if fmt not in {"jsonl", "json", "table"}:
        raise _fail(ValueError(f"--format {fmt!r}: use jsonl, json or table"))
    results = []
    failed = 0
    for path in iter_files(files):
        for record in read_path(path):
            if isinstance(record, Problem):
                err.print(str(record), markup=False, highlight=False, soft_wrap=True)
                failed += 1
            elif isinstance(record, Document):
                results.append(to_contract(extract_document(record)))
    if fmt == "jsonl":
        for item in results:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_extraction_tables(results)
    raise typer.Exit(0 if not failed else (1 if results else 2))


def _print_extraction_tables(results: list[dict[str, Any]]) -> None:
    for item in results:
        doc = item["document"]
        console.print(f"[bold]{doc['title'] or doc['path']}[/bold] ({doc['published'] or '?'})")
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


def demo_corpus() -> Path:
    """Folder of the bundled demo corpus (invented reports and observations)."""
    return Path(str(resources.files("pukara.demo").joinpath("corpus")))


@app.command("demo")
def demo_cmd(db: DbOption = None) -> None:
    """Build a fresh store from the bundled demo corpus and print a summary."""
    settings = load_settings()
    target = Path(db or settings.demo_db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with _store(str(target)) as store:
        report = _run_ingest(
            store, [demo_corpus()], max_bytes=settings.max_bytes, extractor=extract_document
        )
        summary = store.summary()
        _print_report(report)
        table = Table("what", "count", title=f"Demo knowledge base: {target}")
        for key, value in summary.items():
            table.add_row(key.replace("_", " "), str(value))
        console.print(table)
    raise typer.Exit(report.exit_code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
