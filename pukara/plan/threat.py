"""Fill sectors' threat from the analysis: the convergence scores of their departments.

In: a ``ForceModel`` and a store view (or a mapping of department id -> score). Out: the same
model with each sector's ``threat`` set to the highest convergence score (0 to 9, see
``pukara.analyse.hotspots.METHOD``) among the departments (``pe:NN``) in its ``places``;
0 when none of them scores. Sectors that name no department keep the threat of the file.
Sectors sharing a department share its score: the department is the finest level at which
the scores are reliable enough to weigh forces by (provinces are sparse in the corpus).
``threat_origins`` says, per sector, which department's score was taken and what the
others scored, so that a threat can be traced back to ``pukara hotspots``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pukara.analyse.hotspots import convergence_hotspots
from pukara.plan.records import ForceModel
from pukara.store import Reader, as_view

__all__ = [
    "ThreatOrigin",
    "fill_threat_from_hotspots",
    "fill_threat_from_scores",
    "hotspot_scores",
    "threat_origins",
]


@dataclass(frozen=True, slots=True)
class ThreatOrigin:
    """Where a sector's threat comes from."""

    sector: str
    threat: float | None
    department: str | None  # the department whose score was taken; None: kept from file
    scores: tuple[tuple[str, float], ...]  # each of the sector's departments, with its score

    def __str__(self) -> str:
        if self.department is None:
            return f"{self.sector}: {self.threat} (from the model file)"
        others = ", ".join(f"{d} {s:.3g}" for d, s in self.scores)
        return f"{self.sector}: {self.threat:.3g} from {self.department} (of {others})"


def hotspot_scores(
    store: Reader,
    since: str | int | dt.date | None = None,
    until: str | int | dt.date | None = None,
) -> dict[str, float]:
    """Department id -> convergence score over the window (``convergence_hotspots``)."""
    store = as_view(store)
    spots = convergence_hotspots(store, level="admin1", since=since, until=until)
    return {h.unit_id: h.score for h in spots}


def fill_threat_from_hotspots(
    model: ForceModel,
    store: Reader,
    since: str | int | dt.date | None = None,
    until: str | int | dt.date | None = None,
) -> ForceModel:
    """Threat from ``convergence_hotspots(store, level="admin1")`` over the window."""
    return fill_threat_from_scores(model, hotspot_scores(store, since, until))


def fill_threat_from_scores(model: ForceModel, scores: Mapping[str, float]) -> ForceModel:
    """Threat of each sector = highest score among its departments (see module docstring)."""
    origins = {o.sector: o for o in threat_origins(model, scores)}
    sectors = tuple(
        dataclasses.replace(s, threat=origins[s.id].threat) if s.departments else s
        for s in model.sectors
    )
    note = (model.note + " " if model.note else "") + "Threat from convergence hotspot scores."
    return dataclasses.replace(model, sectors=sectors, note=note)


def threat_origins(model: ForceModel, scores: Mapping[str, float]) -> list[ThreatOrigin]:
    """Per sector: the threat the scores give it, and the department it comes from."""
    out = []
    for sector in model.sectors:
        if not sector.departments:
            out.append(ThreatOrigin(sector.id, sector.threat, None, ()))
            continue
        found = tuple((d, float(scores.get(d, 0.0))) for d in sector.departments)
        department, threat = max(found, key=lambda pair: pair[1])
        out.append(ThreatOrigin(sector.id, threat, department, found))
    return out
