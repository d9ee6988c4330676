"""The force-planning model: sectors to cover, groups of units to cover them, constraints.

In: nothing (plain records; ``modelfiles.load_model`` builds them from YAML/CSV, and
``synthetic.synthetic_model`` generates large ones). Out: frozen ``Sector``, ``UnitGroup``,
``Constraints`` and ``ForceModel`` that ``allocate`` and ``simulate`` read.

Coverage of a sector with ``k`` effective units is ``threat * (1 - (1 - p) ** k)``; a unit
adds its ``capacity`` to ``k`` (a battalion 1.0 by convention, others relative to it).
Capacities are used in steps of ``CAPACITY_STEP`` so that the optimiser works on integers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "CAPACITY_STEP",
    "DEFAULT_DETOUR",
    "MODES",
    "Constraints",
    "ForceModel",
    "Sector",
    "UnitGroup",
]

MODES = ("road", "river", "air")
CAPACITY_STEP = 0.25  # capacities are rounded to quarters of a battalion
# Route length over great-circle distance, per mode: Amazonian rivers meander (sinuosity
# of the Ucayali and Putumayo is about 1.5-2) and Andean roads wind; aircraft fly straight.
DEFAULT_DETOUR: Mapping[str, float] = {"road": 1.4, "river": 1.7, "air": 1.0}


@dataclass(frozen=True, slots=True)
class Sector:
    """An area to cover, at a representative point.

    ``threat`` weighs its coverage (None until given or filled from the analysis scores);
    ``access`` names the modes by which forces (and traffickers) reach it; ``places`` are
    gazetteer ids (``zone:vraem``, ``border:pe-co``, ``pe:16``); departments (``pe:NN``)
    among them tie it to the hotspot scores. ``activity`` (default: threat) and
    ``airstrips`` start the displacement simulation; ``p`` overrides the model's
    per-unit coverage probability.
    """

    id: str
    name: str
    lat: float
    lon: float
    threat: float | None
    access: frozenset[str]
    places: tuple[str, ...] = ()
    p: float | None = None
    activity: float | None = None
    airstrips: int = 0
    note: str = ""

    @property
    def departments(self) -> tuple[str, ...]:
        """Peruvian department ids (``pe:NN``) among the sector's places."""
        return tuple(p for p in self.places if len(p) == 5 and p.startswith("pe:"))

    @property
    def start_activity(self) -> float:
        """Activity at period 0 of a simulation: given, else the threat, else 0."""
        if self.activity is not None:
            return self.activity
        return self.threat or 0.0


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """``count`` identical units of one ``type`` at one base (``base``: its name,
    ``base_id``: its gazetteer id, ``lat``/``lon``: its point).

    ``capacity`` is the coverage effect of one unit in effective units; ``speeds`` maps a
    mode (road, river, air) to km/h; ``cost`` is charged per unit assigned;
    ``max_travel_hours`` overrides the model's limit for this group.
    """

    id: str
    type: str
    count: int
    base: str
    lat: float
    lon: float
    capacity: float
    speeds: Mapping[str, float]
    cost: float = 1.0
    max_travel_hours: float | None = None
    name: str = ""
    base_id: str = ""

    def unit_ids(self) -> tuple[str, ...]:
        """Ids of the individual units: the group id, numbered when there are several."""
        if self.count == 1:
            return (self.id,)
        return tuple(f"{self.id}-{i}" for i in range(1, self.count + 1))


@dataclass(frozen=True, slots=True)
class Constraints:
    """What every allocation must respect, and the model-wide defaults.

    ``min_presence`` maps a sector id to the fewest units it may hold; ``budget`` caps
    the summed cost of assigned units (None: no cap); ``max_travel_hours`` is the longest
    trip from base to sector (None: no limit); ``p`` is the coverage probability of one
    effective unit; ``detour`` turns great-circle distance into route length per mode;
    ``displacement_km`` is how far activity can move between sectors in one period.
    """

    min_presence: Mapping[str, int] = field(default_factory=dict)
    budget: float | None = None
    max_travel_hours: float | None = None
    p: float = 0.3
    detour: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_DETOUR))
    displacement_km: float = 800.0


@dataclass(frozen=True, slots=True)
class ForceModel:
    """Sectors, unit groups and constraints, with where they came from."""

    name: str
    sectors: tuple[Sector, ...]
    units: tuple[UnitGroup, ...]
    constraints: Constraints
    source: str = "<memory>"
    note: str = ""

    def sector(self, sector_id: str) -> Sector:
        """The sector with this id (KeyError if none)."""
        for s in self.sectors:
            if s.id == sector_id:
                return s
        raise KeyError(sector_id)

    def p_of(self, sector: Sector) -> float:
        """Coverage probability of one effective unit in ``sector``."""
        return sector.p if sector.p is not None else self.constraints.p

    @property
    def n_units(self) -> int:
        return sum(g.count for g in self.units)
