"""Trafficking graph, chokepoints and exports (pukara/analyse/trafficking.py).

The small networks here are INVENTED (demo data): routes built by hand so that the
chokepoints can be worked out on paper.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from pukara.analyse.trafficking import (
    chokepoints,
    export_trafficking_graphml,
    min_node_cut,
    trafficking_graph,
    trafficking_graph_from_json,
    trafficking_graph_json,
)
from pukara.model import Document, Extraction, FuzzyDate, Place, Route, Span
from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.routes import load_routes
from pukara.store import SQLiteStore

VRAEM, HUALLAGA = "zone:vraem", "valley:upper-huallaga"
PUNO, CUSCO, DESAGUADERO = "pe:21", "gn:3941584", "gn:3941492"
CALLAO, BOLIVIA, EUROPE = "gn:3946083", "country:BO", "continent:EU"

# VRAEM -> Puno -> Desaguadero -> Bolivia, VRAEM -> Cusco -> Desaguadero -> Bolivia,
# VRAEM -> Callao -> Europe, Upper Huallaga -> Callao -> Europe.
# By hand: every path to Bolivia passes Desaguadero (Puno and Cusco are alternatives), and
# every path to Europe passes Callao, which carries two of the three connected
# (zone, destination) pairs.
DEMO = (
    Route("demo-puno", "cocaine", "road", (VRAEM, PUNO, DESAGUADERO, BOLIVIA), ("demo",)),
    Route("demo-cusco", "cocaine", "road", (VRAEM, CUSCO, DESAGUADERO, BOLIVIA), ("demo",)),
    Route("demo-callao", "cocaine", "sea", (VRAEM, CALLAO, EUROPE), ("demo",)),
    Route("demo-huallaga", "cocaine", "road", (HUALLAGA, CALLAO, EUROPE), ("demo",)),
)


def _info(routes: tuple[Route, ...]) -> dict[str, Place]:
    """What the face passes for places the store has not seen: gazetteer entries."""
    gaz = load_gazetteer()
    return {n: p for r in routes for n in r.nodes if (p := gaz.get(n)) is not None}


@pytest.fixture
def demo(store: SQLiteStore) -> nx.DiGraph[str]:
    return trafficking_graph(store, DEMO, place_info=_info(DEMO))


def test_graph_nodes_and_weighted_edges(demo: nx.DiGraph[str]) -> None:
    assert set(demo.nodes) == {VRAEM, HUALLAGA, PUNO, CUSCO, DESAGUADERO, CALLAO, BOLIVIA, EUROPE}
    edge = demo.edges[DESAGUADERO, BOLIVIA]
    assert (edge["weight"], edge["curated"], edge["statements"]) == (2, 2, 0)
    assert edge["routes"] == ["demo-puno", "demo-cusco"] and edge["sources"] == ["demo"]
    node = demo.nodes[DESAGUADERO]
    assert (node["name"], node["kind"], node["country"]) == ("Desaguadero", "town", "PE")
    assert node["lat"] == pytest.approx(-16.57, abs=0.1)
    assert demo.nodes[VRAEM]["origin"] == 3 and demo.nodes[EUROPE]["terminus"] == 2


def test_min_cut_between_vraem_and_bolivia_is_desaguadero(demo: nx.DiGraph[str]) -> None:
    assert min_node_cut(demo, [VRAEM], [BOLIVIA]) == {DESAGUADERO}
    assert min_node_cut(demo, [VRAEM, HUALLAGA], [EUROPE]) == {CALLAO}
    assert min_node_cut(demo, [HUALLAGA], [BOLIVIA]) == frozenset()  # not connected


def test_a_direct_hop_cannot_be_cut_but_the_rest_still_is(store: SQLiteStore) -> None:
    air = Route("demo-air", "cocaine", "air", (VRAEM, BOLIVIA), ("demo",))
    graph = trafficking_graph(store, (*DEMO, air), place_info=_info(DEMO))
    assert min_node_cut(graph, [VRAEM], [BOLIVIA]) == {DESAGUADERO}
    only_air = trafficking_graph(store, (air,))
    assert min_node_cut(only_air, [VRAEM], [BOLIVIA]) == frozenset()


def test_callao_is_the_chokepoint_for_europe(demo: nx.DiGraph[str]) -> None:
    ranked = chokepoints(demo)  # default sources: the two zones; sinks: Bolivia, Europe
    assert [c.place_id for c in ranked[:2]] == [CALLAO, DESAGUADERO]
    callao = ranked[0]
    assert callao.cuts == (EUROPE,) and callao.cut_score == 1.0
    assert callao.betweenness == pytest.approx(2 / 3, abs=1e-6)
    assert ranked[1].cuts == (BOLIVIA,) and ranked[1].betweenness == pytest.approx(1 / 3, abs=1e-6)
    halves = {c.place_id: c.betweenness for c in ranked[2:]}
    assert halves == {PUNO: pytest.approx(1 / 6, abs=1e-6), CUSCO: pytest.approx(1 / 6, abs=1e-6)}
    assert not {VRAEM, HUALLAGA, BOLIVIA, EUROPE} & {c.place_id for c in ranked}
    only_europe = chokepoints(demo, sinks=[EUROPE], top=1)
    assert [(c.place_id, c.cuts) for c in only_europe] == [(CALLAO, (EUROPE,))]


def test_statements_from_the_store_with_dates_and_commodities(store: SQLiteStore) -> None:
    texts = (  # invented, and different enough not to be near-duplicates
        "Demo: cocaine leaves the VRAEM for Bolivia by air, police said in March.",
        "Demo report two. Light aircraft still carry paste out of the valley to Bolivia.",
    )
    for i, day in enumerate(("2021-03-01", "2023-06-15")):
        doc = Document(text=texts[i], path=f"demo/{i}.txt", published=FuzzyDate.parse(day))
        route = Route(
            "zone:vraem>country:BO|cocaine|air", "cocaine", "air", (VRAEM, BOLIVIA),
            evidence=doc.text, span=Span(0, len(doc.text)), doc_id=doc.id,
        )  # fmt: skip
        places = tuple(_info((route,)).values())
        store.add_document(doc, Extraction(doc, places=places, routes=(route,)))
    graph = trafficking_graph(store, DEMO)
    edge = graph.edges[VRAEM, BOLIVIA]
    assert (edge["weight"], edge["statements"], edge["modes"]) == (2, 2, ["air"])
    assert [e["published"] for e in edge["evidence"]] == ["2021-03-01", "2023-06-15"]
    assert graph.nodes[VRAEM]["name"] == "VRAEM"  # from the store's places
    assert trafficking_graph(store, since="2022").edges[VRAEM, BOLIVIA]["weight"] == 1
    assert trafficking_graph(store, until="2021").edges[VRAEM, BOLIVIA]["weight"] == 1
    assert trafficking_graph(store, commodities={"gold"}).number_of_edges() == 0


def test_curated_periods_follow_the_bounds(store: SQLiteStore) -> None:
    old = Route("demo-old", "gold", "road", ("zone:corredor-minero-mdd", BOLIVIA), ("d",), "2014")
    assert trafficking_graph(store, (old,), since="2015").number_of_edges() == 0
    assert trafficking_graph(store, (old,), since="2012", until="2014").number_of_edges() == 1


def test_graphml_parses_with_networkx(demo: nx.DiGraph[str], tmp_path: Path) -> None:
    out = export_trafficking_graphml(demo, tmp_path / "routes.graphml")
    back = nx.read_graphml(out)
    assert set(back.nodes) == set(demo.nodes) and back.is_directed()
    assert back.nodes[CALLAO]["name"] == "Callao"
    assert json.loads(back.edges[DESAGUADERO, BOLIVIA]["routes"]) == ["demo-puno", "demo-cusco"]


def test_json_round_trips(demo: nx.DiGraph[str]) -> None:
    data = json.loads(json.dumps(trafficking_graph_json(demo)))
    back = trafficking_graph_from_json(data)
    assert dict(back.nodes(data=True)) == dict(demo.nodes(data=True))
    assert {(a, b): d for a, b, d in back.edges(data=True)} == {
        (a, b): d for a, b, d in demo.edges(data=True)
    }
    assert nx.node_link_graph(data, edges="edges").number_of_edges() == demo.number_of_edges()


def test_curated_network_chokepoints(store: SQLiteStore) -> None:
    routes = load_routes()
    graph = trafficking_graph(store, routes, place_info=_info(routes))
    ranked = chokepoints(graph, top=10)
    ids = [c.place_id for c in ranked]
    assert CALLAO in ids[:3] and DESAGUADERO in ids
    assert "zone:triple-frontier" in ids  # a hub, not a production zone
    assert all(c.cut_score > 0 or c.betweenness > 0 for c in ranked)
