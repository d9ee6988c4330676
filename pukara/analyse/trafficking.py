"""Trafficking networks: a directed graph of places from route statements and curated
routes, the places its flows depend on (chokepoints), and its GraphML and JSON forms.

In: a store (its ``routes`` table, read in one query, and ``places`` for names, kinds and
coordinates) and, optionally, curated ``Route`` records (the face passes
``pukara.refdata.routes.load_routes()``) with details of the places the store has never
seen (``place_info``: ``Place`` records or (name, lat, lon) tuples, from the gazetteer).
Out: ``trafficking_graph`` -> a ``networkx.DiGraph`` with one node per place id (name, kind,
country, lat, lon; ``origin``/``terminus``: routes that start or end there) and one edge per
hop. An edge's ``weight`` is the number of independent documents' statements plus curated
routes along it; it also lists ``commodities``, ``modes``, curated ``routes`` and their
``sources``, and example ``evidence`` sentences with their document.

``chokepoints`` ranks the places between production zones and foreign destinations by how
much of the flow needs them: membership of a minimum set of places whose removal separates
the zones from a destination, then betweenness on the shortest (best documented) paths.
Near-duplicate documents are left out: a syndicated copy is not a second witness.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from pukara.analyse.graphml import write_graphml
from pukara.model import Place, Route
from pukara.store import Reader, View, as_view

__all__ = [
    "Chokepoint",
    "chokepoints",
    "export_trafficking_graphml",
    "min_node_cut",
    "trafficking_graph",
    "trafficking_graph_from_json",
    "trafficking_graph_json",
]

PlaceInfo = Place | tuple[str, float | None, float | None]

_EVIDENCE_PER_EDGE = 10  # example sentences kept per edge; counts stay exact
_PRODUCTION_KINDS = {"zone", "valley"}
# Commodities that are one flow for telling a production zone from a hub: a zone that
# receives cocaine is a hub for cocaine; one that receives precursors still produces.
_FAMILY = {
    "cocaine": "drugs", "coca paste": "drugs", "coca leaf": "drugs", "drugs": "drugs",
    "cannabis": "drugs", "opium": "drugs",
}  # fmt: skip
# Kind of a place the store has not seen, from its id's prefix.
_PREFIX_KINDS = {
    "country": "country", "continent": "continent", "zone": "zone", "valley": "valley",
    "river": "river", "border": "border", "town": "town", "gn": "town", "adm1": "region",
    "other": "other",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Chokepoint:
    """A place that flows from production zones to destinations depend on.

    ``cuts`` are the destinations that a smallest set of places containing this one would
    separate from every zone; ``cut_score`` adds 1/size of each such set (1.0 per destination
    for which it alone is the cut). ``betweenness`` is the share of connected
    (zone, destination) pairs whose shortest paths, weighted by how well each hop is
    documented, pass through it. ``weight`` counts statements and routes entering it.
    """

    place_id: str
    name: str
    kind: str
    cut_score: float
    cuts: tuple[str, ...]
    betweenness: float
    weight: int


def trafficking_graph(
    store: Reader,
    curated: Sequence[Route] = (),
    since: str | None = None,
    until: str | None = None,
    place_info: Mapping[str, PlaceInfo] | None = None,
    commodities: Collection[str] | None = None,
) -> nx.DiGraph[str]:
    """The trafficking graph from stored route statements plus ``curated`` routes.

    ``since``/``until`` are ISO dates or prefixes ("2020", "2021-06"), inclusive: statements
    count by their document's publication date (undated documents drop out when a bound is
    given) and curated routes by the years of their ``period`` (undated ones stay).
    ``commodities`` keeps only routes of those commodities ("cocaine", "gold", ...).
    """
    store = as_view(store)
    graph: nx.DiGraph[str] = nx.DiGraph()
    counted: set[str] = set()
    for row in store.route_statements(since, until, _EVIDENCE_PER_EDGE):
        if commodities is not None and row.commodity not in commodities:
            continue
        evidence = {"doc_id": row.doc_id, "published": row.published, "text": row.evidence}
        count = 0 if row.route_key in counted else row.n  # a group's size, once
        counted.add(row.route_key)
        _add_path(graph, json.loads(row.nodes), row.commodity, row.mode, evidence, count=count)
    for route in curated:
        wanted = commodities is None or route.commodity in commodities
        if wanted and _period_overlaps(route.period, since, until):
            _add_path(graph, list(route.nodes), route.commodity, route.mode, route=route)
    for _, _, data in graph.edges(data=True):
        data["evidence"].sort(key=lambda e: (e["published"] or "", e["doc_id"]))
    _describe_nodes(graph, store, place_info or {})
    return graph


def _period_overlaps(period: str | None, since: str | None, until: str | None) -> bool:
    """Whether a curated route's years ("2012-2015", "2014") meet the bounds' years."""
    years = [int(y) for y in re.findall(r"\d{4}", period or "")]
    if not years:
        return True
    return not (since and max(years) < int(since[:4])) and not (
        until and min(years) > int(until[:4])
    )


def _add_path(
    graph: nx.DiGraph[str],
    nodes: list[str],
    commodity: str | None,
    mode: str | None,
    evidence: dict[str, Any] | None = None,
    route: Route | None = None,
    count: int = 1,
) -> None:
    """Add ``count`` statements of one path, or a curated route: a hop per consecutive
    pair of nodes. With ``count`` 0 only the ``evidence`` is added."""
    if len(nodes) < 2:
        return
    for end, attr in ((nodes[0], "origin"), (nodes[-1], "terminus")):
        graph.add_node(end)
        graph.nodes[end][attr] = graph.nodes[end].get(attr, 0) + count
    for a, b in itertools.pairwise(nodes):
        if a == b:
            continue
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, statements=0, curated=0, commodities=[], modes=[],
                           routes=[], sources=[], evidence=[])  # fmt: skip
        edge = graph.edges[a, b]
        edge["weight"] += count
        for key, value in (("commodities", commodity), ("modes", mode)):
            if value and value not in edge[key]:
                edge[key].append(value)
        if route is not None:
            edge["curated"] += 1
            edge["routes"].append(route.id)
            edge["sources"].extend(s for s in route.sources if s not in edge["sources"])
        else:
            edge["statements"] += count
            if evidence is not None and len(edge["evidence"]) < _EVIDENCE_PER_EDGE:
                edge["evidence"].append(evidence)


def _describe_nodes(
    graph: nx.DiGraph[str], store: View, place_info: Mapping[str, PlaceInfo]
) -> None:
    """Name, kind, country and point of each node: from the store's places, else from
    ``place_info``, else the id itself and the kind its prefix implies."""
    nodes = set(graph.nodes)
    known = {
        p.id: (p.name, p.kind.value, p.country, p.point.lat if p.point else None,
               p.point.lon if p.point else None)
        for p in store.places() if p.id in nodes
    }  # fmt: skip
    for node in graph.nodes:
        name, kind, country, lat, lon = known.get(node) or _info(node, place_info.get(node))
        data = graph.nodes[node]
        data.update(name=name, kind=kind, country=country or "", lat=lat, lon=lon)
        data.setdefault("origin", 0)
        data.setdefault("terminus", 0)
        data["commodities"] = sorted(
            {c for _, _, e in graph.in_edges(node, data=True) for c in e["commodities"]}
            | {c for _, _, e in graph.out_edges(node, data=True) for c in e["commodities"]}
        )


def _info(
    node: str, info: PlaceInfo | None
) -> tuple[str, str, str | None, float | None, float | None]:
    prefix = node.split(":", 1)[0]
    kind = _PREFIX_KINDS.get(prefix, "other")
    if prefix == "pe":  # ubigeo length: 2 department, 4 province, 6 district
        kind = {2: "region", 4: "province"}.get(len(node) - 3, "district")
    country = node.removeprefix("country:") if prefix == "country" else None
    country = "PE" if prefix == "pe" else country
    if isinstance(info, Place):
        lat, lon = (info.point.lat, info.point.lon) if info.point else (None, None)
        return info.name, info.kind.value, info.country, lat, lon
    if info is not None:
        return info[0], kind, country, info[1], info[2]
    return node, kind, country, None, None


# ---------------------------------------------------------------- chokepoints


def chokepoints(
    graph: nx.DiGraph[str],
    sources: Iterable[str] | None = None,
    sinks: Iterable[str] | None = None,
    top: int = 10,
) -> list[Chokepoint]:
    """The ``top`` places between ``sources`` and ``sinks``, most needed first (by
    ``cut_score``, then ``betweenness``). Sources and sinks themselves are not listed.

    Defaults: sources are the production zones, Peruvian zones and valleys where routes
    start and that receive none of what leaves them (the VRAEM receives precursors, not
    cocaine; the triple frontier receives cocaine and is a hub); sinks are the foreign
    places (countries, continents, towns abroad). A hop straight from a source to a sink
    (an air bridge) passes no place, so no place can cut it.
    """
    src = set(sources) if sources is not None else _default_sources(graph)
    dst = set(sinks) if sinks is not None else _default_sinks(graph)
    src = {s for s in src if s in graph} - dst
    dst = {t for t in dst if t in graph}
    if not src or not dst:
        return []
    between = _betweenness(_with_distance(graph), src, dst)
    cut_score, cuts = _cut_scores(graph, src, dst)
    candidates = (set(cut_score) | {n for n, b in between.items() if b > 0}) - src - dst
    ranked = sorted(candidates, key=lambda n: (-cut_score.get(n, 0.0), -between.get(n, 0.0), n))
    return [
        Chokepoint(
            place_id=n,
            name=str(graph.nodes[n].get("name", n)),
            kind=str(graph.nodes[n].get("kind", "other")),
            cut_score=round(cut_score.get(n, 0.0), 6),
            cuts=tuple(cuts.get(n, ())),
            betweenness=round(between.get(n, 0.0), 6),
            weight=int(sum(w for _, _, w in graph.in_edges(n, data="weight", default=1))),
        )
        for n in ranked[:top]
    ]


def _cut_scores(
    graph: nx.DiGraph[str], src: set[str], dst: set[str]
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Per place: the sum of 1/size of the minimum cuts it belongs to (one cut per sink),
    and those sinks. One max-flow per sink: a few milliseconds each on these graphs."""
    score: dict[str, float] = {}
    cuts: dict[str, list[str]] = {}
    for sink in sorted(dst):
        cut = min_node_cut(graph, src, [sink])
        for place in cut:
            score[place] = score.get(place, 0.0) + 1.0 / len(cut)
            cuts.setdefault(place, []).append(sink)
    return score, cuts


def _default_sources(graph: nx.DiGraph[str]) -> set[str]:
    """Peruvian zones and valleys where routes start and that receive none of what they
    send (so not hubs)."""
    out = set()
    for node, data in graph.nodes(data=True):
        if data.get("kind") not in _PRODUCTION_KINDS or data.get("country") not in ("PE", ""):
            continue
        if not data.get("origin"):
            continue
        sent = _families(graph.out_edges(node, data=True))
        got = _families(graph.in_edges(node, data=True))
        if not sent & got:
            out.add(node)
    return out


def _default_sinks(graph: nx.DiGraph[str]) -> set[str]:
    """Places abroad: foreign countries, continents, towns and regions, and world regions
    where routes end."""
    out = set()
    for node, data in graph.nodes(data=True):
        country, kind = data.get("country") or "", data.get("kind")
        if node == "country:PE":
            continue
        foreign = (country not in ("", "PE")) or kind == "continent"
        # world regions ("Central America") are zones with no country: sinks when routes end there
        region = kind == "zone" and not country and data.get("terminus", 0) > 0
        if foreign or region:
            out.add(node)
    return out


def _families(edges: Iterable[tuple[str, str, dict[str, Any]]]) -> set[str]:
    """The commodity families carried by some edges."""
    return {_FAMILY.get(c, c) for _, _, data in edges for c in data["commodities"]}


def _with_distance(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """A copy whose edges carry ``distance`` = 1 / weight: a well documented hop is short."""
    work: nx.DiGraph[str] = nx.DiGraph()
    work.add_nodes_from(graph.nodes)
    for a, b, w in graph.edges(data="weight", default=1):
        work.add_edge(a, b, distance=1.0 / max(float(w), 1.0))
    return work


def _betweenness(work: nx.DiGraph[str], src: set[str], dst: set[str]) -> dict[str, float]:
    """Weighted betweenness over source->sink shortest paths, as a share of connected pairs."""
    raw = nx.betweenness_centrality_subset(
        work, sorted(src), sorted(dst), normalized=False, weight="distance"
    )
    pairs = sum(1 for s in src for t in nx.descendants(work, s) if t in dst)
    return {n: float(v) / pairs for n, v in raw.items()} if pairs else {}


def min_node_cut(
    graph: nx.DiGraph[str], sources: Iterable[str], sinks: Iterable[str]
) -> frozenset[str]:
    """The fewest places (other than the sources and sinks) whose removal leaves no path from
    any source to any sink, except hops straight from a source to a sink, which no place can
    cut. Empty when nothing connects them or only such direct hops do.

    Each place is split into an entry and an exit joined by capacity 1; a hop gets a
    capacity above any node cut, so the minimum cut crosses hops only where it must (direct
    hops); sources and sinks are joined without limit (networkx reads a missing capacity as
    infinite), so they are never cut.
    """
    src, dst = set(sources) & set(graph), set(sinks) & set(graph)
    if not src or not dst:
        return frozenset()
    big = graph.number_of_nodes() + 1
    ends = src | dst
    flow: nx.DiGraph[Any] = nx.DiGraph()
    for node in graph.nodes:
        if node in ends:
            flow.add_edge((node, "in"), (node, "out"))
        else:
            flow.add_edge((node, "in"), (node, "out"), capacity=1)
    for a, b in graph.edges:
        flow.add_edge((a, "out"), (b, "in"), capacity=big)
    flow.add_edges_from(("S", (s, "in")) for s in src)
    flow.add_edges_from(((t, "out"), "T") for t in dst)
    value, (reach, _) = nx.minimum_cut(flow, "S", "T")
    if value == 0:
        return frozenset()
    return frozenset(
        n for n in graph.nodes
        if n not in ends and (n, "in") in reach and (n, "out") not in reach
    )  # fmt: skip


# ---------------------------------------------------------------- exports


def trafficking_graph_json(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """Node-link JSON (``nodes``, ``edges``), sorted so that output diffs are stable; it
    also loads with ``networkx.node_link_graph(data, edges="edges")``."""
    nodes = [{"id": n, **graph.nodes[n]} for n in sorted(graph.nodes)]
    edges = [{"source": a, "target": b, **graph.edges[a, b]} for a, b in sorted(graph.edges)]
    return {"directed": True, "multigraph": False, "graph": {}, "nodes": nodes, "edges": edges}


def trafficking_graph_from_json(data: Mapping[str, Any]) -> nx.DiGraph[str]:
    """The graph back from ``trafficking_graph_json`` output."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for node in data.get("nodes", []):
        attrs = {k: v for k, v in node.items() if k != "id"}
        graph.add_node(node["id"], **attrs)
    for edge in data.get("edges", []):
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        graph.add_edge(edge["source"], edge["target"], **attrs)
    return graph


def export_trafficking_graphml(graph: nx.DiGraph[str], path: str | Path) -> Path:
    """Write the graph as GraphML (Gephi, yEd)."""
    return write_graphml(graph, path)
