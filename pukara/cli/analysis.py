"""Analysis commands: series, shifts, network, actors-graph, actors, profile, events,
hotspots, refresh-clusters, and the vocabularies (indicators, event-types)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from pukara.analyse.places import COUNTRY_NAMES, names_with_labels, place_labels
from pukara.cli.common import DbOption, app, clip, console, date_option, err, fail, open_for_read
from pukara.errors import PukaraError
from pukara.model.textnorm import closest
from pukara.refdata.taxonomy import load_event_types, load_indicators

__all__: list[str] = []

DateOption = typer.Option(callback=date_option, help="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")


class HotspotLevel(StrEnum):
    ADMIN1 = "admin1"
    PROVINCE = "province"
    H3 = "h3"


class ShiftLevel(StrEnum):
    ADMIN1 = "admin1"
    PLACE = "place"


class ShiftKind(StrEnum):
    BOTH = "both"
    EFFORT = "effort"
    ACTIVITY = "activity"


def _known(kind: str, value: str, choices: list[str], lister: str) -> None:
    """Fail with the closest valid names when ``value`` is not one of ``choices``."""
    if value in choices:
        return
    hint = closest(value, choices)
    also = f"; closest: {', '.join(hint)}" if hint else ""
    fail(f"{kind} {value!r}: unknown{also} (`pukara {lister}` lists them)")


def _chart_path(chart: Path | None) -> Path | None:
    if chart is not None and chart.suffix.lower() not in {".png", ".svg"}:
        raise typer.BadParameter(f"{chart}: write a chart as .png or .svg", param_hint="--chart")
    return chart


@app.command("indicators")
def indicators_cmd() -> None:
    """List the indicators figures are filed under: id, unit, economy and description."""
    table = Table("id", "unit", "activity", "effort", "description")
    for i in load_indicators():
        table.add_row(i.id, i.unit, i.activity, "yes" if i.effort else "", i.label_en)
    console.print(table)


@app.command("event-types")
def event_types_cmd() -> None:
    """List the event types: id, economy, description and the indicators they report."""
    table = Table("id", "activity", "description", "indicators")
    for t in load_event_types():
        table.add_row(t.id, t.activity or "", t.label_en, ", ".join(t.indicators))
    console.print(table)


@app.command("series")
def series_cmd(
    indicator: Annotated[str, typer.Argument(help="Indicator id (`pukara indicators`)")],
    place: Annotated[str | None, typer.Option(help="Place id or name (PE, Loreto, pe:16)")] = None,
    children: Annotated[
        bool, typer.Option("--children/--no-children", help="Include places inside it")
    ] = True,
    chart: Annotated[
        Path | None, typer.Option(callback=_chart_path, help="Write a chart (.png or .svg)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Every figure for an indicator, source by source and agency by agency, per place and
    period, with the reconciled value, the rule that chose it and conflicts."""
    from pukara.analyse.series import indicator_series, render_series_chart

    _known("indicator", indicator, [i.id for i in load_indicators()], "indicators")
    with open_for_read(db) as store:
        try:
            points = indicator_series(store.view(), indicator, place, include_children=children)
        except PukaraError as exc:
            fail(exc)
    table = Table("place", "period", "value", "unit", "range", "rule", "conflict", "sources")
    for pt in points:
        table.add_row(
            pt.place_name or pt.place_id or "", pt.period or "", f"{pt.value:,.6g}", pt.unit,
            f"{pt.low:,.6g}–{pt.high:,.6g}", pt.rule, "yes" if pt.conflict else "",
            str(len(pt.figures)),
        )  # fmt: skip
    console.print(table)
    for pt in points:  # every figure with the sentence it was read from
        console.print(escape(f"{pt.place_name or pt.place_id or '?'}, {pt.period or 'no period'}:"))
        for f in pt.figures:
            who = f"{f.source or 'unknown source'} ({f.grade})" + (
                f", estimate by {f.by}" if f.by else ""
            )
            console.print(escape(f"  {f.value:,.6g} {pt.unit} — {who}, doc {f.doc_id[:8]}: "
                                 f"“{clip(f.evidence, 220)}”"), soft_wrap=True)  # fmt: skip
    if chart is not None and points:
        console.print(f"chart: {render_series_chart(points, chart, title=indicator)}")
    if not points:
        err.print(f"no figures for {indicator}" + (f" in {place}" if place else ""))
        raise typer.Exit(1)


def _window(text: str, label: str) -> tuple[str, str]:
    """'2010:2014' -> ('2010', '2014')."""
    lo, sep, hi = text.partition(":")
    if not sep or not lo.strip() or not hi.strip():
        raise typer.BadParameter(f"{text!r}: give FROM:TO, e.g. 2010:2014", param_hint=f"--{label}")
    return lo.strip(), hi.strip()


@app.command("shifts")
def shifts_cmd(
    before: Annotated[str, typer.Option(help="First period FROM:TO, e.g. 2010:2014")],
    after: Annotated[str, typer.Option(help="Second period FROM:TO, e.g. 2020:2024")],
    level: Annotated[
        ShiftLevel, typer.Option(help="admin1 (departments) or place")
    ] = ShiftLevel.ADMIN1,
    kind: Annotated[ShiftKind, typer.Option(help="both, effort or activity")] = ShiftKind.BOTH,
    alpha: Annotated[float, typer.Option(min=0.0001, max=0.5, help="False discovery rate")] = 0.05,
    db: DbOption = None,
) -> None:
    """Rises and falls of activity and state effort between two periods, and the shifts."""
    from pukara.analyse.shifts import detect_shifts

    windows = _window(before, "before"), _window(after, "after")
    with open_for_read(db) as store:
        try:
            report = detect_shifts(store.view(), *windows, level.value, kind.value, alpha)
        except PukaraError as exc:
            fail(exc)
    table = Table("kind", "region", "before", "after", "share", "q", "")
    for r in report.regions:
        if r.significant:
            table.add_row(
                r.kind, r.name, str(r.before), str(r.after),
                f"{r.share_before:.0%} -> {r.share_after:.0%}", f"{r.q_value:.3g}", r.direction,
            )  # fmt: skip
    console.print(table)
    for shift in report.shifts:
        console.print(f"[bold]{escape(shift.statement)}[/bold]")
    if not report.shifts:
        console.print("no significant shift")
    console.print(report.method, style="dim", markup=False)


@app.command("network")
def network_cmd(
    graphml: Annotated[Path | None, typer.Option(help="Write GraphML here")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write node-link JSON")] = None,
    curated: Annotated[
        bool, typer.Option("--curated/--no-curated", help="Add the cited routes file")
    ] = True,
    top: Annotated[int, typer.Option(min=1, max=1000, help="How many chokepoints to list")] = 10,
    db: DbOption = None,
) -> None:
    """Trafficking graph from route statements and cited routes; chokepoints by minimum
    cut and betweenness."""
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
    info = {n: p for r in routes for n in r.nodes if (p := gaz.get(n)) is not None}
    with open_for_read(db) as store:
        graph = trafficking_graph(store.view(), routes, place_info=info)
    console.print(f"{graph.number_of_nodes()} places, {graph.number_of_edges()} links")
    table = Table("chokepoint", "kind", "cut score", "cuts", "betweenness", "weight")
    for c in chokepoints(graph, top=top):
        cuts = ", ".join(
            str(graph.nodes[x].get("name", x)) if x in graph else x for x in c.cuts[:4]
        )
        table.add_row(c.name, c.kind, f"{c.cut_score:.2f}", cuts, f"{c.betweenness:.2f}",
                      str(c.weight))  # fmt: skip
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
    min_weight: Annotated[
        int, typer.Option(min=1, max=10**6, help="Least documents for a co-occurrence")
    ] = 1,
    db: DbOption = None,
) -> None:
    """Actor graph: co-occurrence in sentences, alliances, rivalries, leadership."""
    from pukara.analyse.networks import actor_graph, actor_graph_json, export_actor_graphml

    with open_for_read(db) as store:
        graph = actor_graph(store.view(), min_weight=min_weight)
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


@app.command("actors")
def actors_cmd(
    kind: Annotated[str | None, typer.Option(help="Only actors of this kind")] = None,
    db: DbOption = None,
) -> None:
    """List every actor: id, name, kind, country, aliases and how often documents name it."""
    with open_for_read(db) as store:
        view = store.view()
        actors = view.actors([kind] if kind else None)
        counts = view.actor_mention_counts()
        rows = [(a, view.actor(a.id)) for a in actors if counts.get(a.id) or not kind]
    table = Table("id", "name", "kind", "country", "aliases", "mentions")
    for a, full in sorted(rows, key=lambda r: (-counts.get(r[0].id, 0), r[0].id)):
        aliases = ", ".join(full.aliases[:6]) if full else ""
        table.add_row(a.id, a.name, a.kind.value, a.country or "", aliases,
                      str(counts.get(a.id, 0)))  # fmt: skip
    console.print(table)


@app.command("profile")
def profile_cmd(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias")],
    db: DbOption = None,
) -> None:
    """An actor's profile: where it is active over time, its activities, leaders and their
    fate, allies, rivals, sources."""
    from pukara.analyse.actors import actor_profile

    with open_for_read(db) as store:
        try:
            prof = actor_profile(store.view(), actor)
        except PukaraError as exc:
            fail(exc, 1)
    console.print(
        f"[bold]{escape(prof.name)}[/bold] ({prof.kind}, {prof.country or '?'}) {prof.id}"
    )
    if prof.aliases:
        console.print("aliases: " + escape(", ".join(prof.aliases[:12])))
    for year, places in sorted(prof.by_year().items()):
        console.print(f"{year}: " + escape(", ".join(f"{p} ({n})" for p, n in places.items())))
    if prof.activities:
        console.print("activities: " + ", ".join(
            f"{a.activity} {a.events + a.facts}" for a in prof.activities))  # fmt: skip
    for leader in prof.leaders:
        console.print(escape(f"leader: {leader.name} — {leader.role or ''} {leader.fate or ''}"))
    for label, group in (("ally", prof.allies), ("rival", prof.rivals)):
        for rel in group:
            console.print(escape(f"{label}: {rel.name} — “{clip(rel.evidence, 100)}”"))
    console.print(f"{prof.n_documents} documents; latest:")
    for src in prof.sources[:8]:
        line = f"  {src.published or '?'} {src.title or src.doc_id} — {src.source or '?'}"
        console.print(escape(line))


@app.command("refresh-clusters")
def refresh_clusters_cmd(
    full: Annotated[bool, typer.Option("--full", help="Regroup every report from scratch")] = False,
    db: DbOption = None,
) -> None:
    """Group reports of the same happening (ingest and demo do it themselves; --full
    regroups everything, e.g. after an upgrade)."""
    from pukara.analyse.clusters import refresh_event_clusters

    with open_for_read(db) as store:
        n = refresh_event_clusters(store, full=full)
    console.print(f"{n} events after grouping reports of the same happening")


@app.command("events")
def events_cmd(
    since: Annotated[str | None, DateOption] = None,
    until: Annotated[str | None, DateOption] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="Event type(s) (`pukara event-types`)")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10**6, help="How many, newest first")] = 50,
    db: DbOption = None,
) -> None:
    """Events, one per happening: reports of the same event grouped, with corroboration."""
    from pukara.analyse.clusters import cluster_events

    for t in event_type or []:
        _known("event type", t, [x.id for x in load_event_types()], "event-types")
    with open_for_read(db) as store:
        view = store.view()
        clusters = cluster_events(view, since, until, event_type or None, limit=limit)
        names = names_with_labels(view, [c.place_id for c in clusters])
    table = Table("date", "type", "place", "documents", "sources", "evidence")
    for c in clusters:
        table.add_row(c.date or "?", c.type, names.get(c.place_id or "", c.place_id or ""),
                      str(c.n_documents), str(c.n_sources), escape(clip(c.evidence)))  # fmt: skip
    console.print(table)


@app.command("hotspots")
def hotspots_cmd(
    level: Annotated[
        HotspotLevel, typer.Option(help="admin1 (department), province or h3")
    ] = HotspotLevel.ADMIN1,
    since: Annotated[str | None, DateOption] = None,
    until: Annotated[str | None, DateOption] = None,
    resolution: Annotated[
        int, typer.Option(min=0, max=15, help="H3 resolution for --level h3")
    ] = 5,
    limit: Annotated[int, typer.Option(min=1, max=10**6, help="How many to list")] = 15,
    geojson: Annotated[Path | None, typer.Option(help="Write the ranking as GeoJSON")] = None,
    db: DbOption = None,
) -> None:
    """Where illicit economies and armed actors converge: a score per department, province
    or H3 cell, with evidence."""
    from pukara.analyse.hotspots import convergence_hotspots, hotspots_geojson

    with open_for_read(db) as store:
        view = store.view()
        try:
            spots = convergence_hotspots(view, level.value, since, until, resolution)
        except PukaraError as exc:
            fail(exc)
        labels = place_labels(p for p in view.places() if p.id in {h.unit_id for h in spots})
    table = Table("rank", "place", "country", "score", "economies", "armed actors")
    for h in spots[:limit]:
        table.add_row(str(h.rank), labels.get(h.unit_id, h.name),
                      COUNTRY_NAMES.get(h.country or "", h.country or ""), f"{h.score:.2f}",
                      ", ".join(e.economy for e in h.economies),
                      ", ".join(a.name for a in h.armed_actors[:4]))  # fmt: skip
    console.print(table)
    if geojson:
        geojson.write_text(json.dumps(hotspots_geojson(spots), ensure_ascii=False))
        console.print(f"wrote {geojson}")
