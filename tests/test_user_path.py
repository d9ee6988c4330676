"""The path a new user takes, through the real command in a fresh HOME: a read without any
store says how to make one (and creates nothing); after `pukara demo` the commands use the
demo store and say so; a user's own reports are extracted on ingest and show up in series,
events, hotspots and briefs with their sentences and sources; every bad argument is one line.

The user's reports are invented for these tests (tests/data/own_reports, marked as such).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "tests" / "data" / "own_reports"


class User:
    """Someone at a terminal with an empty HOME."""

    def __init__(self, home: Path) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PUKARA_", "XDG_"))}
        self.env = {**env, "HOME": str(home), "PYTHONPATH": str(ROOT), "COLUMNS": "200"}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pukara.cli", *args], env=self.env,
                              cwd=self.home, capture_output=True, text=True, timeout=600)  # fmt: skip

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "pukara"


@pytest.fixture
def user(tmp_path: Path) -> User:
    return User(tmp_path / "home")


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line (the notice that says which store was used is not an error)."""
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and not line.startswith("using the demo store")]  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_read_without_a_store_says_how_to_make_one_and_creates_nothing(user: User) -> None:
    r = user.run("documents")
    assert r.returncode == 2
    assert "pukara demo" in _one_line(r) and "pukara ingest" in r.stderr
    assert not list(user.data.glob("*.db")) if user.data.exists() else True
    r = user.run("series", "coca_cultivation_area", "--db", str(user.home / "nothing.db"))
    assert r.returncode == 2 and "no store there" in _one_line(r)
    assert not (user.home / "nothing.db").exists()


def test_after_the_demo_commands_use_the_demo_store(user: User) -> None:
    assert user.run("demo").returncode == 0
    r = user.run("documents")
    assert r.returncode == 0 and "using the demo store" in r.stderr
    assert r.stdout.count("fictional") >= 15  # the demo's invented sources
    pdf = user.home / "b.pdf"
    r = user.run("brief", "--place", "LORETO", "--out", str(pdf))
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    r = user.run("search", "cocaína")
    assert r.returncode == 0 and "[cocaína]" in r.stdout  # the matched word is kept


def test_own_reports_are_extracted_and_analysed(user: User) -> None:
    r = user.run("ingest", str(OWN))
    assert r.returncode == 0, r.stderr
    assert "3 new documents" in r.stdout
    db = user.data / "pukara.db"  # the user's own default store, created by the ingest
    with sqlite3.connect(db) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "mentions", "facts", "events", "clusters")}  # fmt: skip
    assert counts["documents"] == 3 and all(counts[t] > 0 for t in counts), counts
    series = user.run("series", "coca_eradication_area")
    assert series.returncode == 0 and "using the demo store" not in series.stderr
    assert "3,150" in series.stdout and "CORAH erradicó" in series.stdout
    assert "Diario de Prueba del Oriente" in series.stdout  # the source, read from the text
    events = user.run("events")
    assert "seizure" in events.stdout and "1.8 tonnes" in events.stdout
    hotspots = user.run("hotspots")
    assert "Comandos de la Frontera" in hotspots.stdout  # tied to Putumayo in one sentence
    brief = user.home / "huanuco.html"
    assert user.run("brief", "--place", "Huánuco", "--out", str(brief)).returncode == 0
    html = brief.read_text("utf-8")
    assert "3,150 ha" in html and "Diario de Prueba del Oriente" in html


def test_no_extract_stores_the_text_only(user: User) -> None:
    db = user.home / "plain.db"
    assert user.run("ingest", str(OWN), "--no-extract", "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == 0


BAD = [
    (("events", "--since", "2024-13"), "--since"),
    (("hotspots", "--until", "yesterday"), "--until"),
    (("hotspots", "--level", "galaxy"), "--level"),
    (("shifts", "--before", "2014:2010", "--after", "2020:2024"), "--before"),
    (("shifts", "--before", "2010:2014", "--after", "2012:2022"), "overlaps"),
    (("shifts", "--before", "2010:2014", "--after", "2020:2024", "--kind", "foo"), "--kind"),
    (("shifts", "--before", "2010:2014", "--after", "2020:2024", "--level", "province"), "--level"),
    (("shifts", "--before", "2010", "--after", "2020:2024"), "--before"),
    (("series", "coca_cultivation_area", "--chart", "x.jpg"), "--chart"),
    (("series", "coca"), "closest: coca_cultivation_area"),
    (("events", "--type", "seizures"), "closest: seizure"),
    (("events", "--limit", "0"), "--limit"),
    (("profile", "Los Zetas Imaginarios"), "not in the store"),
    (("brief", "--place", "Atlantis", "--out", "a.pdf"), "not in the store"),
    (("brief", "--place", "Loreto", "--out", "a.docx"), "--out"),
    (("brief", "--place", "Loreto", "--out", "a.pdf", "--since", "2024-02-30"), "--since"),
    (("ingest", "nowhere/"), "no such file"),
    (("ingest", str(OWN), "--reliability", "Z"), "--reliability"),
    (("ingest", str(OWN), "--credibility", "9"), "--credibility"),
    (("ingest", str(OWN), "--marking", "TLP:PURPLE"), "--marking"),
    (("extract", str(OWN), "--format", "xml"), "--format"),
    (("documents", "--db", "mysql://x/y"), "mysql"),
    (("serve", "--port", "99999"), "--port"),
    (("plan", "simulate", "--runs", "0"), "--runs"),
]


@pytest.mark.parametrize(("args", "says"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_arguments_are_one_line_and_exit_2(
    args: tuple[str, ...], says: str, tmp_path: Path
) -> None:
    user = User(tmp_path / "home")
    demo = user.data / "demo.db"
    demo.parent.mkdir(parents=True)
    shared = Path(os.environ.get("PUKARA_TEST_DEMO_DB", ""))
    if shared.is_file():  # a demo store built once for the session (see the fixture below)
        demo.write_bytes(shared.read_bytes())
    r = user.run(*args)
    line = _one_line(r)
    assert r.returncode in (1, 2), (r.returncode, line)
    assert r.returncode == 2 or "not in the store" in line
    assert says in line, line


@pytest.fixture(autouse=True, scope="module")
def _demo_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One demo store for the module's bad-argument runs (they need a store to read)."""
    home = tmp_path_factory.mktemp("demo-home")
    user = User(home)
    assert user.run("demo").returncode == 0
    os.environ["PUKARA_TEST_DEMO_DB"] = str(user.data / "demo.db")


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"needs the seed corpus at {SEEDS}")
def test_the_seed_reports_give_the_2013_vraem_eradication_figure(user: User) -> None:
    assert user.run("ingest", str(SEEDS)).returncode == 0
    r = user.run("series", "coca_eradication_area")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any(line.startswith("│ VRAEM") and "2013" in line and "24,000" in line for line in lines)
    start = lines.index("VRAEM, 2013:")
    assert "In 2013, Peruvian security forces destroyed about 24,000 hectares" in lines[start + 1]
