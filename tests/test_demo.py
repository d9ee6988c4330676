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


# Three figures the demo corpus states (see pukara/demo/corpus/README.md), each of which
# must be stored with the sentence it came from.
KNOWN_FACTS = [
    ("ha", 95008.0, "95 008"),  # DEVIDA's 2022 national coca area, Spanish spaced thousands
    ("people", 280.0, "280"),  # troops moved from the VRAEM to the Putumayo
    ("kg", 410.0, "410"),  # the Desaguadero seizure
]


def _assert_known_facts(store: object) -> None:
    for unit, value, written in KNOWN_FACTS:
        facts = [f for f in store.view().facts(limit=None)[0]  # type: ignore[attr-defined]
                 if f.unit == unit and f.value == value]  # fmt: skip
        assert facts, (unit, value)
        for f in facts:
            text = store.view().document(f.doc_id).text  # type: ignore[attr-defined]
            assert written in f.evidence.text
            assert text[f.evidence.start : f.evidence.end] == f.evidence.text


def test_demo_builds_a_fresh_store_and_reingest_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.stdout
    with open_store(db) as store:  # observations without a place get their department
        assert store.db.scalar("SELECT count(*) FROM observations WHERE place IS NULL") < 10
    with open_store(db) as store:
        summary = store.view().summary()
        assert summary["documents"] >= 24
        assert summary["near_duplicates"] == 2  # the two syndicated copies in the corpus
        assert summary["observations"] >= 120
        assert summary["problems"] == 0
        languages = {r.language for r in store.view().documents(limit=100)}
        assert languages == {"en", "es"}
        graded = store.db.scalar("SELECT count(*) FROM sources WHERE reliability != 'F'")
        assert graded >= 10  # sources.yaml grades were applied
        assert summary["places"] >= 40 and summary["actors"] >= 20
        assert summary["facts"] >= 60 and summary["events"] >= 60
        _assert_known_facts(store)
    again = runner.invoke(app, ["ingest", str(demo_corpus()), "--db", str(db)])
    assert again.exit_code == 0
    assert "0 new documents" in again.stdout
    with open_store(db) as store:
        assert store.view().summary() == summary
    rebuilt = runner.invoke(app, ["demo", "--db", str(db)])  # demo starts from scratch
    assert rebuilt.exit_code == 0
    with open_store(db) as store:
        assert store.view().summary() == summary
