"""Decision support: allocate scarce forces across sectors, and simulate displacement.

Read a model (``load_model``; the bundled ``EXAMPLE_MODEL`` is demo data), optionally fill
sectors' threat from the knowledge base (``fill_threat_from_hotspots``), optimise the
allocation (``allocate``, with the greedy baseline side by side) and project a what-if
(``simulate`` with a ``Scenario`` of unit moves). ``allocation_json``,
``simulation_geojson`` and friends give JSON-ready results for files and the web page.
"""

from __future__ import annotations

from pukara.plan.allocate import Allocation, Assignment, InfeasibleError, SectorCover, allocate
from pukara.plan.chart import render_simulation_chart
from pukara.plan.displacement import METHOD, Band, Ranges, SectorProjection, Simulation, simulate
from pukara.plan.greedy import GreedyResult, allocate_greedy
from pukara.plan.modelfiles import EXAMPLE_MODEL, EXAMPLE_SCENARIO, load_model
from pukara.plan.outputs import (
    allocation_geojson,
    allocation_json,
    simulation_geojson,
    simulation_json,
    simulation_rows,
)
from pukara.plan.records import Constraints, ForceModel, Sector, UnitGroup
from pukara.plan.scenario import Move, Scenario, load_scenario, parse_move
from pukara.plan.synthetic import synthetic_model
from pukara.plan.threat import (
    ThreatOrigin,
    fill_threat_from_hotspots,
    fill_threat_from_scores,
    hotspot_scores,
    threat_origins,
)

__all__ = [
    "EXAMPLE_MODEL",
    "EXAMPLE_SCENARIO",
    "METHOD",
    "Allocation",
    "Assignment",
    "Band",
    "Constraints",
    "ForceModel",
    "GreedyResult",
    "InfeasibleError",
    "Move",
    "Ranges",
    "Scenario",
    "Sector",
    "SectorCover",
    "SectorProjection",
    "Simulation",
    "ThreatOrigin",
    "UnitGroup",
    "allocate",
    "allocate_greedy",
    "allocation_geojson",
    "allocation_json",
    "fill_threat_from_hotspots",
    "fill_threat_from_scores",
    "hotspot_scores",
    "load_model",
    "load_scenario",
    "parse_move",
    "render_simulation_chart",
    "simulate",
    "simulation_geojson",
    "simulation_json",
    "simulation_rows",
    "synthetic_model",
    "threat_origins",
]
