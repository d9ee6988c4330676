"""The curated routes file (pukara/refdata/data/routes.yaml) and its loader."""

from __future__ import annotations

from pukara.refdata.gazetteer import load_gazetteer
from pukara.refdata.routes import COMMODITIES, MODES, load_routes


def test_every_node_is_a_gazetteer_place() -> None:
    gaz = load_gazetteer()
    missing = [(r.id, n) for r in load_routes() for n in r.nodes if gaz.get(n) is None]
    assert missing == []


def test_every_route_cites_a_source_and_is_well_formed() -> None:
    routes = load_routes()
    assert len(routes) >= 20
    assert len({r.id for r in routes}) == len(routes)
    for r in routes:
        assert r.sources, r.id
        assert r.commodity in COMMODITIES and r.mode in MODES, r.id
        assert len(r.nodes) >= 2 and len(set(r.nodes)) == len(r.nodes), r.id
        assert r.doc_id is None  # reference data, not read from a stored document


def test_the_routes_the_issue_names_are_there() -> None:
    hops = {(a, b) for r in load_routes() for a, b in zip(r.nodes, r.nodes[1:], strict=False)}
    assert ("zone:vraem", "country:BO") in hops  # the air bridge
    assert ("gn:3941492", "country:BO") in hops  # Desaguadero into Bolivia
    assert ("country:BO", "country:BR") in hops
    assert ("gn:3936456", "gn:3946083") in hops  # Lima to Callao
    assert any(a == "gn:3694112" for a, _ in hops)  # Paita, port to Europe
    assert ("zone:triple-frontier", "gn:3663517") in hops  # on to Manaus
    assert any(a == "river:putumayo" for a, _ in hops)
