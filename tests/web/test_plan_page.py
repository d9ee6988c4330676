"""The decision-support page and its JSON endpoints (issue 6, item 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_plan_page_shows_allocation_map_and_what_if(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 200
    assert 'id="plan-map"' in page.text and "greedy baseline" in page.text
    assert "vendor/leaflet/leaflet.js" in page.text
    what_if = client.get("/plan", params={"move": "2 battalion vraem->putumayo"})
    assert what_if.status_code == 200 and 'id="plan-sim"' in what_if.text
    bad = client.get("/plan", params={"move": "two of them somewhere"})
    assert bad.status_code == 200 and "notice" in bad.text


def test_plan_json_endpoints(client: TestClient) -> None:
    alloc = client.get("/api/plan/allocation").json()
    assert alloc["objective"] >= alloc["greedy"]["objective"] - 1e-9
    assert alloc["geojson"]["type"] == "FeatureCollection"
    sim = client.get("/api/plan/simulation", params={"move": "1 battalion vraem->putumayo"})
    assert sim.status_code == 200
    assert {f["properties"]["id"] for f in sim.json()["geojson"]["features"]}
