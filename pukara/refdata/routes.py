"""Load the curated, cited trafficking routes (``data/routes.yaml``) as ``Route`` records.

``load_routes()`` returns every route once per process. Each route names its commodity, its
mode, its places as gazetteer ids in travel order, the years it is documented and at least
one publication. The loader checks the file's shape (unique ids, known commodity and mode,
two or more nodes, one or more sources); that every node exists in the gazetteer is checked
by the test suite, so that loading routes does not load the whole gazetteer.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from pukara.model import Route

__all__ = ["COMMODITIES", "MODES", "load_routes"]

_FILE = "data/routes.yaml"

COMMODITIES = frozenset(
    {"cocaine", "coca paste", "gold", "mercury", "timber", "precursors", "weapons"}
)
MODES = frozenset({"river", "road", "air", "sea", "footpath", "lake", "mixed"})

# libyaml's loader when the wheel has it (several times faster than the pure-Python one).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def load_routes() -> tuple[Route, ...]:
    """The curated routes, in file order; ValueError names the route and field at fault."""
    text = resources.files("pukara.refdata").joinpath(_FILE).read_text("utf-8")
    data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
    if not isinstance(data, dict) or not isinstance(data.get("routes"), list):
        raise ValueError(f"pukara/refdata/{_FILE}: expected a mapping with a 'routes' list")
    routes: list[Route] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["routes"], start=1):
        route = _route(raw, f"pukara/refdata/{_FILE}: route {i}")
        if route.id in seen:
            raise ValueError(f"pukara/refdata/{_FILE}: route {i}: duplicate id {route.id!r}")
        seen.add(route.id)
        routes.append(route)
    return tuple(routes)


def _route(raw: Any, where: str) -> Route:
    """One YAML entry as a ``Route``, or ValueError saying which field is wrong."""
    if not isinstance(raw, dict) or not raw.get("id"):
        raise ValueError(f"{where}: expected a mapping with an 'id'")
    where = f"{where} ({raw['id']})"
    commodity, mode = raw.get("commodity"), raw.get("mode")
    if commodity not in COMMODITIES:
        raise ValueError(f"{where}: commodity {commodity!r} not one of {sorted(COMMODITIES)}")
    if mode not in MODES:
        raise ValueError(f"{where}: mode {mode!r} not one of {sorted(MODES)}")
    nodes = tuple(str(n) for n in raw.get("nodes") or ())
    if len(nodes) < 2:
        raise ValueError(f"{where}: a route needs at least two nodes, got {list(nodes)}")
    sources = tuple(str(s) for s in raw.get("sources") or () if str(s).strip())
    if not sources:
        raise ValueError(f"{where}: no sources; every curated route cites a publication")
    period = raw.get("period")
    return Route(
        id=str(raw["id"]),
        commodity=str(commodity),
        mode=str(mode),
        nodes=nodes,
        sources=sources,
        period=str(period) if period is not None else None,
        evidence=str(raw["note"]).strip() if raw.get("note") else None,
    )
