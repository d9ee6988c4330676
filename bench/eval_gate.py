"""Extraction quality gate: score `pukara extract` on the dev gold and fail below the floors.

    python bench/eval_gate.py [--allow-regression] [--update]

Runs ../shared/eval/score.py on ../shared/eval/dev (the three seed reports) and on our own
held-out-style set in tests/extract/eval (invented en/es reports, annotated the same way).
Floors are pinned in bench/eval_baseline.json together with a hash of each gold corpus; a
changed corpus or a score below a floor fails, unless --allow-regression is given. --update
raises the pinned floors to the current scores (never lowers them without
--allow-regression).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = ROOT / "bench" / "eval_baseline.json"
SETS = {
    "dev": (SHARED / "corpus" / "seeds", SHARED / "eval" / "dev"),
    "own": (
        ROOT / "tests" / "extract" / "eval" / "docs",
        ROOT / "tests" / "extract" / "eval" / "gold",
    ),
}
# The bars: the dev set must reach these whatever the baseline says.
REQUIRED = {"dev": {"places": 0.90, "actors": 0.90, "facts": 0.85}}
MARGIN = 0.02


def corpus_hash(docs: Path, gold: Path) -> str:
    h = hashlib.sha256()
    for path in sorted([*docs.glob("*"), *gold.glob("*.yaml")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def score(docs: Path, gold: Path) -> dict[str, float]:
    pukara = Path(sys.executable).with_name("pukara")
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as pred:
        files = sorted(str(p) for p in docs.glob("*.txt"))
        subprocess.run([str(pukara), "extract", *files, "--format", "jsonl"],
                       stdout=pred, check=True)  # fmt: skip
        out = subprocess.run(
            [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
             "--pred", pred.name, "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    result = json.loads(out.stdout)
    return {k: result[k]["f1"] for k in ("places", "actors", "facts")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--allow-regression", action="store_true")
    ap.add_argument("--update", action="store_true", help="pin the current scores as floors")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    failed = False
    for name, (docs, gold) in SETS.items():
        scores = score(docs, gold)
        digest = corpus_hash(docs, gold)
        pinned = baseline.get(name, {})
        floors = pinned.get("floors", {})
        print(f"{name}: " + "  ".join(f"{k} F1 {v:.3f} (floor {floors.get(k, 0):.3f})"
                                      for k, v in scores.items()))  # fmt: skip
        if pinned and pinned.get("corpus_hash") != digest and not args.update:
            print(f"  {name}: gold corpus changed ({pinned.get('corpus_hash')} -> {digest}); "
                  "re-pin with --update")  # fmt: skip
            failed = True
        for key, value in scores.items():
            need = max(floors.get(key, 0.0), REQUIRED.get(name, {}).get(key, 0.0))
            if value + 1e-9 < need:
                print(f"  {name}: {key} F1 {value:.3f} below floor {need:.3f}")
                failed = failed or not args.allow_regression
        if args.update:
            # a little slack below today's score, so that an honest fix elsewhere that moves
            # one borderline item does not block; real regressions still fail
            new = {k: round(max(v - MARGIN, REQUIRED.get(name, {}).get(k, 0.0)), 3)
                   for k, v in scores.items()}  # fmt: skip
            if not args.allow_regression and pinned.get("corpus_hash") == digest:
                new = {k: max(v, floors.get(k, 0.0)) for k, v in new.items()}
            baseline[name] = {"corpus_hash": digest, "floors": new}
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
        print(f"pinned floors in {BASELINE}")
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
