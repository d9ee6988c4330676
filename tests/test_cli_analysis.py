"""The analysis commands on the demo knowledge base: each runs, prints its answer and
writes the files it promises (GeoJSON, GraphML, JSON, chart)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from pukara.cli import app

pytestmark = pytest.mark.e2e
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


def _ok(*args: str) -> str:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_series_table_and_chart(demo_db: str, tmp_path: Path) -> None:
    chart = tmp_path / "coca.svg"
    out = _ok("series", "coca_cultivation_area", "--place", "PE", "--chart", str(chart),
              "--db", demo_db)  # fmt: skip
    assert "95,008" in out  # the demo's 2022 national figure, with its source
    assert chart.read_text().lstrip().startswith(("<?xml", "<svg"))


def test_events_are_grouped_with_corroboration(demo_db: str) -> None:
    out = _ok("events", "--type", "ambush", "--db", demo_db)
    assert "ambush" in out and "│ 2 " in out  # two outlets, one ambush


def test_hotspots_rank_and_geojson(demo_db: str, tmp_path: Path) -> None:
    path = tmp_path / "hot.geojson"
    out = _ok("hotspots", "--geojson", str(path), "--db", demo_db)
    assert "Loreto" in out or "Ayacucho" in out
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"][:2]
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_shifts_explain_their_method(demo_db: str) -> None:
    out = _ok("shifts", "--before", "2022:2023", "--after", "2024:2025", "--db", demo_db)
    assert "Fisher" in out and "Benjamini-Hochberg" in out


def test_network_graphs_and_profile(demo_db: str, tmp_path: Path) -> None:
    graphml, js = tmp_path / "t.graphml", tmp_path / "t.json"
    out = _ok("network", "--graphml", str(graphml), "--json", str(js), "--db", demo_db)
    assert "Callao" in out
    assert nx.read_graphml(graphml).number_of_nodes() > 10
    assert json.loads(js.read_text())["nodes"]
    agraph = tmp_path / "a.graphml"
    out = _ok("actors-graph", "--graphml", str(agraph), "--db", demo_db)
    assert nx.read_graphml(agraph).number_of_edges() > 0
    out = _ok("profile", "Sendero Luminoso", "--db", demo_db)
    assert "Shining Path" in out and "documents" in out
