"""The extraction quality gate inside the test suite: dev gold (shared/eval) and our own
invented en/es evaluation set must stay at or above the floors pinned in
bench/eval_baseline.json (see bench/eval_gate.py, which also re-pins them)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "bench" / "eval_gate.py")
assert _spec is not None and _spec.loader is not None
eval_gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_gate)


@pytest.mark.parametrize("name", sorted(eval_gate.SETS))
def test_extraction_meets_pinned_floors(name: str) -> None:
    docs, gold = eval_gate.SETS[name]
    if not gold.is_dir():
        pytest.fail(f"gold set {gold} missing")
    baseline = json.loads(eval_gate.BASELINE.read_text())[name]
    assert baseline["corpus_hash"] == eval_gate.corpus_hash(docs, gold), "gold changed: re-pin"
    scores = eval_gate.score(docs, gold)
    for key, floor in baseline["floors"].items():
        need = max(floor, eval_gate.REQUIRED.get(name, {}).get(key, 0.0))
        assert scores[key] >= need, f"{name} {key} F1 {scores[key]:.3f} < {need:.3f}"
