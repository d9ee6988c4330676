"""Decision support commands: pukara plan allocate and pukara plan simulate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from pukara.cli.common import DbOption, app, console, fail, open_for_read
from pukara.errors import PukaraError

__all__: list[str] = []

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
        with open_for_read(db) as store:
            scores = hotspot_scores(store.view())
        for origin in threat_origins(forces, scores):
            console.print(f"threat {origin}", style="dim", markup=False)
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
        fail(exc)
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
            fail(ValueError("give --scenario FILE or --move 'COUNT UNIT FROM->TO'"))
        sim = simulate(forces, what, periods=periods, runs=runs, seed=seed)
        if chart:
            render_simulation_chart(sim, chart)
    except PukaraError as exc:
        fail(exc)
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
