"""Many writers and parallel ingest, through the real command in separate processes:
eight ingests starting at once on a new store all succeed (migrations run once, under a
lock), and a Dask ingest killed with kill -9 and run again loses and duplicates nothing.
The reports are SYNTHETIC (bench/corpus.py stitches them from the invented demo corpus)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUKARA = [sys.executable, "-m", "pukara.cli"]


def _corpus(folder: Path, docs: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import generate
    finally:
        sys.path.pop(0)
    generate(folder, docs, seed=3)
    return folder


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUKARA_")}
    return {**env, "HOME": str(tmp / "home"), "PYTHONPATH": str(ROOT)}


def _counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "facts", "events", "mentions", "actor_pairs")
        )


def _ids(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as conn:
        return [tuple(r[0] for r in conn.execute(f"SELECT id FROM {t} ORDER BY id"))
                for t in ("documents", "facts", "events")]  # fmt: skip


def test_eight_first_ingests_at_once_all_succeed(tmp_path: Path) -> None:
    folders = []
    for i in range(8):
        folder = tmp_path / f"in{i}"
        folder.mkdir()
        (folder / f"r{i}.txt").write_text(
            f"Demo report {i}. La Policía decomisó {i + 2} kilos de cocaína en Pichari. "
            + " ".join(f"w{i}x{j}" for j in range(40)), "utf-8")  # fmt: skip
        folders.append(folder)
    db = tmp_path / "new.db"
    procs = [subprocess.Popen([*PUKARA, "ingest", str(f), "--db", str(db)], env=_env(tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in folders]  # fmt: skip
    results = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0] * 8, [err for _, err in results]
    assert _counts(db)[0] == 8


@pytest.mark.slow
def test_parallel_ingest_killed_and_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 150)
    clean = tmp_path / "clean.db"
    done = subprocess.run([*PUKARA, "ingest", str(corpus), "--db", str(clean)],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stderr
    db = tmp_path / "parallel.db"
    run = [*PUKARA, "ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "8"]
    proc = subprocess.Popen(run, env=_env(tmp_path), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:  # kill once some batches are in, well before the end
        time.sleep(0.5)
        if db.exists() and proc.poll() is None:
            try:
                if 10 <= _counts(db)[0] < 100:
                    break
            except sqlite3.Error:
                continue
        if proc.poll() is not None:
            pytest.fail("the run finished before it could be killed; make the corpus larger")
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its Dask workers, mid-batch
    proc.wait()
    partial = _counts(db)[0]
    assert 0 < partial < 150
    again = subprocess.run(run, env=_env(tmp_path), capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert f"{partial} already stored" in again.stdout
    assert _counts(db) == _counts(clean)  # nothing lost, nothing twice
    assert _ids(db) == _ids(clean)  # and the same ids as a single-process ingest
