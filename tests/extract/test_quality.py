"""The extraction quality gate inside the test suite: each gold set of bench/eval_gate.py (dev
seeds, our invented en/es set, the real corpus's working and held-out parts) must stay at or
above the floors pinned for it in bench/eval_baseline.json (bench/eval_gate.py re-pins them).

The gold sets and the scorer live in ../shared beside the repository; a clone without it skips
these tests and says why."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "bench" / "eval_gate.py")
assert _spec is not None and _spec.loader is not None
eval_gate = importlib.util.module_from_spec(_spec)
sys.modules["eval_gate"] = eval_gate  # dataclasses look their module up while being built
_spec.loader.exec_module(eval_gate)


@pytest.mark.parametrize("name", list(eval_gate.SETS))
def test_extraction_meets_pinned_floors(name: str) -> None:
    s = eval_gate.SETS[name]
    if not s.available():
        pytest.skip(f"{name}: gold {s.gold} or scorer {eval_gate.SCORER} not beside the repository")
    pinned = json.loads(eval_gate.BASELINE.read_text()).get(name)
    assert pinned is not None, f"{name}: no floors pinned; run bench/eval_gate.py --update"
    assert pinned["corpus_hash"] == eval_gate.corpus_hash(s), f"{name}: corpus changed: re-pin"
    scores = eval_gate.score(s)
    assert set(pinned["floors"]) <= set(scores), f"{name}: a pinned kind is no longer scored"
    below = eval_gate._check(name, scores, pinned["floors"])
    assert not below, "; ".join(below)


def test_split_is_disjoint_and_names_only_real_files() -> None:
    work, held = set(eval_gate.SPLIT["working"]), set(eval_gate.SPLIT["held_out"])
    assert work and held
    assert not work & held
    real = eval_gate.SETS["real-work"]
    if real.gold.is_dir():
        stems = {f.name.removesuffix(".gold.yaml") for f in real.gold.glob("*.gold.yaml")}
        assert work | held <= stems


def test_gate_never_prints_held_out_misses(monkeypatch, capsys) -> None:
    # the scorer is replaced by a canned result here: what is under test is what the gate prints
    held = eval_gate.SETS["real-held-out"]
    stem = "invented_held_out_doc"
    canned = {
        "places": {"precision": 1.0, "recall": 0.5, "f1": 0.667, "tp": 1, "gold": 2, "pred": 1},
        "documents": {stem: {"places": {"missed": ["Invented Town"], "extra": []}}},
    }
    monkeypatch.setattr(eval_gate, "score_full", lambda s: canned)
    monkeypatch.setattr(eval_gate.EvalSet, "available", lambda s: True)
    monkeypatch.setattr(eval_gate, "corpus_hash", lambda s: "0")
    monkeypatch.setattr("sys.argv", ["eval_gate.py", "--set", held.name, "--misses"])
    eval_gate.main()
    out = capsys.readouterr().out
    assert "F1 0.667" in out
    assert stem not in out
    assert "Invented Town" not in out
    monkeypatch.setattr(eval_gate, "SETS", {"x": eval_gate.EvalSet("x", held.docs, held.gold)})
    monkeypatch.setattr("sys.argv", ["eval_gate.py", "--misses"])
    eval_gate.main()
    assert "Invented Town" in capsys.readouterr().out
