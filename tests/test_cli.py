"""The CLI end to end on the real seed reports and on broken inputs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pukara.cli import app
from pukara.store import open_store

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_seed_reports_then_reingest_adds_nothing(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "kb.db")
    code, out, _ = _run("ingest", str(seeds), "--db", db)
    assert code == 0, out
    assert "3 new documents" in out
    with open_store(db) as store:
        rows = {r.title: r for r in store.view().documents()}
        assert set(rows) == {
            "Is Peru shifting its Counter-Narcotics efforts?",
            "Peru achieves drug eradication milestone in the VRAEM",
            "Peru to Undermine Shining Path Finances by Attacking Drug Trade",
        }
        assert rows["Is Peru shifting its Counter-Narcotics efforts?"].published == "2024-11-20"
        assert (
            rows["Peru achieves drug eradication milestone in the VRAEM"].published == "2014-02-10"
        )
        for row in rows.values():
            text = store.view().document(row.id).text  # type: ignore[union-attr]
            for debris in ("Quantcast", "Browse latest", "Trending Articles", "Category",
                           "Date Created", "Tags", "\n$\n", "SEE ALSO"):  # fmt: skip
                assert debris not in text, (row.title, debris)
            assert row.language == "en"
    code, out, _ = _run("ingest", str(seeds), "--db", db)
    assert code == 0
    assert "0 new documents" in out and "3 already stored" in out


def test_exit_codes_and_problem_lines(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "kb.db")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(next(seeds.glob("*.txt")), mixed / "good.txt")
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "bad.csv").write_text("kind,lat,lon\nairstrip,95.2,-73.9\n")
    code, out, err = _run("ingest", str(mixed), "--db", db)
    assert code == 1
    assert f"{mixed / 'empty.txt'}: file: empty file" in err
    assert f"{mixed / 'bad.csv'}: row 2: latitude 95.2 outside [-90, 90]" in err
    code, out, _ = _run("problems", "--db", db)
    assert "empty file" in out and "row 2" in out

    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "x.geojson").write_text("{")
    code, _, err = _run("ingest", str(only_bad), "--db", db)
    assert code == 2
    assert "x.geojson: line 1 column 2: bad JSON" in err
    with open_store(db) as store:  # what was stored before is still there
        assert store.view().summary()["documents"] == 1


def test_documents_show_and_search(tmp_path: Path, seeds: Path) -> None:
    db = str(tmp_path / "kb.db")
    _run("ingest", str(seeds), "--db", db)
    code, out, _ = _run("search", "Camarada", "--db", db)
    assert code == 0 and "Camarada" in out
    doc_id = re.search(r"\b([0-9a-f]{16})\b", out)
    assert doc_id
    code, out, _ = _run("show", doc_id.group(1)[:8], "--db", db)
    assert code == 0
    assert "Peru to Undermine Shining Path Finances" in out
    assert "InSight Crime" in out
    code, out, _ = _run("documents", "--db", db)
    assert code == 0 and "2014-02-10" in out
    code, _, _ = _run("show", "ffffffff", "--db", db)
    assert code == 1
    code, _, _ = _run("search", "zzzzunfindable", "--db", db)
    assert code == 1


def test_bad_marking_is_one_line(tmp_path: Path, seeds: Path) -> None:
    code, _, err = _run(
        "ingest", str(seeds), "--db", str(tmp_path / "k.db"), "--marking", "TLP:PURPLE"
    )
    assert code == 2
    assert "error:" in err and "purple" in err.lower()
