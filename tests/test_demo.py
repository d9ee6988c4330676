"""`pukara demo` end to end: the bundled corpus into a fresh store, then idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pukara.cli import app, demo_corpus
from pukara.store import open_store

pytestmark = pytest.mark.e2e
runner = CliRunner()


def test_demo_corpus_is_marked_as_demo_data() -> None:
    files = [p for p in demo_corpus().rglob("*") if p.is_file()]
    assert len(files) >= 25
    for path in files:
        head = path.read_text("utf-8")[:3000].lower()
        assert "demo" in head or "demostración" in head, path


def test_demo_builds_a_fresh_store_and_reingest_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.stdout
    with open_store(db) as store:
        summary = store.summary()
        assert summary["documents"] >= 24
        assert summary["near_duplicates"] == 2  # the two syndicated copies in the corpus
        assert summary["observations"] >= 120
        assert summary["problems"] == 0
        languages = {r.language for r in store.documents(limit=100)}
        assert languages == {"en", "es"}
        graded = store.execute("SELECT count(*) AS n FROM sources WHERE reliability != 'F'")
        assert graded[0]["n"] >= 10  # sources.yaml grades were applied
    again = runner.invoke(app, ["ingest", str(demo_corpus()), "--db", str(db)])
    assert again.exit_code == 0
    assert "0 new documents" in again.stdout
    with open_store(db) as store:
        assert store.summary() == summary
    rebuilt = runner.invoke(app, ["demo", "--db", str(db)])  # demo starts from scratch
    assert rebuilt.exit_code == 0
    with open_store(db) as store:
        assert store.summary() == summary
