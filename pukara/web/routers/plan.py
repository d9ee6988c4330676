"""Decision support in the browser: the force allocation and a displacement what-if on the
bundled example model (demo data), drawn on the department map, with JSON endpoints."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from pukara.errors import PukaraError
from pukara.model import Marking
from pukara.plan import (
    EXAMPLE_MODEL,
    Scenario,
    allocate,
    allocation_geojson,
    allocation_json,
    load_model,
    parse_move,
    simulate,
    simulation_geojson,
    simulation_json,
)
from pukara.web.deps import render

__all__ = ["router"]

router = APIRouter()

Moves = Annotated[
    list[str] | None,
    Query(max_length=80, description='Unit moves, e.g. "2 battalion vraem->putumayo"'),
]
_TIME_LIMIT_S = 5.0  # a page must answer quickly; the CLI allows longer solves
_RUNS = 200


def _allocation(request: Request) -> Any:
    """Solved once per process: the example model does not change while serving."""
    state = request.app.state
    if getattr(state, "plan_allocation", None) is None:
        state.plan_allocation = allocate(load_model(EXAMPLE_MODEL), _TIME_LIMIT_S)
    return state.plan_allocation


def _simulation(moves: list[str]) -> Any:
    scenario = Scenario(" + ".join(moves), tuple(parse_move(m) for m in moves))
    return simulate(load_model(EXAMPLE_MODEL), scenario, runs=_RUNS)


@router.get("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, move: Moves = None) -> HTMLResponse:
    """Where the units go and why, on a map; with moves, the projected displacement."""
    allocation = _allocation(request)
    sim, problem = None, None
    moves = [m for m in (move or []) if m.strip()]
    if moves:
        try:
            sim = _simulation(moves)
        except PukaraError as exc:
            problem = str(exc)
    return render(
        request,
        "plan.html",
        title="Force allocation and displacement",
        marking=Marking(),  # the example model is published demo data: TLP:CLEAR
        allocation=allocation,
        allocation_geojson=json.dumps(allocation_geojson(allocation)),
        sim=sim,
        sim_geojson=json.dumps(simulation_geojson(sim)) if sim else "null",
        moves=moves or ["2 battalion vraem->putumayo"],
        problem=problem,
    )


@router.get("/api/plan/allocation", tags=["plan"])
def plan_allocation(request: Request) -> dict[str, Any]:
    """The optimised allocation of the example model, with its GeoJSON."""
    allocation = _allocation(request)
    return {**allocation_json(allocation), "geojson": allocation_geojson(allocation)}


@router.get("/api/plan/simulation", tags=["plan"])
def plan_simulation(move: Moves = None) -> dict[str, Any]:
    """A displacement what-if of the example model for the given unit moves."""
    sim = _simulation([m for m in (move or ["2 battalion vraem->putumayo"]) if m.strip()])
    return {**simulation_json(sim), "geojson": simulation_geojson(sim)}
