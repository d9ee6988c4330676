"""GraphML export shared by the trafficking and actor graphs.

GraphML holds only str, int, float and bool attributes: lists and dicts are written as JSON
strings and missing values (None) are left out, so that Gephi and yEd open the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["write_graphml"]


def write_graphml(graph: nx.Graph[str], path: str | Path) -> Path:
    """Write ``graph`` (directed or not) to ``path`` as GraphML; returns the path."""
    out = Path(path)
    flat: nx.Graph[str] = nx.DiGraph() if graph.is_directed() else nx.Graph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_scalars(data))
    for a, b, data in graph.edges(data=True):
        flat.add_edge(a, b, **_scalars(data))
    nx.write_graphml(flat, out, encoding="utf-8")
    return out


def _scalars(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False)
        for k, v in data.items()
        if v is not None
    }
