"""The JSON API and the pages, through FastAPI's TestClient (no browser, no socket)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from pukara.errors import InputError, NotFoundError, PukaraError, StoreError
from pukara.web.handlers import ERRORS, error_answer

LORETO = "pe:16"


def _first_event(client: TestClient) -> dict:
    return client.get("/api/events", params={"limit": 1}).json()["items"][0]


def test_map_points_are_one_entry_per_place_with_department_counts(client: TestClient) -> None:
    body = client.get("/api/map/points").json()
    events, facts = body["events"], body["facts"]
    assert body["counted"] == "happenings"
    assert len(events["ids"]) == len(set(events["ids"])) == len(events["lat"]) == len(events["n"])
    assert sum(events["n"]) + events["unmapped"] == events["total"] > 100
    assert sum(facts["n"]) + facts["unmapped"] == facts["total"] > 100
    assert body["events_by_department"][LORETO] > 0
    assert all(-20 < lat < 15 for lat in events["lat"])


def test_map_filters_narrow_the_counts(client: TestClient) -> None:
    everything = client.get("/api/map/points").json()
    gold = client.get("/api/map/points", params={"activity": "gold_mining"}).json()
    recent = client.get("/api/map/points", params={"since": "2025"}).json()
    coca_area = client.get("/api/map/points", params={"indicator": "coca_cultivation_area"}).json()
    assert 0 < gold["events"]["total"] < everything["events"]["total"]
    assert 0 < recent["events"]["total"] < everything["events"]["total"]
    assert 0 < coca_area["facts"]["total"] < everything["facts"]["total"]
    # events of the types the taxonomy links to the indicator: report releases
    assert 0 < coca_area["events"]["total"] < everything["events"]["total"]
    linked = client.get("/api/events", params={"indicator": "coca_cultivation_area"}).json()
    assert {e["type"] for e in linked["items"]} == {"report_release"}
    # empty values from a submitted form mean "no filter"
    blank = client.get("/api/map/points?activity=&actor=&since=").json()
    assert blank["events"]["total"] == everything["events"]["total"]


def test_departments_are_the_base_map(client: TestClient) -> None:
    r = client.get("/api/map/departments")
    assert r.headers["content-type"].startswith("application/geo+json")
    features = r.json()["features"]
    roles = [f["properties"]["role"] for f in features]
    assert roles.count("department") == 25 and roles.count("country") == 1


def test_hotspots_rank_departments(client: TestClient) -> None:
    spots = client.get("/api/hotspots").json()
    assert spots[0]["rank"] == 1 and spots[0]["score"] >= spots[-1]["score"]
    assert {"unit_id", "name", "economies", "armed_actors"} <= set(spots[0])


def test_filters_list_what_occurs(client: TestClient) -> None:
    body = client.get("/api/filters").json()
    assert {o["value"] for o in body["activities"]} >= {"coca", "gold_mining"}
    assert any(o["value"] == "coca_cultivation_area" for o in body["indicators"])
    assert all(o["count"] > 0 for o in body["actors"])


def test_events_page_and_one_event(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 5, "type": "seizure"}).json()
    assert page["total"] >= len(page["items"]) == 5
    assert all(e["type"] == "seizure" for e in page["items"])
    dates = [e["date"] for e in page["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    detail = client.get(f"/api/events/{page['items'][0]['id']}").json()
    assert detail["event"]["id"] == page["items"][0]["id"]
    assert detail["reports"] and detail["marking"].startswith("TLP:")
    report = detail["reports"][0]
    doc = client.get(f"/api/documents/{report['doc_id']}").json()
    claim = next(c for c in doc["claims"] if c["kind"] == "event" and c["id"] == report["event_id"])
    assert doc["text"][claim["start"] : claim["end"]] == report["evidence"]


def test_place_has_figures_events_score_and_scope(client: TestClient) -> None:
    body = client.get(f"/api/places/{LORETO}").json()
    assert (
        body["place"]["name"] == "Loreto" and body["place"]["description"] == "department of Peru"
    )
    assert body["n_facts"] > 10 and body["n_events"] > 10
    assert body["score"]["unit_id"] == LORETO and body["score_level"] == "admin1"
    # figures placed in districts and towns of Loreto count for Loreto
    assert any(f["place_id"] != LORETO for f in body["facts"])
    fact = body["facts"][0]
    assert fact["url"] == f"/documents/{fact['doc_id']}?fact={fact['id']}#evidence"


def test_place_shift_periods_can_be_chosen(client: TestClient) -> None:
    body = client.get(
        f"/api/places/{LORETO}", params={"before": "2022:2023", "after": "2024:2026"}
    ).json()
    assert body["shifts_before"] == ["2022", "2023"]
    assert all(r["region_id"] == LORETO for r in body["shifts"])
    bad = client.get(f"/api/places/{LORETO}", params={"before": "2022"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_input"


def test_actor_by_id_or_alias(client: TestClient) -> None:
    body = client.get("/api/actors/shining-path").json()
    assert body["profile"]["name"] == "Shining Path"
    assert client.get("/api/actors/Sendero Luminoso").json()["profile"]["id"] == "shining-path"


def test_document_claims_carry_spans_and_markings(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Restricted note"}).json()["documents"]
    doc = client.get(f"/api/documents/{hits[0]['doc_id']}").json()
    assert doc["marking"] == "TLP:AMBER REL TO PE"
    assert doc["claims"] and all(c["marking"] == "TLP:AMBER REL TO PE" for c in doc["claims"])


def test_search_finds_documents_places_and_actors(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "loreto"}).json()
    assert body["documents"] and body["places"][0]["id"] == LORETO
    assert "[" in body["documents"][0]["snippet"]
    actors = client.get("/api/search", params={"q": "sendero"}).json()["actors"]
    assert actors[0]["id"] == "shining-path"


def test_series_side_by_side_and_chart(client: TestClient) -> None:
    body = client.get("/api/series/coca_cultivation_area", params={"place": "PE"}).json()
    assert body["indicator_label"] == "Coca cultivation area"
    assert any(len(p["figures"]) > 1 for p in body["points"])
    svg = client.get("/api/series/coca_cultivation_area/chart.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content[:500]


def test_facts_list(client: TestClient, demo_store: object) -> None:
    body = client.get("/api/facts", params={"activity": "coca", "limit": 3}).json()
    n = demo_store.db.scalar(  # type: ignore[attr-defined]
        "SELECT count(*) FROM facts f JOIN documents d ON d.id = f.doc_id "
        "WHERE f.activity = 'coca' AND d.duplicate_of IS NULL"
    )
    assert body["total"] == n > 3 and len(body["items"]) == 3
    assert all(f["url"].endswith("#evidence") for f in body["items"])


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/map/points", "/api/events", "/api/events/{event_id}",
                 "/api/places/{place}", "/api/actors/{actor_id}", "/api/documents/{doc_id}",
                 "/api/search", "/api/series/{indicator}", "/api/facts", "/api/hotspots",
                 "/brief", "/brief.pdf"):  # fmt: skip
        assert path in spec["paths"], path
    assert "MapPointsOut" in spec["components"]["schemas"]


# -- errors: one table, one JSON shape ------------------------------------------------------


def test_error_table_is_pinned() -> None:
    assert [(kind.__name__, status, code) for kind, status, code in ERRORS] == [
        ("NotFoundError", 404, "not_found"),
        ("InputError", 400, "bad_input"),
        ("StoreError", 503, "store_unavailable"),
        ("PukaraError", 400, "bad_request"),
    ]
    assert error_answer(NotFoundError("x")) == (404, "not_found")
    assert error_answer(InputError("p", "w", "r")) == (400, "bad_input")
    assert error_answer(StoreError("down")) == (503, "store_unavailable")
    assert error_answer(PukaraError("odd")) == (400, "bad_request")


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/places/nowhere", 404, "not_found"),
        ("/api/actors/nobody-at-all", 404, "not_found"),
        ("/api/events/0123456789abcdef", 404, "not_found"),
        ("/api/events/999999", 422, "invalid_request"),
        ("/api/documents/ffffffffffff", 404, "not_found"),
        ("/api/events?since=last-week", 400, "bad_input"),
        ("/api/map/points?activity=coca%27%20OR%201=1", 400, "bad_input"),
        ("/api/series/coca_cultivation_area?place=Atlantis", 404, "not_found"),
        ("/api/events?limit=0", 422, "invalid_request"),
        ("/api/hotspots?level=galaxy", 400, "bad_request"),
        ("/api/nothing-here", 404, "not_found"),
    ],
)
def test_errors_answer_one_json_shape(client: TestClient, url: str, status: int, code: str) -> None:
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error", "detail"} and body["error"] == code and body["detail"]


def test_page_errors_are_pages(client: TestClient) -> None:
    r = client.get("/places/nowhere", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "not in the store" in r.text


# -- pages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/map", "/events", "/events?activity=coca&since=2023", f"/places/{LORETO}", "/actors",
     "/actors/shining-path", "/documents", "/search?q=coca", "/series",
     "/series?indicator=coca_cultivation_area&place=Loreto", "/brief"],
)  # fmt: skip
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200 and r.text.startswith("<!doctype html>")
    assert 'class="marking marking-top' in r.text and 'class="marking marking-bottom' in r.text


def test_pages_never_load_from_elsewhere(client: TestClient) -> None:
    for url in ("/map", f"/places/{LORETO}", "/events"):
        html = client.get(url).text
        assert "http://" not in html.replace("http://www.w3.org", "")
        assert "https://" not in html and "//cdn" not in html and "unpkg" not in html


def test_vendored_leaflet_is_served(client: TestClient) -> None:
    for url in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js",
                "/static/js/map.js", "/static/css/pukara.css"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_text_from_documents_is_escaped(client: TestClient) -> None:
    doc_id = client.get("/api/search", params={"q": "Restricted note"}).json()["documents"][0][
        "doc_id"
    ]
    html = client.get(f"/documents/{doc_id}").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>officials</b>" not in html and "&lt;b&gt;officials&lt;/b&gt;" in html
    assert "TLP:AMBER REL TO PE" in html
    search = client.get("/search", params={"q": "officials"}).text
    assert "<b>officials" not in search


def test_document_page_marks_the_chosen_sentence(client: TestClient) -> None:
    fact = client.get(f"/api/places/{LORETO}").json()["facts"][0]
    html = client.get(fact["url"].split("#")[0]).text
    start = html.index('<mark id="evidence"')
    marked = html[html.index(">", start) + 1 : html.index("</mark>", start)]
    assert unescape(re.sub(r"<[^>]+>", "", marked)) == fact["evidence"]
    assert client.get(f"/documents/{fact['doc_id']}?fact=0123456789abcdef").status_code == 404


def test_event_evidence_redirects_to_the_sentence(client: TestClient) -> None:
    event = _first_event(client)
    r = client.get(f"/events/{event['id']}/evidence", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/documents/{event['doc_id']}?event=")


def test_brief_page_and_pdf(client: TestClient) -> None:
    html = client.get("/brief", params={"place": "LORETO", "since": "2024-01"}).text
    assert "Situation brief: Loreto" in html and html.count("TLP:AMBER REL TO PE") >= 2
    pdf = client.get("/brief.pdf", params={"place": "Loreto", "since": "2024-01"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get("/brief.pdf", params={"place": "Atlantis"}).status_code == 404


def test_api_docs_load_nothing_from_outside(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", html)
    assert assets and all(a.startswith("/static/vendor/swagger-ui/") for a in assets), assets
    assert "cdn" not in html.lower()
    for asset in assets:
        assert client.get(asset).status_code == 200
