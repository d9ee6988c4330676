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


def _refresh_clusters(store: SQLiteStore) -> None:
    """Keep 'one event per happening' current after new reports arrive."""
    from pukara.analyse.clusters import refresh_event_clusters

    refresh_event_clusters(store)


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


def _window(text: str | None, label: str) -> tuple[str, str]:
    """'2010:2014' or '2010-01:2014-06' -> ('2010', '2014')."""
    if not text or ":" not in text:
        raise _fail(ValueError(f"--{label} wants FROM:TO, e.g. 2010:2014"))
    lo, hi = text.split(":", 1)
    return lo.strip(), hi.strip()


@app.command("series")
def series_cmd(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. coca_cultivation_area")],
    place: Annotated[str | None, typer.Option(help="Place id or name (PE, Loreto, pe:16)")] = None,
    children: Annotated[
        bool, typer.Option("--children/--no-children", help="Include places inside it")
    ] = True,
    chart: Annotated[Path | None, typer.Option(help="Write a chart (.png or .svg)")] = None,
    db: DbOption = None,
) -> None:
    """Every figure for an indicator, source by source, with the reconciled value and conflicts."""
    from pukara.analyse.series import indicator_series, render_series_chart

    with _store(_settings(db).db_url) as store:
        try:
            points = indicator_series(store, indicator, place, include_children=children)
        except PukaraError as exc:
            raise _fail(exc) from exc
    table = Table("place", "period", "value", "unit", "range", "rule", "conflict", "sources")
    for pt in points:
        table.add_row(
            pt.place_name or pt.place_id or "", pt.period or "", f"{pt.value:,.0f}", pt.unit,
            f"{pt.low:,.0f}–{pt.high:,.0f}", pt.rule, "yes" if pt.conflict else "",
            "; ".join(f"{f.value:,.0f} {f.source or '?'} ({f.reliability or '?'})"
                      for f in pt.figures),
        )  # fmt: skip
    console.print(table)
    if chart is not None and points:
        console.print(f"chart: {render_series_chart(points, chart, title=indicator)}")
    if not points:
        err.print(f"no figures for {indicator}" + (f" in {place}" if place else ""))
        raise typer.Exit(1)


@app.command("shifts")
def shifts_cmd(
    before: Annotated[str, typer.Option(help="First period FROM:TO, e.g. 2010:2014")],
    after: Annotated[str, typer.Option(help="Second period FROM:TO, e.g. 2020:2024")],
    level: Annotated[str, typer.Option(help="admin1 (departments) or place")] = "admin1",
    kind: Annotated[str, typer.Option(help="both, effort or activity")] = "both",
    alpha: Annotated[float, typer.Option(help="False discovery rate")] = 0.05,
    db: DbOption = None,
) -> None:
    """Rises and falls of activity and state effort between two periods, and the shifts."""
    from pukara.analyse.shifts import detect_shifts

    with _store(_settings(db).db_url) as store:
        report = detect_shifts(
            store, _window(before, "before"), _window(after, "after"), level, kind, alpha
        )
    table = Table("kind", "region", "before", "after", "share", "q", "")
    for r in report.regions:
        if r.significant:
            table.add_row(
                r.kind, r.name, str(r.before), str(r.after),
                f"{r.share_before:.0%} -> {r.share_after:.0%}", f"{r.q_value:.3g}", r.direction,
            )  # fmt: skip
    console.print(table)
    for shift in report.shifts:
        console.print(f"[bold]{shift.statement}[/bold]")
    if not report.shifts:
        console.print("no significant shift")
    console.print(report.method, style="dim")


@app.command("network")
def network_cmd(
    graphml: Annotated[Path | None, typer.Option(help="Write GraphML here")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write node-link JSON")] = None,
    curated: Annotated[
        bool, typer.Option("--curated/--no-curated", help="Add the cited routes file")
    ] = True,
    top: Annotated[int, typer.Option(help="How many chokepoints to list")] = 10,
    db: DbOption = None,
) -> None:
    """Trafficking graph from route statements and cited routes; chokepoints by cut and
    betweenness."""
    from pukara.analyse.trafficking import (
        chokepoints,
        export_trafficking_graphml,
        trafficking_graph,
        trafficking_graph_json,
    )
    from pukara.refdata.gazetteer import load_gazetteer
    from pukara.refdata.routes import load_routes

    routes = load_routes() if curated else ()
    gaz = load_gazetteer()
    info = {n: gaz.get(n) for r in routes for n in r.nodes}
    with _store(_settings(db).db_url) as store:
        graph = trafficking_graph(
            store, routes, place_info={k: v for k, v in info.items() if v is not None}
        )
    console.print(f"{graph.number_of_nodes()} places, {graph.number_of_edges()} links")
    table = Table("chokepoint", "kind", "cut score", "cuts", "betweenness", "weight")
    for c in chokepoints(graph, top=top):
        table.add_row(c.name, c.kind, f"{c.cut_score:.2f}", ", ".join(c.cuts[:4]),
                      f"{c.betweenness:.2f}", str(c.weight))  # fmt: skip
    console.print(table)
    if graphml:
        console.print(f"wrote {export_trafficking_graphml(graph, graphml)}")
    if json_out:
        json_out.write_text(json.dumps(trafficking_graph_json(graph), ensure_ascii=False))
        console.print(f"wrote {json_out}")


@app.command("actors-graph")
def actors_graph_cmd(
    graphml: Annotated[Path | None, typer.Option(help="Write GraphML here")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write node-link JSON")] = None,
    min_weight: Annotated[int, typer.Option(help="Least documents for a co-occurrence")] = 1,
    db: DbOption = None,
) -> None:
    """Actor graph: co-occurrence in sentences, alliances, rivalries, leadership."""
    from pukara.analyse.networks import actor_graph, actor_graph_json, export_actor_graphml

    with _store(_settings(db).db_url) as store:
        graph = actor_graph(store, min_weight=min_weight)
    console.print(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} links")
    ranked = sorted(graph.degree(weight="weight"), key=lambda d: -d[1])[:15]
    table = Table("actor", "kind", "weighted degree")
    for node, degree in ranked:
        data = graph.nodes[node]
        table.add_row(str(data.get("name", node)), str(data.get("kind", "")), f"{degree:g}")
    console.print(table)
    if graphml:
        console.print(f"wrote {export_actor_graphml(graph, graphml)}")
    if json_out:
        json_out.write_text(json.dumps(actor_graph_json(graph), ensure_ascii=False))
        console.print(f"wrote {json_out}")


@app.command("profile")
def profile_cmd(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias")],
    db: DbOption = None,
) -> None:
    """An actor's profile: where it is active over time, activities, leaders and their fate,
    allies and rivals, sources."""
    from pukara.analyse.actors import actor_profile

    with _store(_settings(db).db_url) as store:
        try:
            prof = actor_profile(store, actor)
        except PukaraError as exc:
            raise _fail(exc, 1) from exc
    console.print(f"[bold]{prof.name}[/bold] ({prof.kind}, {prof.country or '?'}) {prof.id}")
    if prof.aliases:
        console.print("aliases: " + ", ".join(prof.aliases[:12]), highlight=False)
    for year, places in sorted(prof.by_year().items()):
        console.print(f"{year}: " + ", ".join(f"{p} ({n})" for p, n in places.items()))
    if prof.activities:
        console.print("activities: " + ", ".join(
            f"{a.activity} {a.events + a.facts}" for a in prof.activities))  # fmt: skip
    for leader in prof.leaders:
        console.print(f"leader: {leader.name} — {leader.role or ''} {leader.fate or ''}")
    for label, group in (("ally", prof.allies), ("rival", prof.rivals)):
        for rel in group:
            console.print(f"{label}: {rel.name} — “{rel.evidence[:100]}”", highlight=False)
    console.print(f"{prof.n_documents} documents; latest:")
    for src in prof.sources[:8]:
        console.print(f"  {src.published or '?'} {src.title or src.doc_id} — {src.source or '?'}")


@app.command("refresh-clusters")
def refresh_clusters_cmd(db: DbOption = None) -> None:
    """Recompute which reports describe the same happening (run after large ingests)."""
    from pukara.analyse.clusters import refresh_event_clusters

    with _store(_settings(db).db_url) as store:
        n = refresh_event_clusters(store)
    console.print(f"{n} events after grouping reports of the same happening")


@app.command("events")
def events_cmd(
    since: Annotated[str | None, typer.Option(help="From date (2024, 2024-05, 2024-05-01)")] = None,
    until: Annotated[str | None, typer.Option(help="To date, inclusive")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Event type(s)")] = None,
    limit: Annotated[int, typer.Option(help="How many, newest first")] = 50,
    db: DbOption = None,
) -> None:
    """Events, one per happening: reports of the same event grouped, with corroboration."""
    from pukara.analyse.clusters import cluster_events

    with _store(_settings(db).db_url) as store:
        try:
            clusters = cluster_events(store, since, until, event_type or None, limit=limit)
        except PukaraError as exc:
            raise _fail(exc) from exc
    table = Table("date", "type", "place", "documents", "sources", "evidence")
    for c in clusters:
        table.add_row(c.date or "?", c.type, c.place_id or "", str(c.n_documents),
                      str(c.n_sources), c.evidence[:90])  # fmt: skip
    console.print(table)


@app.command("hotspots")
def hotspots_cmd(
    level: Annotated[str, typer.Option(help="admin1 (department), province or h3")] = "admin1",
    since: Annotated[str | None, typer.Option(help="From date")] = None,
    until: Annotated[str | None, typer.Option(help="To date, inclusive")] = None,
    resolution: Annotated[int, typer.Option(help="H3 resolution for --level h3")] = 5,
    limit: Annotated[int, typer.Option(help="How many to list")] = 15,
    geojson: Annotated[Path | None, typer.Option(help="Write the ranking as GeoJSON")] = None,
    db: DbOption = None,
) -> None:
    """Where illicit economies and armed actors converge: a score per department, province
    or H3 cell, with evidence."""
    from pukara.analyse.hotspots import convergence_hotspots, hotspots_geojson

    with _store(_settings(db).db_url) as store:
        try:
            spots = convergence_hotspots(store, level, since, until, resolution)
        except PukaraError as exc:
            raise _fail(exc) from exc
    table = Table("rank", "place", "score", "economies", "armed actors")
    for h in spots[:limit]:
        table.add_row(str(h.rank), h.name, f"{h.score:.2f}",
                      ", ".join(e.economy for e in h.economies),
                      ", ".join(a.name for a in h.armed_actors[:4]))  # fmt: skip
    console.print(table)
    if geojson:
        geojson.write_text(json.dumps(hotspots_geojson(spots), ensure_ascii=False))
        console.print(f"wrote {geojson}")


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
) -> None:
    """Serve the analyst web app (map, timeline, places, actors, documents, search, series,
    briefings) and its JSON API, read-only, with no network needed."""
    import uvicorn

    from pukara.web import create_app

    try:
        web_app = create_app(_settings(db).db_url)
    except PukaraError as exc:
        raise _fail(exc) from exc
    console.print(f"Pukara on http://{host}:{port}/ (API docs at /api/docs); Ctrl+C stops")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command("brief")
def brief_cmd(
    place: Annotated[str, typer.Option(help="Place id or name, e.g. LORETO or pe:16")],
    out: Annotated[Path, typer.Option(help="Write the brief here: .pdf or .html")],
    since: Annotated[str | None, typer.Option(help="From date (2024, 2024-01)")] = None,
    until: Annotated[str | None, typer.Option(help="To date, inclusive")] = None,
    db: DbOption = None,
) -> None:
    """A briefing on a place: key judgements, map, charts, key figures and events each with
    its citation, and the most restrictive marking of the material, as PDF or HTML."""
    from pukara.web.briefing import write_brief

    with _store(_settings(db).db_url) as store:
        try:
            path = write_brief(store, place, out, since=since, until=until)
        except PukaraError as exc:
            raise _fail(exc) from exc
    console.print(f"wrote {path}")


# --- pukara plan: decision support.
plan_app = typer.Typer(
    help="Decision support: allocate forces across sectors and simulate displacement.",
    no_args_is_help=True,
)
app.add_typer(plan_app, name="plan")

ModelArg = Annotated[
    Path | None,
    typer.Argument(help="Model file (YAML); default: the bundled Peru example (demo data)"),
]
ThreatOption = Annotated[
    bool,
    typer.Option("--threat-from-store", help="Set sector threat from the store's hotspot scores"),
]
JsonOption = Annotated[Path | None, typer.Option("--json", help="Write the result as JSON")]


def _plan_model(model: Path | None, threat_from_store: bool, db: str | None) -> Any:
    """The model file (a pukara.plan.ForceModel), with threat from the store if asked."""
    from pukara.plan import (
        EXAMPLE_MODEL,
        fill_threat_from_scores,
        hotspot_scores,
        load_model,
        threat_origins,
    )

    forces = load_model(model or EXAMPLE_MODEL)
    if threat_from_store:
        with _store(_settings(db).db_url) as store:
            scores = hotspot_scores(store)
        for origin in threat_origins(forces, scores):
            console.print(f"threat {origin}", style="dim", highlight=False)
        forces = fill_threat_from_scores(forces, scores)
    return forces


@plan_app.command("allocate")
def plan_allocate_cmd(
    model: ModelArg = None,
    threat_from_store: ThreatOption = False,
    time_limit: Annotated[float, typer.Option(help="Solver time limit in seconds")] = 30.0,
    gap: Annotated[float, typer.Option(help="Stop once the optimality gap is below this")] = 0.0,
    json_out: JsonOption = None,
    geojson: Annotated[Path | None, typer.Option(help="Write sectors and trips as GeoJSON")] = None,
    db: DbOption = None,
) -> None:
    """Optimise where each unit goes (OR-Tools CP-SAT), say why, and compare with greedy."""
    from pukara.plan import allocate, allocation_geojson, allocation_json

    try:
        result = allocate(_plan_model(model, threat_from_store, db), time_limit, gap)
    except PukaraError as exc:
        raise _fail(exc) from exc
    units = Table("unit", "sector", "trip", "gain", "next best", "why", title=result.model)
    units.columns[0].no_wrap = True  # ids must stay whole; other cells may wrap
    for a in result.assignments:
        trip = f"{a.hours:.1f} h {a.mode}" if a.hours is not None else ""
        nxt = f"{a.next_gain:.3g} {a.next_sector}" if a.next_sector else ""
        units.add_row(a.unit, a.sector or "(reserve)", trip, f"{a.gain:.3g}", nxt, a.reason)
    console.print(units)
    for a in result.assignments:
        if a.reason != "best":  # the others are the interesting ones: say why in full
            console.print(f"{a.unit}: {a.why}")
    sectors = Table("sector", "threat", "units", "capacity", "covered", "coverage", "min")
    for s in result.sectors:
        sectors.add_row(
            s.name, f"{s.threat:.3g}", str(s.units), f"{s.capacity:g}",
            f"{s.share:.0%}", f"{s.coverage:.3f}", str(s.min_presence or ""),
        )  # fmt: skip
    console.print(sectors)
    budget = f" of {result.budget:g}" if result.budget is not None else ""
    console.print(
        f"optimised: {result.objective:.3f} ({result.status}; bound {result.bound:.3f}, "
        f"gap {result.gap:.2%}, {result.seconds:.2f} s); cost {result.cost:g}{budget}\n"
        f"greedy baseline: {result.greedy_objective:.3f} ({result.greedy_seconds * 1000:.0f} ms"
        f"{'' if result.greedy_feasible else ', breaks a constraint'}); "
        f"optimiser {result.improvement:+.1%}"
    )
    if json_out:
        json_out.write_text(json.dumps(allocation_json(result), ensure_ascii=False, indent=1))
        console.print(f"wrote {json_out}")
    if geojson:
        geojson.write_text(json.dumps(allocation_geojson(result), ensure_ascii=False))
        console.print(f"wrote {geojson}")


@plan_app.command("simulate")
def plan_simulate_cmd(
    model: ModelArg = None,
    scenario: Annotated[Path | None, typer.Option(help="Scenario file (YAML) of moves")] = None,
    move: Annotated[
        list[str] | None,
        typer.Option(help='A move, e.g. "2 battalion vraem->putumayo"; repeatable'),
    ] = None,
    periods: Annotated[int, typer.Option(min=1, help="Periods to project")] = 8,
    runs: Annotated[int, typer.Option(min=1, help="Monte Carlo runs")] = 500,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same result)")] = 0,
    threat_from_store: ThreatOption = False,
    chart: Annotated[Path | None, typer.Option(help="Write a chart (.png or .svg)")] = None,
    geojson: Annotated[Path | None, typer.Option(help="Write the change as GeoJSON")] = None,
    json_out: JsonOption = None,
    db: DbOption = None,
) -> None:
    """Project activity per sector when units move (balloon effect), with p10-p90 bands."""
    from pukara.plan import (
        EXAMPLE_SCENARIO,
        Scenario,
        load_scenario,
        parse_move,
        render_simulation_chart,
        simulate,
        simulation_geojson,
        simulation_json,
    )

    try:
        forces = _plan_model(model, threat_from_store, db)
        if move:
            what = Scenario(" + ".join(move), tuple(parse_move(m) for m in move))
        elif scenario or model is None:
            what = load_scenario(scenario or EXAMPLE_SCENARIO)
        else:
            raise _fail(ValueError("give --scenario FILE or --move 'COUNT UNIT FROM->TO'"))
        sim = simulate(forces, what, periods=periods, runs=runs, seed=seed)
        if chart:
            render_simulation_chart(sim, chart)
    except PukaraError as exc:
        raise _fail(exc) from exc
    table = Table("sector", "units (eff.)", "now", f"baseline t={periods}",
                  f"scenario t={periods}", "change p50 (p10, p90)", title=sim.scenario)  # fmt: skip
    for s in sim.sectors:
        b, x, c = s.baseline[-1], s.scenario[-1], s.change
        table.add_row(
            s.name, f"{s.pressure_baseline:g} -> {s.pressure_scenario:g}",
            f"{s.baseline[0].p50:.2f}", f"{b.p50:.2f} [{b.p10:.2f}, {b.p90:.2f}]",
            f"{x.p50:.2f} [{x.p10:.2f}, {x.p90:.2f}]",
            f"{c.p50:+.2f} ({c.p10:+.2f}, {c.p90:+.2f})",
        )  # fmt: skip
    console.print(table)
    tb, ts = sim.total_baseline[-1], sim.total_scenario[-1]
    console.print(f"total activity at t={periods}: baseline {tb.p50:.2f} [{tb.p10:.2f}, "
                  f"{tb.p90:.2f}], scenario {ts.p50:.2f} [{ts.p10:.2f}, {ts.p90:.2f}] "
                  f"({sim.runs} runs, seed {sim.seed})")  # fmt: skip
    for note in sim.notes:
        console.print(f"note: {note}", style="yellow")
    r = sim.ranges
    console.print(f"per-run parameters: suppression per unit {r.suppression}, displaced share "
                  f"{r.displaced}, distance decay km {r.decay_km}, airstrip rebuild "
                  f"{r.rebuild}; method: pukara.plan.displacement.METHOD", style="dim")  # fmt: skip
    for path, data in ((geojson, simulation_geojson), (json_out, simulation_json)):
        if path:
            path.write_text(json.dumps(data(sim), ensure_ascii=False))
            console.print(f"wrote {path}")
    if chart:
        console.print(f"chart: {chart}")


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
        _refresh_clusters(store)
        summary = store.summary()
        _print_report(report)
        table = Table("what", "count", title=f"Demo knowledge base: {target}")
        for key, value in summary.items():
            table.add_row(key.replace("_", " "), str(value))
        console.print(table)
    raise typer.Exit(report.exit_code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
