"""What-if scenarios: unit moves relative to a baseline allocation.

In: a scenario YAML file (``name`` and ``moves``: a list of ``{count, unit, from, to}``
where ``unit`` is a unit type such as "battalion" or a group id such as "bat-pichari", and
``from``/``to`` are sector ids or ``reserve``), or move strings such as
``"2 battalion vraem->putumayo"``. Out: a ``Scenario``; ``apply_moves`` turns a baseline
placement into the scenario's, with notes on what the moves break (travel limits,
minimum presence, budget), since a what-if may deliberately break them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pukara.errors import InputError
from pukara.plan.fields import Item
from pukara.plan.modelfiles import read_yaml
from pukara.plan.records import ForceModel
from pukara.plan.travel import reach_table

__all__ = ["RESERVE", "Move", "Scenario", "apply_moves", "load_scenario", "parse_move"]

RESERVE = "reserve"  # units at their base, in no sector
Placement = dict[tuple[str, str], int]  # (group id, sector id or RESERVE) -> units


@dataclass(frozen=True, slots=True)
class Move:
    """Move ``count`` units of a type (or of one group) from one sector to another."""

    count: int
    unit: str
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.count} {self.unit} {self.source}->{self.target}"


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named list of moves, and the file it came from."""

    name: str
    moves: tuple[Move, ...]
    source: str = "<command line>"


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file (see the module docstring)."""
    path = Path(path)
    top = Item(str(path), "file", read_yaml(path), ("name", "note", "moves"))
    raw = top.data.get("moves")
    if not isinstance(raw, list) or not raw:
        top.fail("moves must be a non-empty list of {count, unit, from, to}")
    moves = []
    for i, data in enumerate(raw):
        item = Item(str(path), f"moves[{i}]", data, ("count", "unit", "type", "from", "to"))
        unit = item.text("unit", default=item.text("type", default=""))
        if not unit:
            item.fail("missing unit (a unit type or a group id)")
        moves.append(Move(item.integer("count", 1, 100_000), unit, item.text("from"),
                          item.text("to")))  # fmt: skip
    return Scenario(top.text("name", default=path.stem), tuple(moves), str(path))


def parse_move(text: str) -> Move:
    """``"2 battalion vraem->putumayo"`` -> ``Move(2, "battalion", "vraem", "putumayo")``."""
    words = text.split()
    if len(words) < 3 or not words[0].isdigit() or "->" not in words[-1]:
        raise InputError("--move", repr(text), "expected COUNT UNIT FROM->TO, "
                         "e.g. '2 battalion vraem->putumayo'")  # fmt: skip
    source, _, target = words[-1].partition("->")
    if not source or not target or int(words[0]) < 1:
        raise InputError("--move", repr(text), "expected COUNT UNIT FROM->TO with COUNT >= 1")
    return Move(int(words[0]), " ".join(words[1:-1]), source, target)


def apply_moves(
    model: ForceModel, baseline: Iterable[tuple[str, str, int]], scenario: Scenario
) -> tuple[Placement, list[str]]:
    """The scenario's placement from the baseline's ``(group, sector, units)`` rows, and
    notes on the constraints the moves break. Unknown sectors or units, or moves of more
    units than the baseline has there, raise ``InputError`` naming the move."""
    placement: Placement = {}
    for gid, sid, n in baseline:
        placement[(gid, sid)] = placement.get((gid, sid), 0) + n
    for group in model.units:
        placed = sum(n for (g, _), n in placement.items() if g == group.id)
        placement[(group.id, RESERVE)] = group.count - placed
    sectors = {s.id for s in model.sectors} | {RESERVE}
    for i, move in enumerate(scenario.moves):
        where = f"moves[{i}]" if scenario.source != "<command line>" else str(move)
        for end in (move.source, move.target):
            if end not in sectors:
                raise InputError(scenario.source, where, f"unknown sector {end!r}; "
                                 f"expected one of {', '.join(sorted(sectors))}")  # fmt: skip
        groups = _matching(model, move.unit)
        if not groups:
            types = sorted({g.type for g in model.units})
            raise InputError(scenario.source, where, f"no unit type or group {move.unit!r}; "
                             f"types are {', '.join(types)}")  # fmt: skip
        _take(placement, groups, move, scenario.source, where)
    return placement, _notes(model, placement)


def _matching(model: ForceModel, name: str) -> list[str]:
    key = name.strip().lower()
    return [
        g.id
        for g in model.units
        if key in (g.id.lower(), g.type.lower(), g.type.lower() + "s", g.type.lower() + "es")
    ]


def _take(placement: Placement, groups: Sequence[str], move: Move, path: str, where: str) -> None:
    need = move.count
    for group in groups:
        have = placement.get((group, move.source), 0)
        n = min(need, have)
        if n:
            placement[(group, move.source)] = have - n
            placement[(group, move.target)] = placement.get((group, move.target), 0) + n
            need -= n
    if need:
        have = move.count - need
        raise InputError(path, where, f"the baseline has {have} {move.unit} in {move.source}, "
                         f"not {move.count}; see `pukara plan allocate`")  # fmt: skip


def _notes(model: ForceModel, placement: Placement) -> list[str]:
    routes = reach_table(model)
    gi = {g.id: i for i, g in enumerate(model.units)}
    si = {s.id: i for i, s in enumerate(model.sectors)}
    notes = []
    for (group, sector), n in sorted(placement.items()):
        if n and sector != RESERVE and (gi[group], si[sector]) not in routes:
            notes.append(f"{n} of {group} in {sector}: beyond its travel limit by its modes")
    for sector, minimum in model.constraints.min_presence.items():
        present = sum(n for (_, s), n in placement.items() if s == sector)
        if present < minimum:
            units = "unit" if present == 1 else "units"
            notes.append(f"{sector}: {present} {units}, below its minimum presence of {minimum}")
    budget = model.constraints.budget
    cost = sum(model.units[gi[g]].cost * n for (g, s), n in placement.items() if s != RESERVE)
    if budget is not None and cost > budget + 1e-9:
        notes.append(f"cost {cost:g} exceeds the budget of {budget:g}")
    return notes
