"""Extraction quality gate: score `pukara extract` on four gold sets and fail below the floors.

    python bench/eval_gate.py [--set NAME ...] [--misses] [--update] [--allow-regression]

The sets, each scored and printed on its own for places, actors, facts and events (events
only where the gold lists them):

- ``dev``: the three seed reports (../shared/corpus/seeds, gold ../shared/eval/dev);
- ``own``: our invented en/es set (tests/extract/eval);
- ``real-work``: the working part of the real corpus (../shared/corpus/real);
- ``real-held-out``: the held-out part of the real corpus, drawn by a seeded random draw
  before work began (bench/eval_split.json lists file stems only).

A set is scored by running ``pukara extract --format jsonl`` on its documents and
../shared/eval/score.py on a temporary folder of links to its gold files. Floors are pinned
per set in bench/eval_baseline.json together with a hash of the set's documents and gold; a
changed corpus or a score below a floor fails. ``--update`` raises the pinned floors to the
current scores less a small margin; lowering a floor needs ``--allow-regression`` as well.
``--misses`` prints per-document misses, never for the held-out set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
BASELINE = ROOT / "bench" / "eval_baseline.json"
SPLIT = json.loads((ROOT / "bench" / "eval_split.json").read_text(encoding="utf-8"))
KINDS = ("places", "actors", "facts", "events")
# Bars from the issue. REQUIRED fails the gate whatever the pins say; TARGETS are printed.
REQUIRED = {"dev": {"places": 0.95, "actors": 0.95, "facts": 0.95}}
TARGETS = {"real-held-out": {"places": 0.92, "actors": 0.85, "facts": 0.85, "events": 0.75}}
MARGIN = 0.02


@dataclass(frozen=True)
class EvalSet:
    """Documents and gold of one set; ``stems`` picks a subset (None: every gold file)."""

    name: str
    docs: Path
    gold: Path
    stems: tuple[str, ...] | None = None
    held_out: bool = False

    def gold_files(self) -> list[Path]:
        files = sorted(self.gold.glob("*.gold.yaml"))
        if self.stems is None:
            return files
        return [f for f in files if f.name.removesuffix(".gold.yaml") in self.stems]

    def doc_files(self) -> list[Path]:
        stems = {f.name.removesuffix(".gold.yaml") for f in self.gold_files()}
        return sorted(p for p in self.docs.glob("*.txt") if p.stem in stems)

    def available(self) -> bool:
        return SCORER.is_file() and self.gold.is_dir() and bool(self.gold_files())


_REAL = (SHARED / "corpus" / "real", SHARED / "eval" / "real")
SETS = {
    s.name: s
    for s in (
        EvalSet("dev", SHARED / "corpus" / "seeds", SHARED / "eval" / "dev"),
        EvalSet("own", ROOT / "tests/extract/eval/docs", ROOT / "tests/extract/eval/gold"),
        EvalSet("real-work", *_REAL, stems=tuple(SPLIT["working"])),
        EvalSet("real-held-out", *_REAL, stems=tuple(SPLIT["held_out"]), held_out=True),
    )
}


def corpus_hash(s: EvalSet) -> str:
    h = hashlib.sha256()
    for path in [*s.doc_files(), *s.gold_files()]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def score_full(s: EvalSet) -> dict[str, Any]:
    """The scorer's full JSON result for one set (totals and per-document misses)."""
    pukara = Path(sys.executable).with_name("pukara")
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for f in s.gold_files():
            (gold_dir / f.name).symlink_to(f.resolve())
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as out:
            files = [str(p) for p in s.doc_files()]
            subprocess.run([str(pukara), "extract", *files, "--format", "jsonl"],
                           stdout=out, check=True)  # fmt: skip
        done = subprocess.run(
            [sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def score(s: EvalSet) -> dict[str, float]:
    """F1 per kind scored in this set."""
    return {k: v["f1"] for k, v in _totals(score_full(s)).items()}


def _totals(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: result[k] for k in KINDS if k in result}


def _print_set(s: EvalSet, result: dict[str, Any], floors: dict[str, float]) -> None:
    print(f"{s.name} ({len(s.gold_files())} documents)")
    for kind, r in _totals(result).items():
        target = TARGETS.get(s.name, {}).get(kind)
        note = f"  target {target:.2f}" if target is not None else ""
        print(f"  {kind:7s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
              f"  ({r['tp']}/{r['gold']} gold, {r['pred']} predicted)"
              f"  floor {floors.get(kind, 0.0):.3f}{note}")  # fmt: skip


def _print_misses(result: dict[str, Any]) -> None:
    for stem, doc in result["documents"].items():
        lines = [
            f"    {how} {kind}: {', '.join(map(str, doc[kind][key]))}"
            for kind in KINDS
            if kind in doc
            for how, key in (("missed", "missed"), ("extra ", "extra"))
            if doc[kind][key]
        ]
        if lines:
            print(f"  == {stem}")
            print("\n".join(lines))


def _check(name: str, scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per score below its pinned floor or the issue's required bar."""
    out = []
    for kind, value in scores.items():
        need = max(floors.get(kind, 0.0), REQUIRED.get(name, {}).get(kind, 0.0))
        if value + 1e-9 < need:
            out.append(f"{name}: {kind} F1 {value:.3f} below floor {need:.3f}")
    return out


def _new_floors(name: str, scores: dict[str, float], old: dict[str, float], keep: bool) -> Any:
    # a little slack below today's score, so that an honest fix elsewhere that moves one
    # borderline item does not block; real regressions still fail
    new = {k: round(max(v - MARGIN, REQUIRED.get(name, {}).get(k, 0.0)), 3)
           for k, v in scores.items()}  # fmt: skip
    return {k: max(v, old.get(k, 0.0)) for k, v in new.items()} if keep else new


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--set", dest="sets", action="append", choices=sorted(SETS))
    ap.add_argument("--misses", action="store_true", help="per-document misses (not held out)")
    ap.add_argument("--allow-regression", action="store_true")
    ap.add_argument("--update", action="store_true", help="pin the current scores as floors")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    failed = False
    for name in args.sets or list(SETS):
        s = SETS[name]
        if not s.available():
            print(f"{name}: skipped, {s.gold} or {SCORER} not found")
            continue
        result, digest = score_full(s), corpus_hash(s)
        scores = {k: v["f1"] for k, v in _totals(result).items()}
        pinned = baseline.get(name, {})
        floors = pinned.get("floors", {})
        _print_set(s, result, floors)
        if args.misses and not s.held_out:
            _print_misses(result)
        same = pinned.get("corpus_hash") == digest
        if pinned and not same and not args.update:
            print(f"  {name}: corpus changed ({pinned.get('corpus_hash')} -> {digest}); re-pin")
            failed = True
        for line in _check(name, scores, floors):
            print(f"  {line}")
            failed = failed or not args.allow_regression
        if args.update:
            keep = same and not args.allow_regression
            baseline[name] = {
                "corpus_hash": digest,
                "floors": _new_floors(name, scores, floors, keep),
            }
    if args.update:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
        print(f"pinned floors in {BASELINE.relative_to(ROOT)}")
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
